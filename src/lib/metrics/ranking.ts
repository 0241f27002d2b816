import type { ThresholdCounts } from './thresholdCounts.ts';

/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties
 * counting one half (Mann-Whitney U / (P N), weighted). Equals the trapezoid area under the
 * ROC curve. Returns null when either class has no weight.
 */
export function rocAucFromCounts({ tps, fps }: ThresholdCounts): number | null {
  const m = tps.length;
  const positives = m > 0 ? tps[m - 1]! : 0;
  const negatives = m > 0 ? fps[m - 1]! : 0;
  if (positives === 0 || negatives === 0) return null;
  let area = 0;
  let tpBefore = 0;
  let fpBefore = 0;
  for (let j = 0; j < m; j++) {
    const tp = tps[j]!;
    const fp = fps[j]!;
    // Negatives in this tie group lose to every positive above it and tie with those in it.
    area += (fp - fpBefore) * (tpBefore + (tp - tpBefore) / 2);
    tpBefore = tp;
    fpBefore = fp;
  }
  return area / (positives * negatives);
}

/**
 * Average precision as scikit-learn computes it: sum over distinct thresholds, highest first,
 * of (R_n - R_{n-1}) P_n, without interpolation. Returns null when no positive has weight.
 */
export function averagePrecisionFromCounts({ tps, fps }: ThresholdCounts): number | null {
  const m = tps.length;
  const positives = m > 0 ? tps[m - 1]! : 0;
  if (positives === 0) return null;
  let sum = 0;
  let recallBefore = 0;
  for (let j = 0; j < m; j++) {
    const tp = tps[j]!;
    const predicted = tp + fps[j]!;
    const recall = tp / positives;
    sum += (recall - recallBefore) * (predicted > 0 ? tp / predicted : 0);
    recallBefore = recall;
  }
  return sum;
}
