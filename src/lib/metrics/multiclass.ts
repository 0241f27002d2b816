import { LOG_LOSS_EPS } from './logLoss.ts';
import { reliability, type ReliabilityBin } from './reliability.ts';
import { assertWeights, totalWeight } from './validate.ts';

export type MulticlassMetricName = 'accuracy' | 'macroF1' | 'logLoss' | 'ece';

/** Metrics of a K-class classifier; the predicted class is the arg max (the first on ties). */
export interface MulticlassMetrics {
  count: number;
  classes: number;
  accuracy: number | null;
  /**
   * Unweighted mean over classes of F1 = 2 TP / (2 TP + FP + FN), over the classes that occur as a
   * label or a prediction (scikit-learn's f1_score(average='macro')).
   */
  macroF1: number | null;
  /** Nats; probabilities clipped to [1e-15, 1 - 1e-15] and each row renormalised, as scikit-learn does. */
  logLoss: number | null;
  /** Top-label ECE: 10 bins on the largest probability, "the arg max was right" as the outcome. */
  ece: number | null;
  /** confusion[t][q]: weight of rows of true class t predicted as q. */
  confusion: number[][];
  /** Top-label reliability diagram (10 bins). */
  reliability: ReliabilityBin[];
  undefinedReasons: Partial<Record<MulticlassMetricName, string>>;
}

/**
 * Multi-class metrics.
 *
 * @param y class index 0..k-1 per row (n rows)
 * @param probs n x k probabilities, row-major
 * @param k number of classes (>= 2)
 */
export function multiclassMetrics(
  y: ArrayLike<number>,
  probs: Float32Array | Float64Array,
  k: number,
  options: { weights?: ArrayLike<number> } = {},
): MulticlassMetrics {
  const n = y.length;
  const { weights } = options;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k = ${k}: must be an integer >= 2`);
  if (probs.length !== n * k) {
    throw new RangeError(`probs has ${probs.length} entries, expected ${n} rows x ${k} classes`);
  }
  assertWeights(weights, n);

  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  const occurs = new Uint8Array(k);
  let lossSum = 0;
  let correctWeight = 0;
  for (let i = 0; i < n; i++) {
    const label = y[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new RangeError(`y[${i}] = ${label}: must be a class index in 0..${k - 1}`);
    }
    const row = i * k;
    let best = 0;
    let clippedSum = 0;
    for (let c = 0; c < k; c++) {
      const q = probs[row + c]!;
      if (!(q >= 0 && q <= 1)) throw new RangeError(`probs[${i}][${c}] = ${q}: must be in [0, 1]`);
      if (q > probs[row + best]!) best = c;
      clippedSum += clip(q);
    }
    const w = weights === undefined ? 1 : weights[i]!;
    lossSum -= w * Math.log(clip(probs[row + label]!) / clippedSum);
    confusion[label]![best]! += w;
    confidence[i] = probs[row + best]!;
    correct[i] = best === label ? 1 : 0;
    correctWeight += w * correct[i]!;
    occurs[label] = 1;
    occurs[best] = 1;
  }

  const total = totalWeight(weights, n);
  const rel = reliability(correct, confidence, weights);
  if (total === 0) {
    const reason = n === 0 ? 'there are no rows' : 'every row has weight 0';
    return {
      count: n,
      classes: k,
      accuracy: null,
      macroF1: null,
      logLoss: null,
      ece: null,
      confusion,
      reliability: rel.bins,
      undefinedReasons: { accuracy: reason, macroF1: reason, logLoss: reason, ece: reason },
    };
  }
  return {
    count: n,
    classes: k,
    accuracy: correctWeight / total,
    macroF1: macroF1(confusion, occurs),
    logLoss: lossSum / total,
    ece: rel.ece,
    confusion,
    reliability: rel.bins,
    undefinedReasons: {},
  };
}

function clip(q: number): number {
  return Math.min(Math.max(q, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
}

/** Mean F1 over the classes flagged in `occurs`; a class with no weight at all scores 0 (scikit-learn's zero_division). */
function macroF1(confusion: number[][], occurs: Uint8Array): number {
  const k = confusion.length;
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (occurs[c] === 0) continue;
    let labelled = 0;
    let predicted = 0;
    for (let other = 0; other < k; other++) {
      labelled += confusion[c]![other]!;
      predicted += confusion[other]![c]!;
    }
    const tp = confusion[c]![c]!;
    const denominator = labelled + predicted;
    sum += denominator > 0 ? (2 * tp) / denominator : 0;
    classes++;
  }
  return sum / classes;
}
