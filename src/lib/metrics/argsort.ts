/** Little-endian platforms keep the low 32 bits of a float64 first. */
const LOW_WORD = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Sorts `indices` (row numbers into `values`) by increasing value, stably, with an LSD radix sort
 * on the IEEE-754 bits: O(n), no comparator callbacks (a comparator sort of a million indices
 * takes about 4x longer). Values must not be NaN; -0 sorts just before 0.
 *
 * @returns a new array; `indices` is left as it was
 */
export function argsortFloat64(values: ArrayLike<number>, indices: Uint32Array): Uint32Array {
  const n = indices.length;
  const bits = new Float64Array(n);
  for (let k = 0; k < n; k++) bits[k] = values[indices[k]!]!;
  const words = new Uint32Array(bits.buffer);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const hi = words[2 * k + HIGH_WORD]!;
    const lo = words[2 * k + LOW_WORD]!;
    // Negative numbers: flip every bit (larger magnitude sorts first); others: flip the sign bit.
    const negative = hi >>> 31 === 1;
    high[k] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    low[k] = negative ? ~lo >>> 0 : lo;
  }

  let order = indices.slice();
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextOrder = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass % 2) * DIGIT_BITS;
    const fromHigh = pass >= 2;
    const key = fromHigh ? high : low;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(key[k]! >>> shift) & 0xffff]!++;
    // A digit that every key shares leaves the order as it is.
    if (n === 0 || counts[(key[0]! >>> shift) & 0xffff] === n) continue;
    let start = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[d]!;
      counts[d] = start;
      start += c;
    }
    for (let k = 0; k < n; k++) {
      const to = counts[(key[k]! >>> shift) & 0xffff]!++;
      nextLow[to] = low[k]!;
      nextHigh[to] = high[k]!;
      nextOrder[to] = order[k]!;
    }
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}
