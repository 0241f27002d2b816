import type { Rng } from '../../random.ts';
import { sortFloat32 } from '../../metrics/argsort.ts';

/** Rows used to place bin edges; larger training sets are subsampled, as scikit-learn does. */
export const BIN_EDGE_SAMPLE_ROWS = 200_000;

/**
 * Features mapped to small integers, row-major with each row padded to a multiple of 4 bytes, so
 * the tree builder can copy a row as whole 32-bit words when it reorders rows by node (see
 * treeBuilder.ts and docs/design.md, "GBDT kernel").
 */
export interface BinnedFeatures {
  rows: number;
  cols: number;
  /** Bytes per row: cols rounded up to a multiple of 4; the padding bytes are 0. */
  rowBytes: number;
  /** rows x rowBytes, row-major: bins[r * rowBytes + f]. */
  bins: Uint8Array;
  /** Bin id of missing (NaN) values; equals maxBins, past every feature's non-missing bins. */
  missingBin: number;
  /**
   * Per numeric feature, ascending thresholds: a value v falls in bin b, the first b with
   * v <= edges[b]. Empty for a categorical feature.
   */
  edges: Float64Array[];
  /** Per feature, its non-missing bins: edges + 1, or the categorical feature's bins. */
  binCounts: Int32Array;
  /**
   * Per feature, 0 for numeric, else its category code count (FeatureMatrix.categories). Code c
   * falls in bin min(c, maxBins - 1): when codes outnumber bins, the rarest share the last one.
   */
  categories: Int32Array;
}

/**
 * Quantile bin edges per feature from the given rows only (the training split), as scikit-learn's
 * _BinMapper places them: with at most maxBins distinct values, the midpoints between them;
 * otherwise the midpoints of the maxBins-quantiles, deduplicated. NaN is left out.
 *
 * @param x row-major rows x cols values; NaN is missing.
 * @param categories per feature, > 0 for a categorical one (it gets no edges).
 * @returns one Float64Array per feature with at most maxBins - 1 edges.
 */
export function computeBinEdges(
  x: Float32Array,
  rows: number,
  cols: number,
  maxBins: number,
  rng: Rng,
  categories?: Int32Array,
): Float64Array[] {
  const sample = sampleRows(rows, rng);
  const values = new Float32Array(sample ? sample.length : rows);
  const scratch = new Uint32Array(values.length);
  const edges: Float64Array[] = [];
  for (let f = 0; f < cols; f++) {
    if (categories && categories[f]! > 0) {
      edges.push(new Float64Array(0));
      continue;
    }
    let n = 0;
    const count = sample ? sample.length : rows;
    for (let i = 0; i < count; i++) {
      const r = sample ? sample[i]! : i;
      const v = x[r * cols + f]!;
      if (v === v) values[n++] = v;
    }
    const sorted = values.subarray(0, n);
    sortFloat32(sorted, scratch);
    edges.push(edgesOfSorted(sorted, maxBins));
  }
  return edges;
}

/**
 * Maps every value to its bin (NaN to missingBin = maxBins). A categorical feature's code c goes
 * to bin min(c, maxBins - 1); a code that is not an integer >= 0 is missing.
 */
export function binFeatures(
  x: Float32Array,
  rows: number,
  cols: number,
  edges: Float64Array[],
  maxBins: number,
  categories: Int32Array = new Int32Array(cols),
): BinnedFeatures {
  const rowBytes = (cols + 3) & ~3;
  const bins = new Uint8Array(rows * rowBytes);
  const padded = edges.map(padEdges);
  const lastBin = maxBins - 1;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    const out = r * rowBytes;
    for (let f = 0; f < cols; f++) {
      const v = x[row + f]!;
      let b: number;
      if (categories[f]! > 0) b = v >= 0 && Number.isInteger(v) ? Math.min(v, lastBin) : maxBins;
      else b = v === v ? binOf(padded[f]!, v) : maxBins;
      bins[out + f] = b;
    }
  }
  const binCounts = Int32Array.from(edges, (e, f) =>
    categories[f]! > 0 ? Math.min(categories[f]!, maxBins) : e.length + 1,
  );
  return { rows, cols, rowBytes, bins, missingBin: maxBins, edges, binCounts, categories };
}

/** A feature's edges padded with Infinity to 256 entries, for binOf. */
export function padEdges(edges: Float64Array): Float64Array {
  const padded = new Float64Array(256).fill(Infinity);
  padded.set(edges);
  return padded;
}

/**
 * The bin of a non-missing value: the first b with v <= edges[b] (the edge count when v is
 * above every edge). A fixed 8-step search over padded edges, without data-dependent branches
 * (about twice as fast as a plain binary search here).
 */
export function binOf(padded: Float64Array, v: number): number {
  let b = 0;
  b += v > padded[b + 127]! ? 128 : 0;
  b += v > padded[b + 63]! ? 64 : 0;
  b += v > padded[b + 31]! ? 32 : 0;
  b += v > padded[b + 15]! ? 16 : 0;
  b += v > padded[b + 7]! ? 8 : 0;
  b += v > padded[b + 3]! ? 4 : 0;
  b += v > padded[b + 1]! ? 2 : 0;
  b += v > padded[b]! ? 1 : 0;
  return b;
}

function edgesOfSorted(sorted: Float32Array, maxBins: number): Float64Array {
  const n = sorted.length;
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    const out = new Float64Array(Math.max(0, distinct - 1));
    let k = 0;
    for (let i = 1; i < n; i++) {
      if (sorted[i] !== sorted[i - 1]) out[k++] = (sorted[i - 1]! + sorted[i]!) * 0.5;
    }
    return out;
  }
  // numpy.percentile(..., method='midpoint') at linspace(0, 100, maxBins + 1)[1:-1], with numpy's
  // floating-point steps (its lerp at t = 0.5 is b - (b - a) / 2) so the edges match exactly.
  const step = 100 / maxBins;
  const out = new Float64Array(maxBins - 1);
  let k = 0;
  for (let i = 1; i < maxBins; i++) {
    const index = ((i * step) / 100) * (n - 1);
    const a = sorted[Math.floor(index)]!;
    const b = sorted[Math.ceil(index)]!;
    const v = a === b ? a : b - (b - a) * 0.5;
    if (k === 0 || v !== out[k - 1]) out[k++] = v;
  }
  return out.slice(0, k);
}

/** Sorted row ids of a seeded sample without replacement, or null when every row is used. */
function sampleRows(rows: number, rng: Rng): Int32Array | null {
  if (rows <= BIN_EDGE_SAMPLE_ROWS) return null;
  // Partial Fisher-Yates over the row ids: O(rows) once, exact sample size.
  const ids = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < BIN_EDGE_SAMPLE_ROWS; i++) {
    const j = i + rng.int(rows - i);
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return ids.slice(0, BIN_EDGE_SAMPLE_ROWS).sort();
}
