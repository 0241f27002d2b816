import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random.ts';
import {
  downsampleNegatives,
  upweightNegatives,
} from '../../../src/lib/sampling/negativeDownsampling.ts';

// 50,000 rows, about 5% positive; labels aligned with row ids.
const N = 50_000;
const rng = createRng(9);
const Y = Float32Array.from({ length: N }, () => (rng.next() < 0.05 ? 1 : 0));
const ROWS = Int32Array.from({ length: N }, (_, i) => i);
const POSITIVES = Y.reduce((s, v) => s + v, 0);
const NEGATIVES = N - POSITIVES;

describe('negative downsampling', () => {
  it('keeps every positive and a fraction w of negatives within 3 standard deviations', () => {
    for (const w of [0.1, 0.25, 0.7]) {
      const kept = downsampleNegatives(ROWS, Y, w, 42);
      const keptPositives = kept.reduce((s, r) => s + Y[r]!, 0);
      expect(keptPositives).toBe(POSITIVES);
      const keptNegatives = kept.length - keptPositives;
      const sd = Math.sqrt(NEGATIVES * w * (1 - w));
      expect(Math.abs(keptNegatives - w * NEGATIVES)).toBeLessThan(3 * sd);
    }
  });

  it('returns a subset of the given rows in their order, the same for the same seed', () => {
    const train = Int32Array.from({ length: 10_000 }, (_, i) => N - 1 - 3 * i);
    const a = downsampleNegatives(train, Y, 0.2, 1);
    expect(Array.from(downsampleNegatives(train, Y, 0.2, 1))).toEqual(Array.from(a));
    expect(Array.from(downsampleNegatives(train, Y, 0.2, 2))).not.toEqual(Array.from(a));
    const position = new Map(Array.from(train, (r, i) => [r, i]));
    expect(a.every((r, i) => i === 0 || position.get(r)! > position.get(a[i - 1]!)!)).toBe(true);
  });

  it('keeps everything at w = 1 and rejects a rate outside (0, 1]', () => {
    expect(downsampleNegatives(ROWS, Y, 1, 3).length).toBe(N);
    expect(() => downsampleNegatives(ROWS, Y, 0, 3)).toThrow(RangeError);
    expect(() => downsampleNegatives(ROWS, Y, 1.5, 3)).toThrow(RangeError);
  });

  it('weighs kept negatives 1/w so that they count as all negatives did', () => {
    const w = 0.25;
    const kept = downsampleNegatives(ROWS, Y, w, 5);
    const weights = upweightNegatives(kept, Y, w);
    expect(weights.length).toBe(kept.length);
    expect(kept.every((r, i) => weights[i] === (Y[r] === 1 ? 1 : 4))).toBe(true);
    const negativeWeight = weights.reduce((s, v) => (v === 4 ? s + v : s), 0);
    expect(Math.abs(negativeWeight - NEGATIVES) / NEGATIVES).toBeLessThan(0.03);
  });
});
