/**
 * The hashing trick exactly as scikit-learn's FeatureHasher does it: MurmurHash3 x86_32 with seed 0 over the
 * UTF-8 bytes of the token; bucket = |h| mod N; sign = +1 when h >= 0, else -1.
 * Checks with N = 8: "cat" -> 7 (+1), "dog" -> 5 (-1), "fish" -> 7 (+1).
 *
 * What is hashed: these functions hash the token they are given, bare. The feature pipeline hashes
 * "column=value" (see hashedToken) so that equal values in two columns do not collide systematically.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// One scratch buffer for UTF-8 bytes, grown on demand: hashing allocates nothing per call on the serving path.
let scratch = new Uint8Array(256);

/** MurmurHash3 x86_32 of the UTF-8 bytes of `token`, as a signed 32-bit integer (sklearn's murmurhash3_32(positive=False)). */
export function murmurHash3(token: string, seed = 0): number {
  const length = encodeUtf8(token);
  return murmurHash3Bytes(scratch, length, seed);
}

/** MurmurHash3 x86_32 of bytes[0, length), signed 32-bit. */
export function murmurHash3Bytes(bytes: Uint8Array, length: number, seed = 0): number {
  let h = seed | 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    k ^= bytes[blocks]!;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Bucket in [0, buckets) of a signed hash: |h| mod N (exact for h = -2^31 too, since JS numbers are doubles). */
export function hashBucket(hash: number, buckets: number): number {
  return Math.abs(hash) % buckets;
}

/** +1 when h >= 0, else -1 (FeatureHasher's alternate_sign). */
export function hashSign(hash: number): number {
  return hash >= 0 ? 1 : -1;
}

/** The token the pipeline hashes for a column's value: "column=value". */
export function hashedToken(column: string, value: string): string {
  return `${column}=${value}`;
}

// Writes the UTF-8 bytes of s into `scratch` (lone surrogates become U+FFFD, as TextEncoder does); returns the length.
function encodeUtf8(s: string): number {
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3 + 64);
  const out = scratch;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}
