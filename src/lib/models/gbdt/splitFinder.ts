import { CATEGORY_SET_WORDS } from './forest.ts';

/** Constraints on a split, from GbdtParams. */
export interface SplitConstraints {
  minSamplesLeaf: number;
  minChildWeight: number;
  l2: number;
}

/**
 * A category needs this many rows in the node to be sorted into a split, and its sort key
 * G / (H + this) is pulled toward 0 by as much (scikit-learn's MIN_CAT_SUPPORT, LightGBM's
 * cat_smooth): rarer categories always go right.
 */
const MIN_CATEGORY_SUPPORT = 10;

/** Fills counts[0..stride) with the node's row count per bin of one feature. */
export type BinCounter = (feature: number, counts: Float64Array) => void;

/**
 * The best split found for each node of the tree being grown, by local node id, in typed
 * arrays so that no object is made per node. gain[node] <= 0 means no valid split.
 */
export class SplitStore {
  gain: Float64Array;
  feature: Int32Array;
  /** Non-missing bins 0..bin go left. */
  bin: Int32Array;
  /** Learned default direction; provisional when the node had no missing value (see #split). */
  missingLeft: Uint8Array;
  /** Sums of the left child (the right one is the node's sums minus these). */
  leftG: Float64Array;
  leftH: Float64Array;
  /** 1 when the split is on a categorical feature: then leftBins says which bins go left. */
  categorical: Uint8Array;
  /** Per node, a bitset of the bins (the missing bin included) a categorical split sends left. */
  leftBins: Uint32Array;
  /** Scratch for a categorical feature: its bins with enough rows, and their sort keys. */
  readonly categoryOrder: Int32Array;
  readonly categoryKey: Float64Array;
  /** Scratch: per feature position, the best gain whose row counts the hessian bound left open. */
  readonly openGain: Float64Array;
  /** Scratch: one feature's exact row counts per bin. */
  readonly counts: Float64Array;

  constructor(capacity: number, cols: number, stride: number) {
    this.gain = new Float64Array(capacity);
    this.feature = new Int32Array(capacity);
    this.bin = new Int32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.leftG = new Float64Array(capacity);
    this.leftH = new Float64Array(capacity);
    this.categorical = new Uint8Array(capacity);
    this.leftBins = new Uint32Array(capacity * CATEGORY_SET_WORDS);
    this.categoryOrder = new Int32Array(stride);
    this.categoryKey = new Float64Array(stride);
    this.openGain = new Float64Array(cols);
    this.counts = new Float64Array(stride);
  }
}

/**
 * Finds the node's split of largest gain G_L^2/(H_L+l2) + G_R^2/(H_R+l2) - G^2/(H+l2), as
 * scikit-learn's HistGradientBoosting does: thresholds between non-missing bins, with the
 * missing bin tried on the right and on the left, plus "every non-missing value left, missing
 * right" (how a feature that matters only through missingness is learned). Writes it to
 * store[node].
 *
 * minSamplesLeaf is enforced exactly without a count per histogram bin: every row's hessian is
 * at most hMax, so a side holds at least H_side / hMax rows. Thresholds that bound proves valid
 * are settled from the histogram alone; for a feature where a threshold the bound cannot settle
 * would beat the best gain so far, `countBins` counts that feature's rows and the feature is
 * scanned again with exact counts. (With unit hessians, squared error, the bound is exact.)
 *
 * A categorical feature (categories[f] > 0) is split on a set of its bins instead, the way
 * LightGBM and HistGradientBoosting do: see scanCategorical.
 *
 * @param hist the node's histogram (layout in histogram.ts).
 * @param binsPerFeature non-missing bins of each feature.
 * @param categories per feature, > 0 when it is categorical.
 * @param hMax an upper bound on the hessian of any row in the node.
 */
