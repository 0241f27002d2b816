import { bisectLeft } from 'd3-array';
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

/** Bins of {@link reliability} unless told otherwise. */
export const DEFAULT_RELIABILITY_BINS = 10;

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
  binCount = DEFAULT_RELIABILITY_BINS,
): Reliability {
  const edges = Array.from({ length: binCount + 1 }, (_, b) => b / binCount);
  return binnedReliability(outcome, predicted, weights, edges, (p) => reliabilityBin(p, binCount));
}

/** The bin of predicted probability p among {@link reliability}'s `binCount` equal-width bins. */
export function reliabilityBin(p: number, binCount = DEFAULT_RELIABILITY_BINS): number {
  return equalWidthBin(p, 0, 1, binCount);
}

/**
 * Equal-mass (quantile) reliability and ECE, docs/design.md's "equal-mass ECE": `binCount` bins
 * (default 10) whose edges are the 0, 100/binCount, ..., 100 percentiles of `predicted` (numpy's
 * linear interpolation, over every row whatever its weight); a row's bin is the number of inner
 * edges strictly below p (numpy's searchsorted side="left"), as scikit-learn's
 * `calibration_curve(strategy="quantile")` bins. Weights weigh the sum as in {@link reliability}.
 * Tied edges leave empty bins (lower = upper), which add nothing.
 */
export function equalMassReliability(
  outcome: ArrayLike<number>,
  predicted: ArrayLike<number>,
  weights?: ArrayLike<number>,
  binCount = 10,
): Reliability {
  const sorted = Float64Array.from(predicted).sort();
  const edges =
    sorted.length === 0
      ? Array.from({ length: binCount + 1 }, (_, b) => b / binCount)
      : Array.from({ length: binCount + 1 }, (_, b) => percentile(sorted, b / binCount));
  const inner = edges.slice(1, -1);
  return binnedReliability(outcome, predicted, weights, edges, (p) => bisectLeft(inner, p));
}

/**
 * numpy's default ("linear") percentile of ascending `sorted` at fraction q in [0, 1], with its
 * two-sided interpolation (from the upper neighbour when the fraction is >= 0.5), so that edges
 * equal numpy's to the last bit and ties with p fall on the same side.
 */
function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const t = position - below;
  const a = sorted[below]!;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Weighted per-bin means and ECE over bins [edges[b], edges[b + 1]], a row's bin given by `binOf`. */
function binnedReliability(
  outcome: ArrayLike<number>,
  predicted: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  edges: readonly number[],
  binOf: (p: number) => number,
): Reliability {
  const binCount = edges.length - 1;
  const counts = new Float64Array(binCount);
  const weightSums = new Float64Array(binCount);
  const predictedSums = new Float64Array(binCount);
  const outcomeSums = new Float64Array(binCount);
  for (let i = 0; i < outcome.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const p = predicted[i]!;
    const b = binOf(p);
    counts[b]!++;
    weightSums[b]! += w;
    predictedSums[b]! += w * p;
    outcomeSums[b]! += w * outcome[i]!;
  }

  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const weight = weightSums[b]!;
    bins.push({
      lower: edges[b]!,
      upper: edges[b + 1]!,
      meanPredicted: weight > 0 ? predictedSums[b]! / weight : null,
      observedRate: weight > 0 ? outcomeSums[b]! / weight : null,
      count: counts[b]!,
      weight,
    });
  }
  return { bins, ece: eceOfBinSums(weightSums, predictedSums, outcomeSums) };
}

/**
 * ECE from per-bin sums of the weights, of weight x predicted and of weight x outcome: sum over
 * bins with weight of (w_bin / W) |mean outcome - mean predicted|; null when W is 0. The paired
 * bootstrap bins each row once and calls this per resample.
 */
export function eceOfBinSums(
  weightSums: Float64Array,
  predictedSums: Float64Array,
  outcomeSums: Float64Array,
): number | null {
  let total = 0;
  for (let b = 0; b < weightSums.length; b++) total += weightSums[b]!;
  let ece = 0;
  for (let b = 0; b < weightSums.length; b++) {
    const weight = weightSums[b]!;
    if (weight > 0) {
      ece += (weight / total) * Math.abs(outcomeSums[b]! / weight - predictedSums[b]! / weight);
    }
  }
  return total > 0 ? ece : null;
}
