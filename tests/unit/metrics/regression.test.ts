import { describe, expect, it } from 'vitest';
import { regressionMetrics } from '../../../src/lib/metrics/regression.ts';
import { readFixture, expectClose } from './referenceData.ts';

interface RegressionCase {
  name: string;
  y: number[];
  pred: number[];
  weights: number[] | null;
  expected: { rmse: number; mae: number; r2: number };
}

describe('regressionMetrics', () => {
  it.each(readFixture<RegressionCase[]>('regression.json').map((c) => [c.name, c] as const))(
    'computes RMSE, MAE and R^2 as scikit-learn does: %s',
    (_, c) => {
      const m = regressionMetrics(c.y, c.pred, c.weights ? { weights: c.weights } : {});
      expectClose(m.rmse, c.expected.rmse, 1e-12, 'rmse');
      expectClose(m.mae, c.expected.mae, 1e-12, 'mae');
      expectClose(m.r2, c.expected.r2, 1e-12, 'r2');
      expect(m.residuals.counts.reduce((a, b) => a + b, 0)).toBe(c.y.length);
    },
  );

  it('bins the residuals y - prediction over their range', () => {
    const m = regressionMetrics([1, 2, 3, 7], [2, 2, 2, 4], { residualBins: 4 });
    // Residuals -1, 0, 1, 3 on [-1, 3]: one per bin, the maximum in the closed last bin.
    expect(m.residuals).toEqual({
      edges: [-1, 0, 1, 2, 3],
      counts: [1, 1, 1, 1],
      weights: [1, 1, 1, 1],
    });
  });

  it('makes R^2 null with a reason when y is constant', () => {
    const m = regressionMetrics([2, 2, 2], [1, 2, 3]);
    expect(m.r2).toBeNull();
    expect(m.undefinedReasons.r2).toMatch(/constant/);
    expectClose(m.rmse, Math.sqrt(2 / 3), 1e-15);
  });
});
