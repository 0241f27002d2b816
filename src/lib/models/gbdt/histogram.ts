/**
 * Per-node histograms: for each feature and bin, the sums of gradients, hessians and the row
 * count, interleaved as hist[((f * stride) + bin) * 3 + {0: gradient, 1: hessian, 2: count}]
 * with stride = bins per feature (the missing bin included). Float64 sums keep thousands of
 * additions exact enough for split gains.
 */

/** Length of one histogram buffer for `cols` features of `stride` bins each. */
export function histogramLength(cols: number, stride: number): number {
  return cols * stride * 3;
}

/**
 * Fills `hist` for the listed features from the node's rows nodeRows[start..end).
 *
 * @param bins row-major binned features, bins[r * cols + f].
 * @param g, h gradients and hessians by row id.
 * @param features the features to fill, ascending, in features[0..featureCount).
 */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  cols: number,
  stride: number,
  features: Int32Array,
  featureCount: number,
  nodeRows: Int32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  for (let fi = 0; fi < featureCount; fi++) {
    const from = features[fi]! * stride * 3;
    hist.fill(0, from, from + stride * 3);
  }
  if (featureCount === cols) {
    // Every feature: no indirection through `features` (about a third faster).
    for (let i = start; i < end; i++) {
      const r = nodeRows[i]!;
      const gr = g[r]!;
      const hr = h[r]!;
      const row = r * cols;
      for (let f = 0; f < cols; f++) {
        const at = (f * stride + bins[row + f]!) * 3;
        hist[at] = hist[at]! + gr;
        hist[at + 1] = hist[at + 1]! + hr;
        hist[at + 2] = hist[at + 2]! + 1;
      }
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const r = nodeRows[i]!;
    const gr = g[r]!;
    const hr = h[r]!;
    const row = r * cols;
    for (let fi = 0; fi < featureCount; fi++) {
      const f = features[fi]!;
      const at = (f * stride + bins[row + f]!) * 3;
      hist[at] = hist[at]! + gr;
      hist[at + 1] = hist[at + 1]! + hr;
      hist[at + 2] = hist[at + 2]! + 1;
    }
  }
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
    const from = features[fi]! * stride * 3;
    const to = from + stride * 3;
    for (let i = from; i < to; i++) parent[i] = parent[i]! - child[i]!;
  }
}
