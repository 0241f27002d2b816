/** Equal-width histograms, small and ready to draw. */

/** Per-bin totals: rows, and the sum of their sample weights (equal to the rows when unweighted). */
export interface BinTotals {
  counts: number[];
  weights: number[];
}

/** A histogram over `edges` (length bins + 1, increasing); bin b is [edges[b], edges[b+1]), the last one closed. */
export interface Histogram extends BinTotals {
  edges: number[];
}

/** Score histograms of the two classes over the same bins on [0, 1]. */
export interface ClassHistograms {
  edges: number[];
  negative: BinTotals;
  positive: BinTotals;
}

/**
 * Bin of `value` among `bins` equal-width bins on [lower, upper]: min(floor((v - lower) * bins /
 * (upper - lower)), bins - 1), so on [0, 1] with 10 bins it is docs/design.md's min(floor(10 p), 9).
 * Values below `lower` go to bin 0.
 */
export function equalWidthBin(value: number, lower: number, upper: number, bins: number): number {
  const b = Math.floor((value - lower) * (bins / (upper - lower)));
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** Edges of `bins` equal-width bins on [lower, upper], computed as lower + b (upper - lower) / bins. */
export function equalWidthEdges(lower: number, upper: number, bins: number): number[] {
  const edges = new Array<number>(bins + 1);
  for (let b = 0; b <= bins; b++)
    edges[b] = b === bins ? upper : lower + (b * (upper - lower)) / bins;
  return edges;
}

/**
 * Histogram of finite values over [min, max] of the data with `bins` equal-width bins (default 20).
 * NaN is a missing value and skipped, so that a column with gaps is counted in place rather than
 * through a compact copy (docs/design.md, "CSV import"). All values equal: one bin [v, v]. No
 * values: no bins.
 */
export function histogram(
  values: ArrayLike<number>,
  options: { bins?: number; weights?: ArrayLike<number> } = {},
): Histogram {
  const n = values.length;
  let lower = Infinity;
  let upper = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < lower) lower = v;
    if (v > upper) upper = v;
  }
  if (lower > upper) return { edges: [], counts: [], weights: [] };
  const bins = lower === upper ? 1 : (options.bins ?? 20);
  const totals = emptyTotals(bins);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const b = lower === upper ? 0 : equalWidthBin(v, lower, upper, bins);
    addTo(totals, b, options.weights === undefined ? 1 : options.weights[i]!);
  }
  return { edges: equalWidthEdges(lower, upper, bins), ...totals };
}

/**
 * Histograms of the predicted probability for negatives (y = 0) and positives (y = 1), with
 * `bins` equal-width bins on [0, 1] (default 20).
 */
export function scoreHistograms(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: { bins?: number; weights?: ArrayLike<number> } = {},
): ClassHistograms {
  const bins = options.bins ?? 20;
  const negative = emptyTotals(bins);
  const positive = emptyTotals(bins);
  for (let i = 0; i < y.length; i++) {
    const b = equalWidthBin(p[i]!, 0, 1, bins);
    addTo(
      y[i]! === 1 ? positive : negative,
      b,
      options.weights === undefined ? 1 : options.weights[i]!,
    );
  }
  return { edges: equalWidthEdges(0, 1, bins), negative, positive };
}

function emptyTotals(bins: number): BinTotals {
  return { counts: new Array<number>(bins).fill(0), weights: new Array<number>(bins).fill(0) };
}

function addTo(totals: BinTotals, bin: number, weight: number): void {
  totals.counts[bin]!++;
  totals.weights[bin]! += weight;
}
