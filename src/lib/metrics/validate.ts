/**
 * Input checks shared by the metric functions. They throw a RangeError naming the first bad
 * row (0-based index), because a metric computed over a NaN or a label of 2 is silently wrong.
 */

export function assertSameLength(name: string, values: ArrayLike<unknown>, n: number): void {
  if (values.length !== n) {
    throw new RangeError(`${name} has ${values.length} entries, expected ${n}`);
  }
}

/** Every label is exactly 0 or 1. */
export function assertBinaryLabels(y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw new RangeError(`y[${i}] = ${v}: binary labels must be 0 or 1`);
  }
}

/** Every value is a probability in [0, 1] (NaN fails). */
export function assertProbabilities(name: string, p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name}[${i}] = ${v}: must be in [0, 1]`);
  }
}

/** Every value is finite (NaN and infinities fail). */
export function assertFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] = ${v}: must be finite`);
  }
}

/** Sample weights, when given, have one finite non-negative entry per row. */
export function assertWeights(weights: ArrayLike<number> | undefined, n: number): void {
  if (weights === undefined) return;
  assertSameLength('weights', weights, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = weights[i]!;
    if (!(v >= 0 && v < Infinity)) {
      throw new RangeError(`weights[${i}] = ${v}: must be finite and >= 0`);
    }
    total += v;
  }
  if (!(total <= MAX_TOTAL_WEIGHT)) throw new RangeError(weightSumMessage(total));
}

/**
 * The largest sum of weights the metrics accept: weighted sums of losses (up to 34.5 each) and
 * products of two totals must stay finite, or they would turn into Infinity and NaN and give a
 * base rate of 0 and a "perfect" score.
 */
export const MAX_TOTAL_WEIGHT = 1e300;

/** Why weights summing to `total` are refused, in plain words. */
export function weightSumMessage(total: number): string {
  return (
    `the weights sum to ${total === Infinity ? 'more than 1.8e308 (Infinity in float64)' : total.toExponential(2)}, ` +
    `above the ${MAX_TOTAL_WEIGHT.toExponential(0)} the metrics can add up: scale the weights down (only their ratios matter)`
  );
}

/** Sum of the weights, or the row count when unweighted. */
export function totalWeight(weights: ArrayLike<number> | undefined, n: number): number {
  if (weights === undefined) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  return total;
}
