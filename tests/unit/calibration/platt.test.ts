import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/calibration/calibration.json';
import { restoreCalibrator } from '../../../src/lib/calibration/calibrator.ts';
import { LOGIT_EPS, clippedLogit, fitPlatt } from '../../../src/lib/calibration/platt.ts';

// Platt's objective as sklearn's _sigmoid_calibration writes it, to compare optima.
function plattLoss(p: number[], y: number[], w: number[] | null, a: number, b: number): number {
  const weight = (i: number): number => (w ? w[i]! : 1);
  let n0 = 0;
  let n1 = 0;
  y.forEach((v, i) => (v > 0 ? (n1 += weight(i)) : (n0 += weight(i))));
  let loss = 0;
  p.forEach((v, i) => {
    const t = y[i]! > 0 ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2);
    const q = 1 / (1 + Math.exp(a * clippedLogit(v) + b));
    loss -= weight(i) * (t * Math.log(q) + (1 - t) * Math.log(1 - q));
  });
  return loss;
}

describe('Platt scaling', () => {
  it('uses the logit clipping the fixture was made with', () => {
    expect(LOGIT_EPS).toBe(fixture.logitEps);
  });

  for (const c of fixture.cases) {
    it(`matches scikit-learn _sigmoid_calibration on logits (${c.weighted ? 'weighted' : 'unweighted'})`, () => {
      const calibrator = fitPlatt(Float32Array.from(c.p), c.y, c.weights ?? undefined);
      const state = calibrator.state;
      if (state.kind !== 'platt') throw new Error('expected a Platt calibrator');
      // sklearn stops BFGS at a gradient norm of 1e-5, Newton at the optimum: they agree to about 3e-8.
      expect(state.a).toBeCloseTo(c.platt.a, 6);
      expect(state.b).toBeCloseTo(c.platt.b, 6);
      expect(plattLoss(c.p, c.y, c.weights, state.a, state.b)).toBeLessThanOrEqual(
        plattLoss(c.p, c.y, c.weights, c.platt.a, c.platt.b) + 1e-9,
      );
      c.testP.forEach((p, i) =>
        expect(calibrator.applyOne(p), `p=${p}`).toBeCloseTo(c.platt.testQ[i]!, 5),
      );
    });
  }

  it('round-trips through JSON and applies to a Float32Array', () => {
    const c = fixture.cases[0]!;
    const calibrator = fitPlatt(c.p, c.y);
    const restored = restoreCalibrator(JSON.parse(JSON.stringify(calibrator.state)));
    const p = Float32Array.from(c.testP);
    expect(Array.from(restored.apply(p))).toEqual(Array.from(calibrator.apply(p)));
  });
});
