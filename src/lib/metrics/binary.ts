import { confusionAt } from './confusion.ts';
import { binaryEntropy, binaryLogLoss } from './logLoss.ts';
import { averagePrecisionFromCounts, rocAucFromCounts } from './ranking.ts';
import { equalMassReliability, reliability, type ReliabilityBin } from './reliability.ts';
import { thresholdCounts } from './thresholdCounts.ts';
import {
  assertBinaryLabels,
  assertProbabilities,
  assertSameLength,
  assertWeights,
} from './validate.ts';

export type BinaryMetricName =
  | 'accuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'rocAuc'
  | 'averagePrecision'
  | 'logLoss'
  | 'brier'
  | 'ece'
  | 'eceEqualMass'
  | 'normalizedEntropy'
  | 'calibrationRatio';

/** Metrics of a binary classifier, as docs/design.md "Definitions" states them. */
export interface BinaryMetrics {
  /** Rows, including rows of weight 0. */
  count: number;
  /** Rows with y = 1. */
  positives: number;
  /** The base rate b of normalized entropy (the training base rate when given); null without rows. */
  baseRate: number | null;
  /** Accuracy, precision, recall and F1 predict positive when p >= threshold. */
  threshold: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  /** Nats, p clipped to [1e-15, 1 - 1e-15]. */
  logLoss: number | null;
  brier: number | null;
  /** 10 equal-width bins. */
  ece: number | null;
  /** 10 equal-mass (quantile) bins: readable at low base rates, where nearly every p is below 0.1. */
  eceEqualMass: number | null;
  /** Log loss / entropy of the base rate; below 1 beats always predicting b. */
  normalizedEntropy: number | null;
  /** sum(p) / sum(y); 1 is calibrated on average. */
  calibrationRatio: number | null;
  /** 10 equal-width bins on [0, 1]. */
  reliability: ReliabilityBin[];
  /** 10 equal-mass bins, the ones eceEqualMass sums over. */
  reliabilityEqualMass: ReliabilityBin[];
  /** For each metric that is null, why, in plain words. */
  undefinedReasons: Partial<Record<BinaryMetricName, string>>;
}

export interface BinaryMetricsOptions {
  /** Per-row sample weights (scikit-learn's sample_weight): every mean and count is weighted. */
  weights?: ArrayLike<number>;
  /** Decision threshold for accuracy, precision, recall, F1; default 0.5. */
  threshold?: number;
  /** Base rate b for normalized entropy: the training base rate; default the weighted mean of y. */
  baseRate?: number;
}

const ONE_CLASS = {
  negativesOnly: 'only negatives (y = 0) are present; ranking needs both classes',
  positivesOnly: 'only positives (y = 1) are present; ranking needs both classes',
};

/**
 * Binary classification metrics of probabilities `p` against labels `y` (0/1), both of length n.
 * Throws a RangeError on a label other than 0/1, a probability outside [0, 1] or NaN, or a bad
 * weight. A metric undefined for the data is null and `undefinedReasons` says why.
 */
