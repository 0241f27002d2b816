/**
 * Numeric columns: imputation, then scaling, fitted on training rows only.
 * Like scikit-learn's Pipeline(SimpleImputer, Scaler): the scaler is fitted on the imputed training values
 * (missing 'category' excepted: its scaler sees only observed values and a missing value becomes 0).
 */
import { bisectRight } from 'd3-array';
import { quantileOfSorted } from '../metrics/quantile.ts';
import type { ColumnTransformSpec, NumericScaling, QuantileOutput } from './spec.ts';

export interface FittedNumeric {
  kind: 'numeric';
  name: string;
  /** A datetime column is scaled as epoch milliseconds; a served record may give it as a date string. */
  source: 'numeric' | 'datetime';
  /** First dense column of this column's block. */
  offset: number;
  /** Dense columns of the block, indicator included. */
  width: number;
  scaling: NumericScaling;
  /** Raw value that replaces a missing one; null under missing 'category' (the scaled value becomes 0). */
  fill: number | null;
  /** Dense column of "<name>_missing", or -1. */
  indicatorOffset: number;
  /** Scaled value = (g(x) - shift) * factor, where g is the identity or signed log1p. */
  shift: number;
  factor: number;
  /** Interior quantile cut points (ascending, distinct); bucket = number of edges <= x. */
  edges: number[];
  quantileOutput: QuantileOutput;
}

/** Fits one numeric column on `values` (its training rows only, NaN = missing); its dense block starts at `offset`. */
export function fitNumeric(
  name: string,
  source: 'numeric' | 'datetime',
  values: Float64Array,
  spec: ColumnTransformSpec,
  offset: number,
): FittedNumeric {
  const observed = sortedObserved(values);
  const fill = numericFill(observed, spec);
  const filled =
    fill === null ? observed : withFill(observed, values.length - observed.length, fill);
  const indicator = spec.indicator || spec.missing === 'category';
  const fitted: FittedNumeric = {
    kind: 'numeric',
    name,
    source,
    offset,
    width: 0,
    scaling: spec.numeric,
    fill,
    indicatorOffset: -1,
    shift: 0,
    factor: 1,
    edges: [],
    quantileOutput: spec.quantileOutput,
  };
  if (spec.numeric === 'standardize') {
    const mean = meanOf(filled);
    let ss = 0;
    for (let i = 0; i < filled.length; i++) ss += (filled[i]! - mean) ** 2;
    const std = filled.length > 0 ? Math.sqrt(ss / filled.length) : 0;
    fitted.shift = mean;
    // A constant column keeps scale 1, as StandardScaler does.
    fitted.factor = std > 0 ? 1 / std : 1;
  } else if (spec.numeric === 'minmax') {
    const min = filled.length > 0 ? filled[0]! : 0;
    const max = filled.length > 0 ? filled[filled.length - 1]! : 0;
    fitted.shift = min;
    fitted.factor = max > min ? 1 / (max - min) : 1;
  } else if (spec.numeric === 'quantile') {
    fitted.edges = quantileEdges(filled, Math.max(1, Math.floor(spec.quantileBins)));
  }
  const main = numericMainWidth(fitted);
  fitted.width = main + (indicator ? 1 : 0);
  fitted.indicatorOffset = indicator ? offset + main : -1;
  return fitted;
}

/** Dense columns the scaled value takes: the bucket count for quantile one-hot, else 1. */
export function numericMainWidth(
  f: Pick<FittedNumeric, 'scaling' | 'edges' | 'quantileOutput'>,
): number {
  return f.scaling === 'quantile' && f.quantileOutput === 'onehot' ? f.edges.length + 1 : 1;
}

/** Feature names of the block, in column order: "distance", "distance=q3", "distance_missing". */
export function numericFeatureNames(f: FittedNumeric): string[] {
  const names: string[] = [];
  const main = numericMainWidth(f);
  if (f.scaling === 'quantile' && f.quantileOutput === 'onehot') {
    for (let b = 0; b < main; b++) names.push(`${f.name}=q${b}`);
  } else {
    names.push(f.scaling === 'quantile' ? `${f.name}_quantile` : f.name);
  }
  if (f.indicatorOffset >= 0) names.push(`${f.name}_missing`);
  return names;
}

/** Writes the features of raw value `v` (NaN = missing) into x at `base` + the block's offset; x must be zeroed. */
export function encodeNumeric(f: FittedNumeric, v: number, x: Float32Array, base: number): void {
  const missing = Number.isNaN(v);
  if (missing && f.indicatorOffset >= 0) x[base + f.indicatorOffset] = 1;
  if (missing) {
    if (f.fill === null) return; // 'category': the scaled value stays 0.
    v = f.fill;
  }
  if (f.scaling === 'quantile') {
    const bucket = bisectRight(f.edges, v);
    if (f.quantileOutput === 'onehot') x[base + f.offset + bucket] = 1;
    else x[base + f.offset] = f.edges.length > 0 ? bucket / f.edges.length : 0;
    return;
  }
  const g = f.scaling === 'log1p' ? signedLog1p(v) : v;
  x[base + f.offset] = (g - f.shift) * f.factor;
}

/** log1p(|v|) with v's sign: defined for every real, and log1p itself for v >= 0. */
export function signedLog1p(v: number): number {
  return v < 0 ? -Math.log1p(-v) : Math.log1p(v);
}

/** Linear-interpolated quantiles at k/K (numpy's default), k = 1..K-1, deduplicated. */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  for (let k = 1; k < bins; k++) {
    const q = quantileOfSorted(sorted, k / bins)!;
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  return edges;
}

function numericFill(observed: Float64Array, spec: ColumnTransformSpec): number | null {
  switch (spec.missing) {
    case 'category':
      return null;
    case 'constant':
      return typeof spec.constant === 'number' ? spec.constant : 0;
    case 'mean':
      return observed.length > 0 ? meanOf(observed) : 0;
    case 'median':
      return observed.length > 0 ? quantileOfSorted(observed, 0.5)! : 0;
  }
}

function sortedObserved(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) n++;
  const out = new Float64Array(n);
  n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[n++] = values[i]!;
  return out.sort();
}

// The sorted observed values plus `count` copies of the fill, still sorted.
function withFill(sorted: Float64Array, count: number, fill: number): Float64Array {
  if (count === 0) return sorted;
  const out = new Float64Array(sorted.length + count);
  out.set(sorted);
  out.fill(fill, sorted.length);
  return out.sort();
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return a.length > 0 ? s / a.length : 0;
}
