import { pick, thinnedIndices } from './thinCurve.ts';
import { thresholdCounts } from './thresholdCounts.ts';
import { assertBinaryLabels, assertFinite, assertSameLength, assertWeights } from './validate.ts';

/**
 * ROC curve points from (0, 0) to (1, 1), by decreasing threshold. A point's threshold is the
 * lowest score predicted positive; the first point's threshold is Infinity (nothing predicted
 * positive), which JSON writes as null.
 */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/**
 * Precision-recall curve points from (recall 0, precision 1) to recall 1, by decreasing threshold;
 * the first point's threshold is Infinity (nothing predicted positive).
 */
export interface PrecisionRecallCurve {
  recall: number[];
  precision: number[];
  thresholds: number[];
}

export interface CurveOptions {
  /** Per-row sample weights; rows of weight 0 add no threshold, as in scikit-learn. */
  weights?: ArrayLike<number>;
  /** Thin the curve to at most this many points, evenly spaced along it (default 200; Infinity keeps all). */
  maxPoints?: number;
}

const DEFAULT_MAX_POINTS = 200;

/**
 * ROC curve of scores `p` against labels `y` (0/1), thresholds grouped and collinear points
 * dropped as scikit-learn's roc_curve(drop_intermediate=True) does, then thinned for drawing.
 * Null when either class is absent (the rates are undefined).
 */
export function rocCurve(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: CurveOptions = {},
): RocCurve | null {
  const { tps, fps, thresholds } = countsOf(y, p, options.weights);
  const m = tps.length;
  const positives = m > 0 ? tps[m - 1]! : 0;
  const negatives = m > 0 ? fps[m - 1]! : 0;
  if (positives === 0 || negatives === 0) return null;

  const fpr = [0];
  const tpr = [0];
  const kept = [Infinity];
  for (let j = 0; j < m; j++) {
    if (m > 2 && j > 0 && j < m - 1 && isCollinearStep(fps, j) && isCollinearStep(tps, j)) continue;
    fpr.push(fps[j]! / negatives);
    tpr.push(tps[j]! / positives);
    kept.push(thresholds[j]!);
  }
  const indices = thinnedIndices(fpr, tpr, options.maxPoints ?? DEFAULT_MAX_POINTS);
  return { fpr: pick(fpr, indices), tpr: pick(tpr, indices), thresholds: pick(kept, indices) };
}

/**
 * Precision-recall curve of scores `p` against labels `y` (0/1), one point per distinct score as
 * in scikit-learn's precision_recall_curve, then thinned for drawing. Null without positives.
 */
export function precisionRecallCurve(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: CurveOptions = {},
): PrecisionRecallCurve | null {
  const { tps, fps, thresholds } = countsOf(y, p, options.weights);
  const m = tps.length;
  const positives = m > 0 ? tps[m - 1]! : 0;
  if (positives === 0) return null;

  const recall = [0];
  const precision = [1];
  const kept = [Infinity];
  for (let j = 0; j < m; j++) {
    const tp = tps[j]!;
    recall.push(tp / positives);
    precision.push(tp / (tp + fps[j]!));
    kept.push(thresholds[j]!);
  }
  const indices = thinnedIndices(recall, precision, options.maxPoints ?? DEFAULT_MAX_POINTS);
  return {
    recall: pick(recall, indices),
    precision: pick(precision, indices),
    thresholds: pick(kept, indices),
  };
}

function countsOf(y: ArrayLike<number>, p: ArrayLike<number>, weights?: ArrayLike<number>) {
  assertSameLength('p', p, y.length);
  assertBinaryLabels(y);
  assertFinite('p', p);
  assertWeights(weights, y.length);
  return thresholdCounts(y, p, weights);
}

/** Point j lies on a straight run with equal steps on both sides (scikit-learn's zero second difference). */
function isCollinearStep(cumulative: Float64Array, j: number): boolean {
  return cumulative[j + 1]! - cumulative[j]! === cumulative[j]! - cumulative[j - 1]!;
}
