import { histogram, type Histogram } from './histogram.ts';
import { assertFinite, assertSameLength, assertWeights } from './validate.ts';

export type RegressionMetricName = 'rmse' | 'mae' | 'r2';

export interface RegressionMetrics {
  count: number;
  /** Root of the weighted mean squared error, in the target's units. */
  rmse: number | null;
  /** Weighted mean absolute error, in the target's units. */
  mae: number | null;
  /** 1 - SS_res / SS_tot, both weighted; null when y is constant. */
  r2: number | null;
  /** Residuals y - prediction, 20 equal-width bins over their range. */
  residuals: Histogram;
  undefinedReasons: Partial<Record<RegressionMetricName, string>>;
}

/**
 * Regression metrics of predictions `pred` against targets `y` (same length, finite), with
 * optional per-row sample weights (scikit-learn's sample_weight).
 */
export function regressionMetrics(
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
  options: {
    weights?: ArrayLike<number>;
    /** Bins of the residual histogram; default 20. */
    residualBins?: number;
  } = {},
): RegressionMetrics {
  const n = y.length;
  const { weights } = options;
  assertSameLength('pred', pred, n);
  assertFinite('y', y);
  assertFinite('pred', pred);
  assertWeights(weights, n);

  let total = 0;
  let ySum = 0;
  let squared = 0;
  let absolute = 0;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const r = y[i]! - pred[i]!;
    residuals[i] = r;
    total += w;
    ySum += w * y[i]!;
    squared += w * r * r;
    absolute += w * Math.abs(r);
  }
  const residualHistogram = histogram(residuals, { bins: options.residualBins ?? 20, weights });
  if (total === 0) {
    const reason = n === 0 ? 'there are no rows' : 'every row has weight 0';
    return {
      count: n,
      rmse: null,
      mae: null,
      r2: null,
      residuals: residualHistogram,
      undefinedReasons: { rmse: reason, mae: reason, r2: reason },
    };
  }

  // Second pass for the total sum of squares: centring first avoids cancellation.
  const mean = ySum / total;
  let totalSquares = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    totalSquares += w * (y[i]! - mean) * (y[i]! - mean);
  }
  const r2 = totalSquares > 0 ? 1 - squared / totalSquares : null;
  return {
    count: n,
    rmse: Math.sqrt(squared / total),
    mae: absolute / total,
    r2,
    residuals: residualHistogram,
    undefinedReasons: r2 === null ? { r2: 'y is constant, so R^2 has no variance to explain' } : {},
  };
}
