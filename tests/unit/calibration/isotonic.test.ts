import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/calibration/calibration.json';
import { restoreCalibrator } from '../../../src/lib/calibration/calibrator.ts';
import { fitIsotonic } from '../../../src/lib/calibration/isotonic.ts';

describe('isotonic calibration', () => {
  for (const c of fixture.cases) {
    it(`matches scikit-learn IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1) (${c.weighted ? 'weighted, zero weights dropped' : 'unweighted'})`, () => {
      const calibrator = fitIsotonic(Float32Array.from(c.p), c.y, c.weights ?? undefined);
      const state = calibrator.state;
      if (state.kind !== 'isotonic') throw new Error('expected an isotonic calibrator');
      expect(state.x).toEqual(c.isotonic.x);
      expect(state.y.length).toBe(c.isotonic.y.length);
      state.y.forEach((v, i) => expect(v).toBeCloseTo(c.isotonic.y[i]!, 12));
      c.testP.forEach((p, i) =>
        expect(calibrator.applyOne(p), `p=${p}`).toBeCloseTo(c.isotonic.testQ[i]!, 12),
      );
    });
  }

  it('pools adjacent violators by hand on a small example with ties', () => {
    // p: .1 .2 .2 .3 .4 with labels 1, 0, 1, 0, 1: tie at .2 -> 0.5; then 1, .5, 0, 1 pools to
    // [(1 + .5 x 2 + 0) / 4 = 0.5] over .1-.3, then 1.
    const c = fitIsotonic([0.1, 0.2, 0.2, 0.3, 0.4], [1, 0, 1, 0, 1]);
    expect(c.state).toEqual({ kind: 'isotonic', x: [0.1, 0.3, 0.4], y: [0.5, 0.5, 1] });
    expect(c.applyOne(0.35)).toBeCloseTo(0.75, 12);
    expect(c.applyOne(0)).toBe(0.5);
    expect(c.applyOne(2)).toBe(1);
  });

  it('round-trips through JSON', () => {
    const c = fixture.cases[1]!;
    const calibrator = fitIsotonic(c.p, c.y, c.weights ?? undefined);
    const restored = restoreCalibrator(JSON.parse(JSON.stringify(calibrator.state)));
    const p = Float32Array.from(c.testP);
    expect(Array.from(restored.apply(p))).toEqual(Array.from(calibrator.apply(p)));
  });
});