export function findBestSplit(
  store: SplitStore,
  node: number,
  hist: Float64Array,
  stride: number,
  missingBin: number,
  binsPerFeature: Int32Array,
  categories: Int32Array,
  features: Int32Array,
  featureCount: number,
  sumG: number,
  sumH: number,
  count: number,
  hMax: number,
  c: SplitConstraints,
  countBins: BinCounter,
): void {
  store.gain[node] = 0;
  store.feature[node] = -1;
  store.categorical[node] = 0;
  const open = store.openGain;
  for (let fi = 0; fi < featureCount; fi++) {
    const f = features[fi]!;
    if (categories[f]! > 0) {
      countBins(f, store.counts);
      scanCategorical(
        store,
        node,
        f,
        hist,
        stride,
        missingBin,
        binsPerFeature[f]!,
        sumG,
        sumH,
        count,
        c,
      );
      open[fi] = 0;
      continue;
    }
    open[fi] = scanFeature(
      store,
      node,
      features[fi]!,
      hist,
      stride,
      missingBin,
      binsPerFeature,
      sumG,
      sumH,
      count,
      hMax,
      null,
      c,
    );
  }
  for (let fi = 0; fi < featureCount; fi++) {
    if (!(open[fi]! > store.gain[node]!)) continue;
    const f = features[fi]!;
    countBins(f, store.counts);
    scanFeature(
      store,
      node,
      f,
      hist,
      stride,
      missingBin,
      binsPerFeature,
      sumG,
      sumH,
      count,
      hMax,
      store.counts,
      c,
    );
  }
}

/**
 * Scans one feature's thresholds and records in store[node] any valid split better than the
 * one there. Row counts come from `counts` when given, else from the hessian bound; returns the
 * best gain among thresholds that bound could not settle (0 with exact counts).
 */
function scanFeature(
  store: SplitStore,
  node: number,
  f: number,
  hist: Float64Array,
  stride: number,
  missingBin: number,
  binsPerFeature: Int32Array,
  sumG: number,
  sumH: number,
  count: number,
  hMax: number,
  counts: Float64Array | null,
  c: SplitConstraints,
): number {
  const { minSamplesLeaf, minChildWeight, l2 } = c;
  const parentScore = (sumG * sumG) / (sumH + l2);
  // Rows per unit of hessian, at least: n_side >= H_side * rowsPerHessian.
  const rowsPerHessian = hMax > 0 ? 1 / hMax : 0;
  const base = f * stride * 2;
  const missingAt = base + missingBin * 2;
  const mG = hist[missingAt]!;
  const mH = hist[missingAt + 1]!;
  const mCount = counts ? counts[missingBin]! : 0;
  const hasMissing = counts ? mCount > 0 : mG !== 0 || mH > 0;
  const bins = binsPerFeature[f]!;
  // With missing values, the last threshold (all non-missing left) is a valid split too.
  const lastBin = hasMissing ? bins - 1 : bins - 2;
  let best = store.gain[node]!;
  let openBest = 0;
  let lG = 0;
  let lH = 0;
  let lCount = 0;
  for (let b = 0; b <= lastBin; b++) {
    const at = base + b * 2;
    const gBin = hist[at]!;
    const hBin = hist[at + 1]!;
    lG += gBin;
    lH += hBin;
    if (counts) {
      const binCount = counts[b]!;
      lCount += binCount;
      if (binCount === 0) continue; // same partition as the previous threshold
    } else if (gBin === 0 && hBin === 0) continue;
    for (let side = 0; side < 2; side++) {
      // side 0: missing goes right; side 1: missing goes left (only when there are any and
      // some non-missing value goes right).
      if (side === 1 && (!hasMissing || b === bins - 1)) break;
      const gL = side === 0 ? lG : lG + mG;
      const hL = side === 0 ? lH : lH + mH;
      const hR = sumH - hL;
      if (hL < minChildWeight || hR < minChildWeight) continue;
      const gR = sumG - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (!(gain > best)) continue;
      if (counts) {
        const nL = side === 0 ? lCount : lCount + mCount;
        if (nL < minSamplesLeaf || count - nL < minSamplesLeaf) continue;
      } else if (hL * rowsPerHessian < minSamplesLeaf || hR * rowsPerHessian < minSamplesLeaf) {
        if (gain > openBest) openBest = gain;
        continue;
      }
      best = gain;
      store.gain[node] = gain;
      store.feature[node] = f;
      store.bin[node] = b;
      store.missingLeft[node] = side;
      store.categorical[node] = 0;
      store.leftG[node] = gL;
      store.leftH[node] = hL;
    }
  }
  return openBest;
}

