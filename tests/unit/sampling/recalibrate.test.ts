import { describe, expect, it } from 'vitest';
import { recalibrate, recalibrateOne } from '../../../src/lib/sampling/recalibrate.ts';

describe('re-calibration after negative downsampling', () => {
  it('gives the docs/design.md check values', () => {
    expect(recalibrateOne(0.5, 0.1)).toBeCloseTo(0.090909, 6);
    expect(recalibrateOne(0.9, 0.1)).toBeCloseTo(0.473684, 6);
    expect(recalibrateOne(0.2, 0.25)).toBeCloseTo(0.058824, 6);
  });

  it('adds ln w to the logit, keeps 0 and 1, and is the identity at w = 1', () => {
    const p = Float32Array.of(0, 0.01, 0.3, 0.77, 1);
    const q = recalibrate(p, 0.05);
    const logit = (v: number): number => Math.log(v / (1 - v));
    expect(q[0]).toBe(0);
    expect(q[4]).toBe(1);
    for (let i = 1; i < 4; i++) expect(logit(q[i]!)).toBeCloseTo(logit(p[i]!) + Math.log(0.05), 5);
    expect(Array.from(recalibrate(p, 1))).toEqual(Array.from(p));
    expect(() => recalibrate(p, 0)).toThrow(RangeError);
  });
});