export function binaryMetrics(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: BinaryMetricsOptions = {},
): BinaryMetrics {
  const n = y.length;
  const { weights, threshold = 0.5 } = options;
  assertSameLength('p', p, n);
  assertBinaryLabels(y);
  assertProbabilities('p', p);
  assertWeights(weights, n);
  if (options.baseRate !== undefined && !(options.baseRate >= 0 && options.baseRate <= 1)) {
    throw new RangeError(`baseRate = ${options.baseRate}: must be in [0, 1]`);
  }

  let total = 0;
  let positiveWeight = 0;
  let predictedSum = 0;
  let squaredError = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const yi = y[i]!;
    const pi = p[i]!;
    total += w;
    positiveWeight += w * yi;
    predictedSum += w * pi;
    squaredError += w * (pi - yi) * (pi - yi);
    positives += yi;
  }

  const reasons: Partial<Record<BinaryMetricName, string>> = {};
  const explain = (name: BinaryMetricName, value: number | null, reason: string): number | null => {
    if (value === null) reasons[name] = reason;
    return value;
  };
  const rel = reliability(y, p, weights);
  const relEqualMass = equalMassReliability(y, p, weights);
  if (total === 0) {
    const reason = n === 0 ? 'there are no rows' : 'every row has weight 0';
    const metrics = emptyMetrics(
      n,
      threshold,
      options.baseRate ?? null,
      rel.bins,
      relEqualMass.bins,
    );
    for (const name of METRIC_NAMES) metrics.undefinedReasons[name] = reason;
    return metrics;
  }

  const c = confusionAt(y, p, threshold, weights);
  const predictedPositive = c.truePositives + c.falsePositives;
  const f1Denominator = 2 * c.truePositives + c.falsePositives + c.falseNegatives;

  const oneClass =
    positiveWeight === 0
      ? ONE_CLASS.negativesOnly
      : positiveWeight === total
        ? ONE_CLASS.positivesOnly
        : null;
  // Sorting is the costly step: skip it when ranking is undefined anyway.
  const counts = oneClass === null ? thresholdCounts(y, p, weights) : null;

  const logLoss = binaryLogLoss(y, p, weights);
  const baseRate = options.baseRate ?? positiveWeight / total;
  const entropy = binaryEntropy(baseRate);

  return {
    count: n,
    positives,
    baseRate,
    threshold,
    accuracy: (c.truePositives + c.trueNegatives) / total,
    precision: explain(
      'precision',
      predictedPositive > 0 ? c.truePositives / predictedPositive : null,
      `no row is predicted positive (p >= ${threshold})`,
    ),
    recall: explain(
      'recall',
      positiveWeight > 0 ? c.truePositives / positiveWeight : null,
      'there are no positives (y = 1)',
    ),
    f1: explain(
      'f1',
      f1Denominator > 0 ? (2 * c.truePositives) / f1Denominator : null,
      `there are no positives (y = 1) and none is predicted (p >= ${threshold})`,
    ),
    rocAuc: explain('rocAuc', counts && rocAucFromCounts(counts), oneClass ?? ''),
    averagePrecision: explain(
      'averagePrecision',
      counts && averagePrecisionFromCounts(counts),
      oneClass ?? '',
    ),
    logLoss,
    brier: squaredError / total,
    ece: rel.ece,
    eceEqualMass: relEqualMass.ece,
    normalizedEntropy: explain(
      'normalizedEntropy',
      logLoss !== null && entropy > 0 ? logLoss / entropy : null,
      `the base rate is ${baseRate}, so its entropy is 0 and there is nothing to normalise by`,
    ),
    calibrationRatio: explain(
      'calibrationRatio',
      positiveWeight > 0 ? predictedSum / positiveWeight : null,
      'there are no positives (y = 1), so sum(y) is 0',
    ),
    reliability: rel.bins,
    reliabilityEqualMass: relEqualMass.bins,
    undefinedReasons: reasons,
  };
}

const METRIC_NAMES: readonly BinaryMetricName[] = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'rocAuc',
  'averagePrecision',
  'logLoss',
  'brier',
  'ece',
  'eceEqualMass',
  'normalizedEntropy',
  'calibrationRatio',
];

function emptyMetrics(
  count: number,
  threshold: number,
  baseRate: number | null,
  bins: ReliabilityBin[],
  equalMassBins: ReliabilityBin[],
): BinaryMetrics {
  return {
    count,
    positives: 0,
    baseRate,
    threshold,
    accuracy: null,
    precision: null,
    recall: null,
    f1: null,
    rocAuc: null,
    averagePrecision: null,
    logLoss: null,
    brier: null,
    ece: null,
    eceEqualMass: null,
    normalizedEntropy: null,
    calibrationRatio: null,
    reliability: bins,
    reliabilityEqualMass: equalMassBins,
    undefinedReasons: {},
  };
}
