import { quantileOfSorted } from './quantile.ts';
import { createRng } from '../random.ts';
import { binaryLogLossOfRow } from './logLoss.ts';
import { DEFAULT_RELIABILITY_BINS, eceOfBinSums, reliabilityBin } from './reliability.ts';
import { assertBinaryLabels, assertProbabilities, assertSameLength } from './validate.ts';

/** The metrics compared by the paired bootstrap (docs/design.md "Sweeps and uncertainty"). */
export type BootstrapMetricName = 'logLoss' | 'brier' | 'ece' | 'calibrationRatio';

export const BOOTSTRAP_METRICS: readonly BootstrapMetricName[] = [
  'logLoss',
  'brier',
  'ece',
  'calibrationRatio',
];

/** Default number of resamples. */
export const DEFAULT_RESAMPLES = 2000;

export interface PairedBootstrapOptions {
  /** Resamples of the test rows; default 2,000. */
  resamples?: number;
  /** Seed of the resampled indices; default 0. */
  seed?: number;
}

/** Per metric, the bootstrap distribution's 95% percentile intervals. */
export interface BootstrapInterval {
  /** Of the difference A - B. */
  ci95: [number, number];
  /**
   * Of the difference in distance from the ideal, |A - 1| - |B - 1|, for the calibration ratio
   * only (closer to 1 is better); for the others it equals `ci95`.
   */
  verdictCi95: [number, number];
  /** Resamples where the metric was undefined (no positive drawn, for the ratio), left out. */
  undefinedResamples: number;
}

/**
 * Paired bootstrap over the rows: each resample draws n row indices with replacement (mulberry32
 * seeded by `seed`, index = floor(u n)), the same indices score A and B, and the 2.5 and 97.5
 * percentiles (linear interpolation, numpy's default) of the differences form the interval.
 * A resample is scored with weights equal to each row's draw count, which equals scoring the
 * duplicated rows.
 *
 * @throws RangeError on bad input, no rows or fewer than 2 resamples
 */
export function pairedBootstrap(
  y: ArrayLike<number>,
  pA: ArrayLike<number>,
  pB: ArrayLike<number>,
  options: PairedBootstrapOptions = {},
): Record<BootstrapMetricName, BootstrapInterval> {
  const { resamples = DEFAULT_RESAMPLES, seed = 0 } = options;
  const n = y.length;
  assertSameLength('pA', pA, n);
  assertSameLength('pB', pB, n);
  assertBinaryLabels(y);
  assertProbabilities('pA', pA);
  assertProbabilities('pB', pB);
  if (n === 0) throw new RangeError('the paired bootstrap needs at least one row');
  if (!(Number.isInteger(resamples) && resamples >= 2)) {
    throw new RangeError(`resamples = ${resamples}: must be an integer >= 2`);
  }

  const rng = createRng(seed);
  const counts = new Float64Array(n);
  const rows = Float64Array.from(y);
  const a = new ScoredRows(rows, pA);
  const b = new ScoredRows(rows, pB);
  const diffs = new Map(BOOTSTRAP_METRICS.map((name) => [name, [] as number[]]));
  const ratioDistance: number[] = [];
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(n)]!++;
    const metricsA = a.resampledMetrics(counts);
    const metricsB = b.resampledMetrics(counts);
    for (const name of BOOTSTRAP_METRICS) {
      const d = metricsA[name] - metricsB[name];
      if (Number.isFinite(d)) diffs.get(name)!.push(d);
    }
    const distance =
      Math.abs(metricsA.calibrationRatio - 1) - Math.abs(metricsB.calibrationRatio - 1);
    if (Number.isFinite(distance)) ratioDistance.push(distance);
  }

  const result = {} as Record<BootstrapMetricName, BootstrapInterval>;
  for (const name of BOOTSTRAP_METRICS) {
    const values = diffs.get(name)!;
    const ci95 = percentileInterval(values);
    result[name] = {
      ci95,
      verdictCi95: name === 'calibrationRatio' ? percentileInterval(ratioDistance) : ci95,
      undefinedResamples: resamples - values.length,
    };
  }
  return result;
}

/**
 * One model's rows with each row's log loss and reliability bin computed once, so that a resample
 * only sums (2,000 resamples of the same rows). The sums run over the rows in order, as
 * binaryLogLoss and reliability sum them with the draw counts as weights, so the metrics are the
 * same to the last bit.
 */
class ScoredRows {
  readonly #y: Float64Array;
  readonly #p: Float64Array;
  readonly #loss: Float64Array;
  readonly #bin: Uint8Array;
  readonly #weightSums = new Float64Array(DEFAULT_RELIABILITY_BINS);
  readonly #predictedSums = new Float64Array(DEFAULT_RELIABILITY_BINS);
  readonly #outcomeSums = new Float64Array(DEFAULT_RELIABILITY_BINS);

  constructor(y: Float64Array, p: ArrayLike<number>) {
    this.#y = y;
    this.#p = Float64Array.from(p);
    this.#loss = this.#p.map((q, i) => binaryLogLossOfRow(y[i]!, q));
    this.#bin = Uint8Array.from(this.#p, (q) => reliabilityBin(q));
  }

  /** The bootstrap metrics of one resample, rows weighted by their draw counts; NaN when undefined. */
  resampledMetrics(counts: Float64Array): Record<BootstrapMetricName, number> {
    const y = this.#y;
    const p = this.#p;
    const rowLoss = this.#loss;
    const rowBin = this.#bin;
    const weightSums = this.#weightSums.fill(0);
    const predictedSums = this.#predictedSums.fill(0);
    const outcomeSums = this.#outcomeSums.fill(0);
    let total = 0;
    let loss = 0;
    let squaredError = 0;
    let predicted = 0;
    let positives = 0;
    for (let i = 0; i < y.length; i++) {
      const w = counts[i]!;
      if (w === 0) continue;
      const d = p[i]! - y[i]!;
      total += w;
      loss += w * rowLoss[i]!;
      squaredError += w * d * d;
      predicted += w * p[i]!;
      positives += w * y[i]!;
      const bin = rowBin[i]!;
      weightSums[bin]! += w;
      predictedSums[bin]! += w * p[i]!;
      outcomeSums[bin]! += w * y[i]!;
    }
    return {
      logLoss: loss / total,
      brier: squaredError / total,
      ece: eceOfBinSums(weightSums, predictedSums, outcomeSums) ?? NaN,
      calibrationRatio: positives > 0 ? predicted / positives : NaN,
    };
  }
}

/** 2.5th and 97.5th percentiles; NaN when there is nothing to rank. */
function percentileInterval(values: number[]): [number, number] {
  if (values.length === 0) return [NaN, NaN];
  const sorted = values.slice().sort((x, y) => x - y);
  return [quantileOfSorted(sorted, 0.025)!, quantileOfSorted(sorted, 0.975)!];
}
