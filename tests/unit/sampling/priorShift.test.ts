import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { createRng } from '../../../src/lib/random.ts';
import {
  correctPriorShift,
  estimateDeploymentRate,
  priorShiftOne,
} from '../../../src/lib/sampling/priorShift.ts';
import { recalibrateOne } from '../../../src/lib/sampling/recalibrate.ts';
import { resampleToBaseRate } from '../../../src/lib/sampling/resampleToBaseRate.ts';
import { expectNear } from '../../helpers/tolerance.ts';

/**
 * 100k labelled rows whose true probability is known: a model that predicts p_true exactly is
 * perfectly calibrated at the training base rate, so any miscalibration after resampling is the
 * prior shift alone.
 */
function syntheticRows(n: number, seed: number) {
  const rng = createRng(seed);
  const pTrue = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pTrue[i] = 1 / (1 + Math.exp(-(rng.normal() * 1.5 - 2.5)));
    y[i] = rng.next() < pTrue[i]! ? 1 : 0;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const trainRate = y.reduce((s, v) => s + v, 0) / n;
  return { pTrue, y, rows, trainRate };
}

interface PriorShiftCase {
  name: string;
  p: number[];
  trainRate: number;
  deployRate: number;
  corrected: number[];
  estimate: { rate: number; steps: number; converged: boolean };
}

/** Written by scripts/fixtures/priorShift.py (numpy). */
const cases = JSON.parse(
  readFileSync(new URL('../../fixtures/priorShift/priorShift.json', import.meta.url), 'utf8'),
) as PriorShiftCase[];

describe('prior shift correction (Saerens, Latinne and Decaestecker 2002)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('matches the numpy reference: %s', (_, c) => {
    c.p.forEach((p, i) => {
      expect(priorShiftOne(p, c.trainRate, c.deployRate)).toBeCloseTo(c.corrected[i]!, 12);
    });
    const batch = correctPriorShift(c.p, c.trainRate, c.deployRate);
    batch.forEach((q, i) => expect(q).toBeCloseTo(c.corrected[i]!, 6));
    const estimate = estimateDeploymentRate(c.p, c.trainRate);
    expect(estimate.steps).toBe(c.estimate.steps);
    expect(estimate.converged).toBe(c.estimate.converged);
    expectNear(estimate.rate, c.estimate.rate, 1e-9);
  });

  it('is the identity when the base rate does not move, and keeps 0 and 1', () => {
    for (const p of [0, 0.03, 0.5, 0.97, 1]) expect(priorShiftOne(p, 0.2, 0.2)).toBeCloseTo(p, 15);
    expect(priorShiftOne(0, 0.1, 0.4)).toBe(0);
    expect(priorShiftOne(1, 0.1, 0.4)).toBe(1);
  });

  it('has downsampling re-calibration as its special case: odds factor w', () => {
    // Training on negatives kept at rate w moves the base rate from b to b / (b + w (1 - b)); the
    // correction back to b is q = p / (p + (1 - p) / w), docs/design.md's check values included.
    for (const [w, b] of [
      [0.1, 0.02],
      [0.25, 0.3],
      [0.5, 0.001],
    ] as const) {
      const downsampled = b / (b + w * (1 - b));
      for (const p of [0.01, 0.2, 0.5, 0.9, 0.999]) {
        expect(priorShiftOne(p, downsampled, b)).toBeCloseTo(recalibrateOne(p, w), 12);
      }
    }
    const b = 0.05;
    expect(priorShiftOne(0.5, b / (b + 0.1 * (1 - b)), b)).toBeCloseTo(0.090909, 6);
    expect(priorShiftOne(0.9, b / (b + 0.1 * (1 - b)), b)).toBeCloseTo(0.473684, 6);
    expect(priorShiftOne(0.2, b / (b + 0.25 * (1 - b)), b)).toBeCloseTo(0.058824, 6);
  });

  const data = syntheticRows(100_000, 7);
  for (const deployRate of [0.02, 0.3]) {
    describe(`100k rows trained at b = ${data.trainRate.toFixed(3)}, served at b' = ${deployRate}`, () => {
      const served = resampleToBaseRate(data.rows, data.y, deployRate, 11);
      const y = Float64Array.from(served.rows, (r) => data.y[r]!);
      const p = Float64Array.from(served.rows, (r) => data.pTrue[r]!);

      it('breaks calibration without correction and the known prior repairs it', () => {
        const raw = binaryMetrics(y, p);
        expect(Math.abs(raw.calibrationRatio! - 1)).toBeGreaterThan(0.3);
        const q = correctPriorShift(p, data.trainRate, served.baseRate);
        const fixed = binaryMetrics(y, q);
        expectNear(fixed.calibrationRatio!, 1, 0.05);
        expect(fixed.logLoss!).toBeLessThan(raw.logLoss!);
        expect(fixed.ece!).toBeLessThan(raw.ece!);
        // A monotone map: the order, and so ROC AUC, does not move.
        expectNear(fixed.rocAuc!, raw.rocAuc!, 1e-6);
      });

      it('EM estimates the new base rate within 0.01 from the unlabelled predictions', () => {
        const estimate = estimateDeploymentRate(p, data.trainRate);
        expect(estimate.converged).toBe(true);
        expectNear(estimate.rate, served.baseRate, 0.01);
        // Closer to calibrated than no correction; not as close as the known prior, since a
        // weakly separating model leaves the estimate sensitive to noise in b (at b' = 0.02 an
        // error of 0.005 is a quarter of the rate).
        const raw = binaryMetrics(y, p).calibrationRatio!;
        const q = correctPriorShift(p, data.trainRate, estimate.rate);
        const ratio = binaryMetrics(y, q).calibrationRatio!;
        expect(Math.abs(ratio - 1)).toBeLessThan(Math.abs(raw - 1) / 2);
      });
    });
  }

  it('stops at the step limit and says so', () => {
    const e = estimateDeploymentRate([0.9, 0.8, 0.95], 0.1, { maxSteps: 3 });
    expect(e).toMatchObject({ steps: 3, converged: false });
  });

  it('rejects base rates outside (0, 1)', () => {
    expect(() => correctPriorShift([0.5], 0, 0.5)).toThrow('trainRate = 0');
    expect(() => estimateDeploymentRate([0.5], 1)).toThrow('trainRate = 1');
  });
});

describe('resampleToBaseRate', () => {
  const y = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const rows = Int32Array.from({ length: 1000 }, (_, i) => i);

  it('reaches the rate by thinning the class in surplus, seeded, rows in order', () => {
    const up = resampleToBaseRate(rows, y, 0.25, 3);
    expect(up.rows.length).toBe(400); // all 100 positives and 300 of the 900 negatives
    expect(up.baseRate).toBe(0.25);
    const down = resampleToBaseRate(rows, y, 0.05, 3);
    expect(down.rows.filter((r) => y[r] === 1).length).toBe(47); // round(900 * 0.05 / 0.95)
    expect(down.rows.length).toBe(947);
    expect(Array.from(up.rows)).toEqual(Array.from(up.rows).sort((a, b) => a - b));
    expect(Array.from(resampleToBaseRate(rows, y, 0.25, 3).rows)).toEqual(Array.from(up.rows));
    expect(Array.from(resampleToBaseRate(rows, y, 0.25, 4).rows)).not.toEqual(Array.from(up.rows));
  });

  it('names the field and needs both classes', () => {
    expect(() => resampleToBaseRate(rows, y, 1, 0)).toThrow('deploymentBaseRate = 1');
    expect(() => resampleToBaseRate(rows.subarray(1, 10), y, 0.5, 0)).toThrow('0 positives');
  });
});
