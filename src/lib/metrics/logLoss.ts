/** Probabilities are clipped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS] so a confident miss costs ~34.5, not infinity. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Weighted mean of -(y ln p + (1 - y) ln(1 - p)) with p clipped to [1e-15, 1 - 1e-15], in nats.
 * Null when the total weight is 0.
 */
export function binaryLogLoss(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number | null {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const q = Math.min(Math.max(p[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    sum -= w * (y[i]! === 1 ? Math.log(q) : Math.log(1 - q));
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** Entropy of a Bernoulli(b) outcome in nats, -(b ln b + (1 - b) ln(1 - b)); 0 at b = 0 or 1. */
export function binaryEntropy(b: number): number {
  if (b <= 0 || b >= 1) return 0;
  return -(b * Math.log(b) + (1 - b) * Math.log(1 - b));
}
