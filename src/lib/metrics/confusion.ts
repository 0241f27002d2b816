/** Weighted confusion counts of a binary classifier that predicts positive when p >= threshold. */
export interface ConfusionCounts {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/**
 * Confusion counts at `threshold` (a row is predicted positive when p >= threshold), each count the
 * sum of the rows' sample weights (row counts when unweighted). O(n); cheap enough for a slider.
 */
export function confusionAt(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  threshold: number,
  weights?: ArrayLike<number>,
): ConfusionCounts {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (p[i]! >= threshold) {
      if (y[i]! === 1) truePositives += w;
      else falsePositives += w;
    } else if (y[i]! === 1) falseNegatives += w;
    else trueNegatives += w;
  }
  return { threshold, truePositives, falsePositives, trueNegatives, falseNegatives };
}
