/**
 * Per-node histograms: for each feature and bin, the sums of gradients and hessians,
 * interleaved as hist[((f * stride) + bin) * 2 + {0: gradient, 1: hessian}] with stride = bins
 * per feature (the missing bin included). Float64 sums keep thousands of additions exact enough
 * for split gains.
 *
 * There is no row-count channel: it made building about a quarter slower, and split finding gets
 * exact counts another way (see splitFinder.ts).
 */

/** Length of one histogram buffer for `cols` features of `stride` bins each. */
export function histogramLength(cols: number, stride: number): number {
  return cols * stride * 2;
}

/**
 * Four bins are read as one 32-bit word: feature f's bin is byte f & 3 of word f >> 2 of its row,
 * counted from the low byte, which holds on little-endian platforms only (every engine this app
 * runs on, as typedArrayCodec.ts assumes too); anything else would build wrong histograms.
 */
if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1)
  throw new Error('gbdt: histograms need a little-endian platform');

/**
 * Fills `hist` for the listed features from the rows at positions start..end of a node-ordered
 * copy of the data (the tree builder keeps each node's rows contiguous there, see treeBuilder.ts),
 * so every read moves through memory in order (see docs/design.md, "GBDT kernel"). A slice
 * start..end of a node's positions gives that slice's partial histogram; partial histograms add.
 *
 * @param words node-ordered binned rows as 32-bit words: the row at position i has feature f's
 *   bin at byte i * rowBytes + f of the buffer (rowBytes a multiple of 4).
 * @param gh the same positions' gradients and hessians, interleaved: gh[2i], gh[2i + 1].
 * @param features the features to fill, ascending, in features[0..featureCount).
 * @param descending read positions end - 1 down to start: the node's rows lie there in descending
 *   row order (treeBuilder.ts), so each bin still adds its rows in ascending row order.
 * @returns the largest hessian among the rows (0 for no rows).
 */
export function buildHistogram(
  hist: Float64Array,
  words: Int32Array,
  rowBytes: number,
  stride: number,
  features: Int32Array,
  featureCount: number,
  start: number,
  end: number,
  gh: Float64Array,
  descending = false,
): number {
  const step = stride * 2;
  const rows = end - start;
  const first = descending ? end - 1 : start;
  const next = descending ? -1 : 1;
  for (let fi = 0; fi < featureCount; fi++) {
    const from = features[fi]! * step;
    hist.fill(0, from, from + step);
  }
  let hMax = 0;
  const firstFeature = features[0]!;
  const past = firstFeature + featureCount;
  if (featureCount > 0 && features[featureCount - 1] === past - 1) {
    // A run of consecutive features (every feature, or one thread's share of them:
    // histogramThreads.ts): no indirection through `features`; the features from a multiple of
    // 4 on four at a time, from one word (unrolled by hand: twice as fast as the loop below, and
    // one word instead of four byte reads 0.85x, measured on 80k rows x 30 features).
    const wordsFrom = Math.min(past, (firstFeature + 3) & ~3);
    const wordsPast = wordsFrom + ((past - wordsFrom) & ~3);
    for (let k = 0, i = first; k < rows; k++, i += next) {
      const gr = gh[2 * i]!;
      const hr = gh[2 * i + 1]!;
      if (hr > hMax) hMax = hr;
      const row = i * rowBytes;
      let f = firstFeature;
      for (; f < wordsFrom; f++) {
        const a = f * step + binAt(words, row + f) * 2;
        hist[a] = hist[a]! + gr;
        hist[a + 1] = hist[a + 1]! + hr;
      }
      for (let base = f * step; f < wordsPast; f += 4, base += 4 * step) {
        const v = words[(row + f) >> 2]!;
        const a = base + (v & 255) * 2;
        const b = base + step + ((v >>> 8) & 255) * 2;
        const c = base + 2 * step + ((v >>> 16) & 255) * 2;
        const d = base + 3 * step + (v >>> 24) * 2;
        hist[a] = hist[a]! + gr;
        hist[a + 1] = hist[a + 1]! + hr;
        hist[b] = hist[b]! + gr;
        hist[b + 1] = hist[b + 1]! + hr;
        hist[c] = hist[c]! + gr;
        hist[c + 1] = hist[c + 1]! + hr;
        hist[d] = hist[d]! + gr;
        hist[d + 1] = hist[d + 1]! + hr;
      }
      for (; f < past; f++) {
        const a = f * step + binAt(words, row + f) * 2;
        hist[a] = hist[a]! + gr;
        hist[a + 1] = hist[a + 1]! + hr;
      }
    }
    return hMax;
  }
  for (let k = 0, i = first; k < rows; k++, i += next) {
    const gr = gh[2 * i]!;
    const hr = gh[2 * i + 1]!;
    if (hr > hMax) hMax = hr;
    const row = i * rowBytes;
    for (let fi = 0; fi < featureCount; fi++) {
      const f = features[fi]!;
      const a = f * step + binAt(words, row + f) * 2;
      hist[a] = hist[a]! + gr;
      hist[a + 1] = hist[a + 1]! + hr;
    }
  }
  return hMax;
}

/** The byte at `byte` of the words' buffer (little-endian). */
function binAt(words: Int32Array, byte: number): number {
  return (words[byte >> 2]! >>> ((byte & 3) << 3)) & 255;
}

/** parent -= child for the listed features: the sibling's histogram without a pass over rows. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  stride: number,
  features: Int32Array,
  featureCount: number,
): void {
  for (let fi = 0; fi < featureCount; fi++) {
    const from = features[fi]! * stride * 2;
    const to = from + stride * 2;
    for (let i = from; i < to; i++) parent[i] = parent[i]! - child[i]!;
  }
}
