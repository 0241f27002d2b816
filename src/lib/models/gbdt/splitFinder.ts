/** Constraints on a split, from GbdtParams. */
export interface SplitConstraints {
  minSamplesLeaf: number;
  minChildWeight: number;
  l2: number;
}

/**
 * The best split found for each node of the tree being grown, by local node id, in typed
 * arrays so that no object is made per node. gain[node] <= 0 means no valid split.
 */
export class SplitStore {
  gain: Float64Array;
  feature: Int32Array;
  /** Non-missing bins 0..bin go left. */
  bin: Int32Array;
  missingLeft: Uint8Array;
  /** Sums of the left child (the right one is the node's sums minus these). */
  leftG: Float64Array;
  leftH: Float64Array;
  leftCount: Int32Array;

  constructor(capacity: number) {
    this.gain = new Float64Array(capacity);
    this.feature = new Int32Array(capacity);
    this.bin = new Int32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.leftG = new Float64Array(capacity);
    this.leftH = new Float64Array(capacity);
    this.leftCount = new Int32Array(capacity);
  }
}

/**
 * Scans the node's histogram (layout in histogram.ts) for the split of largest gain
 * G_L^2/(H_L+l2) + G_R^2/(H_R+l2) - G^2/(H+l2), as scikit-learn's HistGradientBoosting does:
 * thresholds between non-missing bins, with the missing bin tried on the right and on the left,
 * plus "every non-missing value left, missing right" (how a feature that matters only through
 * missingness is learned). When the node has no missing value for a feature, missing values
 * at predict time go to the child with more training rows.
 *
 * @param binsPerFeature non-missing bins of each feature (its edges' length + 1).
 */
export function findBestSplit(
  store: SplitStore,
  node: number,
  hist: Float64Array,
  stride: number,
  missingBin: number,
  binsPerFeature: Int32Array,
  features: Int32Array,
  featureCount: number,
  sumG: number,
  sumH: number,
  count: number,
  c: SplitConstraints,
): void {
  const { minSamplesLeaf, minChildWeight, l2 } = c;
  const parentScore = (sumG * sumG) / (sumH + l2);
  let bestGain = 0;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = 0;
  let bestG = 0;
  let bestH = 0;
  let bestCount = 0;

  for (let fi = 0; fi < featureCount; fi++) {
    const f = features[fi]!;
    const base = f * stride * 3;
    const missingAt = base + missingBin * 3;
    const mG = hist[missingAt]!;
    const mH = hist[missingAt + 1]!;
    const mCount = hist[missingAt + 2]!;
    const hasMissing = mCount > 0;
    const bins = binsPerFeature[f]!;
    // With missing values, the last threshold (all non-missing left) is a valid split too.
    const lastBin = hasMissing ? bins - 1 : bins - 2;
    let lG = 0;
    let lH = 0;
    let lCount = 0;
    for (let b = 0; b <= lastBin; b++) {
      const at = base + b * 3;
      const binCount = hist[at + 2]!;
      if (binCount === 0) continue; // same partition as the previous threshold
      lG += hist[at]!;
      lH += hist[at + 1]!;
      lCount += binCount;
      for (let side = 0; side < 2; side++) {
        // side 0: missing goes right; side 1: missing goes left (only when there are any and
        // some non-missing value goes right).
        if (side === 1 && (!hasMissing || b === bins - 1)) break;
        const gL = side === 0 ? lG : lG + mG;
        const hL = side === 0 ? lH : lH + mH;
        const nL = side === 0 ? lCount : lCount + mCount;
        const nR = count - nL;
        if (nL < minSamplesLeaf || nR < minSamplesLeaf) continue;
        const hR = sumH - hL;
        if (hL < minChildWeight || hR < minChildWeight) continue;
        const gR = sumG - gL;
        const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestMissingLeft = hasMissing ? side : nL >= nR ? 1 : 0;
          bestG = gL;
          bestH = hL;
          bestCount = nL;
        }
      }
    }
  }

  store.gain[node] = bestFeature >= 0 ? bestGain : 0;
  store.feature[node] = bestFeature;
  store.bin[node] = bestBin;
  store.missingLeft[node] = bestMissingLeft;
  store.leftG[node] = bestG;
  store.leftH[node] = bestH;
  store.leftCount[node] = bestCount;
}
