import type { Task } from '../model.ts';

/**
 * A boosting loss over raw scores (log-odds, per-class logits or the value). Layouts:
 * raw scores rows x K row-major; gradients and hessians K x rows, one contiguous block per
 * class so each class's tree reads its own block.
 */
export interface Loss {
  /** Raw scores per row: 1, or K for softmax. */
  readonly outputs: number;
  /** The (weighted) prior as raw scores: log-odds, centred log class priors, or the mean. */
  baseScores(y: Float32Array, weights: Float32Array | undefined): Float64Array;
  /** Sample-weighted gradients and hessians of the loss at every row. */
  gradients(
    raw: Float64Array,
    y: Float32Array,
    weights: Float32Array | undefined,
    g: Float64Array,
    h: Float64Array,
  ): void;
  /**
   * Weighted mean loss: log loss (natural log), multi-class log loss, or mean squared error.
   * `logitOffset` (binary only, default 0) is added to each raw score first.
   */
  meanLoss(
    raw: Float64Array,
    y: Float32Array,
    weights: Float32Array | undefined,
    logitOffset?: number,
  ): number;
  /** Raw scores of one row to outputs: P(y = 1), K class probabilities, or the value. */
  transform(raw: Float64Array, rawOffset: number, out: Float32Array, outOffset: number): void;
}

/** Keeps priors off 0 and 1 so their logits are finite (float64 machine epsilon, as scikit-learn). */
const PRIOR_EPS = 2.220446049250313e-16;

export function lossFor(task: Task, numClasses: number): Loss {
  if (task === 'binary') return logisticLoss;
  if (task === 'regression') return squaredLoss;
  if (!Number.isInteger(numClasses) || numClasses < 2)
    throw new RangeError(`gbdt: multi-class needs numClasses >= 2, got ${numClasses}`);
  return softmaxLoss(numClasses);
}

function weightedMean(values: Float32Array, weights: Float32Array | undefined): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1;
    sum += w * values[i]!;
    total += w;
  }
  return total > 0 ? sum / total : 0;
}

const logisticLoss: Loss = {
  outputs: 1,
  baseScores(y, weights) {
    const p = Math.min(1 - PRIOR_EPS, Math.max(PRIOR_EPS, weightedMean(y, weights)));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(raw, y, weights, g, h) {
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      const w = weights ? weights[i]! : 1;
      g[i] = w * (p - y[i]!);
      h[i] = w * p * (1 - p);
    }
  },
  meanLoss(raw, y, weights, logitOffset = 0) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const z = raw[i]! + logitOffset;
      const w = weights ? weights[i]! : 1;
      // -log sigmoid(+-z) without overflow: log(1 + e^-|z|) + max(z, 0) - y z.
      sum += w * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[i]! * z);
      total += w;
    }
    return total > 0 ? sum / total : 0;
  },
  transform(raw, rawOffset, out, outOffset) {
    out[outOffset] = 1 / (1 + Math.exp(-raw[rawOffset]!));
  },
};

const squaredLoss: Loss = {
  outputs: 1,
  baseScores(y, weights) {
    return Float64Array.of(weightedMean(y, weights));
  },
  gradients(raw, y, weights, g, h) {
    for (let i = 0; i < y.length; i++) {
      const w = weights ? weights[i]! : 1;
      g[i] = w * (raw[i]! - y[i]!);
      h[i] = w;
    }
  },
  meanLoss(raw, y, weights) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const w = weights ? weights[i]! : 1;
      const d = raw[i]! - y[i]!;
      sum += w * d * d;
      total += w;
    }
    return total > 0 ? sum / total : 0;
  },
  transform(raw, rawOffset, out, outOffset) {
    out[outOffset] = raw[rawOffset]!;
  },
};

function softmaxLoss(k: number): Loss {
  // Scratch for one row's probabilities, allocated once per loss.
  const prob = new Float64Array(k);
  /** Fills prob with the softmax of raw[offset..offset+k) and returns log(sum(exp)). */
  const softmax = (raw: Float64Array, offset: number): number => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[offset + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(raw[offset + c]! - max);
      prob[c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) prob[c] = prob[c]! / sum;
    return max + Math.log(sum);
  };
  return {
    outputs: k,
    baseScores(y, weights) {
      const mass = new Float64Array(k);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const w = weights ? weights[i]! : 1;
        mass[y[i]!] = mass[y[i]!]! + w;
        total += w;
      }
      const scores = new Float64Array(k);
      let mean = 0;
      for (let c = 0; c < k; c++) {
        const p = Math.min(
          1 - PRIOR_EPS,
          Math.max(PRIOR_EPS, total > 0 ? mass[c]! / total : 1 / k),
        );
        scores[c] = Math.log(p);
        mean += scores[c]! / k;
      }
      for (let c = 0; c < k; c++) scores[c] = scores[c]! - mean;
      return scores;
    },
    gradients(raw, y, weights, g, h) {
      const rows = y.length;
      for (let i = 0; i < rows; i++) {
        softmax(raw, i * k);
        const w = weights ? weights[i]! : 1;
        const label = y[i]!;
        for (let c = 0; c < k; c++) {
          const p = prob[c]!;
          g[c * rows + i] = w * (p - (c === label ? 1 : 0));
          h[c * rows + i] = w * p * (1 - p);
        }
      }
    },
    meanLoss(raw, y, weights) {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const w = weights ? weights[i]! : 1;
        const logSumExp = softmax(raw, i * k);
        sum += w * (logSumExp - raw[i * k + y[i]!]!);
        total += w;
      }
      return total > 0 ? sum / total : 0;
    },
    transform(raw, rawOffset, out, outOffset) {
      softmax(raw, rawOffset);
      for (let c = 0; c < k; c++) out[outOffset + c] = prob[c]!;
    },
  };
}
