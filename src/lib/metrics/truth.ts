import { binaryLogLoss } from './logLoss.ts';
import {
  assertBinaryLabels,
  assertProbabilities,
  assertSameLength,
  assertWeights,
} from './validate.ts';

export type TruthMetricName =
  'bayesLogLoss' | 'logLossGap' | 'maeVsTruth' | 'rmseVsTruth' | 'calibrationRatioVsTruth';

/** How far a model's probabilities are from the true ones, for synthetic data where p* is known. */
export interface TruthMetrics {
  /** Log loss of p* against y (nats): the floor no model can beat, up to sampling noise. */
  bayesLogLoss: number | null;
  /** Model log loss minus the Bayes log loss (nats). */
  logLossGap: number | null;
  /** Weighted mean |p - p*|. */
  maeVsTruth: number | null;
  /** Root of the weighted mean (p - p*)^2. */
  rmseVsTruth: number | null;
  /** sum(p) / sum(p*), weighted; 1 means calibrated on average against the truth. */
  calibrationRatioVsTruth: number | null;
  undefinedReasons: Partial<Record<TruthMetricName, string>>;
}

/**
 * Compares model probabilities `p` with the true probabilities `pTrue` of labels `y` (0/1), all of
 * length n; log losses clip p to [1e-15, 1 - 1e-15].
 */
export function truthMetrics(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  pTrue: ArrayLike<number>,
  options: { weights?: ArrayLike<number> } = {},
): TruthMetrics {
  const n = y.length;
  const { weights } = options;
  assertSameLength('p', p, n);
  assertSameLength('pTrue', pTrue, n);
  assertBinaryLabels(y);
  assertProbabilities('p', p);
  assertProbabilities('pTrue', pTrue);
  assertWeights(weights, n);

  let total = 0;
  let absolute = 0;
  let squared = 0;
  let predictedSum = 0;
  let trueSum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const d = p[i]! - pTrue[i]!;
    total += w;
    absolute += w * Math.abs(d);
    squared += w * d * d;
    predictedSum += w * p[i]!;
    trueSum += w * pTrue[i]!;
  }
  if (total === 0) {
    const reason = n === 0 ? 'there are no rows' : 'every row has weight 0';
    return {
      bayesLogLoss: null,
      logLossGap: null,
      maeVsTruth: null,
      rmseVsTruth: null,
      calibrationRatioVsTruth: null,
      undefinedReasons: {
        bayesLogLoss: reason,
        logLossGap: reason,
        maeVsTruth: reason,
        rmseVsTruth: reason,
        calibrationRatioVsTruth: reason,
      },
    };
  }
  const bayesLogLoss = binaryLogLoss(y, pTrue, weights)!;
  const modelLogLoss = binaryLogLoss(y, p, weights)!;
  return {
    bayesLogLoss,
    logLossGap: modelLogLoss - bayesLogLoss,
    maeVsTruth: absolute / total,
    rmseVsTruth: Math.sqrt(squared / total),
    calibrationRatioVsTruth: trueSum > 0 ? predictedSum / trueSum : null,
    undefinedReasons:
      trueSum > 0
        ? {}
        : { calibrationRatioVsTruth: 'every true probability is 0, so sum(p*) is 0' },
  };
}
