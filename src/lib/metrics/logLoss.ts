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
    sum += w * binaryLogLossOfRow(y[i]!, p[i]!);
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/**
 * One row's log loss, -(y ln p + (1 - y) ln(1 - p)) with p clipped as in {@link binaryLogLoss}, in
 * nats; the paired bootstrap computes it once per row and only weighs it per resample.
 */
export function binaryLogLossOfRow(y: number, p: number): number {
  const q = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return -(y === 1 ? Math.log(q) : Math.log(1 - q));
}

/** Entropy of a Bernoulli(b) outcome in nats, -(b ln b + (1 - b) ln(1 - b)); 0 at b = 0 or 1. */
export function binaryEntropy(b: number): number {
  if (b <= 0 || b >= 1) return 0;
  return -(b * Math.log(b) + (1 - b) * Math.log(1 - b));
}
