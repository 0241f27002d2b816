import { equalWidthBin } from './histogram.ts';

/** One bin of a reliability diagram; means are null when the bin holds no weight. */
export interface ReliabilityBin {
  /** Bin bounds on the predicted probability: [lower, upper), the last bin closed. */
  lower: number;
  upper: number;
  /** Weighted mean predicted probability (the x of the diagram). */
  meanPredicted: number | null;
  /** Weighted mean outcome, the observed positive rate (the y of the diagram). */
  observedRate: number | null;
  /** Rows in the bin. */
  count: number;
  /** Sum of the rows' sample weights (equal to count when unweighted). */
  weight: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /**
   * Expected calibration error: sum over bins with weight of (w_bin / W) |mean outcome - mean
   * predicted|. Null when no row has weight.
   */
  ece: number | null;
}

/**
 * Reliability diagram and ECE with `binCount` equal-width bins on [0, 1] (default 10), bin index
 * min(floor(binCount p), binCount - 1) as docs/design.md defines it.
 *
 * @param outcome per row 0 or 1 (the label, or "the top label was right" for multi-class)
 * @param predicted per row, a probability in [0, 1]
 */
export function reliability(
  outcome: ArrayLike<number>,
  predicted: ArrayLike<number>,
  weights?: ArrayLike<number>,
  binCount = 10,
): Reliability {
  const counts = new Float64Array(binCount);
  const weightSums = new Float64Array(binCount);
  const predictedSums = new Float64Array(binCount);
  const outcomeSums = new Float64Array(binCount);
  for (let i = 0; i < outcome.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const p = predicted[i]!;
    const b = equalWidthBin(p, 0, 1, binCount);
    counts[b]!++;
    weightSums[b]! += w;
    predictedSums[b]! += w * p;
    outcomeSums[b]! += w * outcome[i]!;
  }

  let total = 0;
  for (let b = 0; b < binCount; b++) total += weightSums[b]!;
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const weight = weightSums[b]!;
    const meanPredicted = weight > 0 ? predictedSums[b]! / weight : null;
    const observedRate = weight > 0 ? outcomeSums[b]! / weight : null;
    if (meanPredicted !== null && observedRate !== null) {
      ece += (weight / total) * Math.abs(observedRate - meanPredicted);
    }
    bins.push({
      lower: b / binCount,
      upper: (b + 1) / binCount,
      meanPredicted,
      observedRate,
      count: counts[b]!,
      weight,
    });
  }
  return { bins, ece: total > 0 ? ece : null };
}