/**
 * A categorical feature's best split, as scikit-learn's HistGradientBoosting finds it: the bins
 * (categories, the missing bin as one more) with at least MIN_CATEGORY_SUPPORT rows are sorted by
 * G / (H + MIN_CATEGORY_SUPPORT); the split sends a prefix of that order left, scanned from each
 * end up to the middle (the left side holds at most half the sorted categories); rarer categories
 * go right. Uses the exact row counts in store.counts. Records a better split in store[node].
 */
function scanCategorical(
  store: SplitStore,
  node: number,
  f: number,
  hist: Float64Array,
  stride: number,
  missingBin: number,
  bins: number,
  sumG: number,
  sumH: number,
  count: number,
  c: SplitConstraints,
): void {
  const { minSamplesLeaf, minChildWeight, l2 } = c;
  const { counts, categoryOrder: order, categoryKey: key } = store;
  const base = f * stride * 2;
  let used = 0;
  for (let b = 0; b <= bins; b++) {
    const bin = b === bins ? missingBin : b;
    if (counts[bin]! < MIN_CATEGORY_SUPPORT) continue;
    const at = base + bin * 2;
    key[bin] = hist[at]! / (hist[at + 1]! + MIN_CATEGORY_SUPPORT);
    order[used++] = bin;
  }
  if (used <= 1) return;
  // Ties by bin, so the order (and the tree) never depends on the sort's stability.
  order.subarray(0, used).sort((a, b) => key[a]! - key[b]! || a - b);
  const parentScore = (sumG * sumG) / (sumH + l2);
  let bestGain = store.gain[node]!;
  let bestEnd = -1;
  let bestDirection = 0;
  let bestG = 0;
  let bestH = 0;
  for (let direction = 1; direction >= -1; direction -= 2) {
    const middle = direction === 1 ? (used + 1) >> 1 : ((used + 1) >> 1) - 1;
    let gL = 0;
    let hL = 0;
    let nL = 0;
    for (let i = 0; i < middle; i++) {
      const bin = order[direction === 1 ? i : used - 1 - i]!;
      const at = base + bin * 2;
      gL += hist[at]!;
      hL += hist[at + 1]!;
      nL += counts[bin]!;
      if (nL < minSamplesLeaf || hL < minChildWeight) continue;
      const hR = sumH - hL;
      if (count - nL < minSamplesLeaf || hR < minChildWeight) break;
      const gR = sumG - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (!(gain > bestGain)) continue;
      bestGain = gain;
      bestEnd = i;
      bestDirection = direction;
      bestG = gL;
      bestH = hL;
    }
  }
  if (bestEnd < 0) return;
  store.gain[node] = bestGain;
  store.feature[node] = f;
  store.bin[node] = 0;
  store.categorical[node] = 1;
  store.leftG[node] = bestG;
  store.leftH[node] = bestH;
  const bits = store.leftBins;
  const from = node * CATEGORY_SET_WORDS;
  bits.fill(0, from, from + CATEGORY_SET_WORDS);
  for (let i = 0; i <= bestEnd; i++) {
    const bin = order[bestDirection === 1 ? i : used - 1 - i]!;
    bits[from + (bin >>> 5)] = bits[from + (bin >>> 5)]! | (1 << (bin & 31));
  }
  store.missingLeft[node] = (bits[from + (missingBin >>> 5)]! >>> (missingBin & 31)) & 1;
}
