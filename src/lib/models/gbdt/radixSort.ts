/**
 * Sorts float32 values ascending by LSD radix sort on their bit patterns (3 passes of 11 bits):
 * several times faster than TypedArray.prototype.sort for the 10^5-row columns binning sorts.
 * NaN must be removed first. -0 sorts before +0 (they compare equal).
 */
export class Float32RadixSorter {
  #keys: Uint32Array;
  #temp: Uint32Array;
  readonly #counts = new Int32Array(2048);

  constructor(capacity: number) {
    this.#keys = new Uint32Array(capacity);
    this.#temp = new Uint32Array(capacity);
  }

  /** Sorts values[0..n) in place (n <= capacity). */
  sort(values: Float32Array, n: number): void {
    const bits = new Uint32Array(values.buffer, values.byteOffset, n);
    let keys = this.#keys;
    let temp = this.#temp;
    // Flip so unsigned order is float order: negatives reversed, positives above them.
    for (let i = 0; i < n; i++) {
      const b = bits[i]!;
      keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    }
    const counts = this.#counts;
    for (let shift = 0; shift < 32; shift += 11) {
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const d = (keys[i]! >>> shift) & 2047;
        counts[d] = counts[d]! + 1;
      }
      let sum = 0;
      for (let d = 0; d < 2048; d++) {
        const c = counts[d]!;
        counts[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        const d = (k >>> shift) & 2047;
        temp[counts[d]!] = k;
        counts[d] = counts[d]! + 1;
      }
      [keys, temp] = [temp, keys];
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      bits[i] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0;
    }
  }
}
