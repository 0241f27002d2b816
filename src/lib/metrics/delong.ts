import { argsortFloat64 } from './argsort.ts';
import { twoSidedNormalP } from './normal.ts';
import { assertBinaryLabels, assertProbabilities, assertSameLength } from './validate.ts';

/** z of a two-sided 95% normal interval. */
export const Z_95 = 1.959964;

/** DeLong's paired test of two ROC AUCs on the same rows (docs/design.md "Sweeps and uncertainty"). */
export interface DelongTest {
  /** ROC AUC of A and of B (Mann-Whitney, ties counting one half). */
  a: number;
  b: number;
  /** a - b. */
  diff: number;
  /** var(AUC_A - AUC_B) from the structural components. */
  variance: number;
  /** diff / sqrt(variance); 0 when A and B rank the rows identically (variance 0, diff 0). */
  z: number;
  /** Two-sided: 2 (1 - Phi(|z|)). */
  pValue: number;
  /** diff +/- 1.959964 sqrt(variance). */
  ci95: [number, number];
}

/**
 * DeLong's test in the fast form of Sun and Xu (2014): the structural components come from
 * midranks (ties averaged) within the positives, within the negatives and over all rows, so the
 * cost is three sorts per model instead of an m x n comparison table.
 *
 * @param y labels 0/1, both classes present
 * @param pA, pB scores of models A and B on the same rows
 * @throws RangeError on bad input or when a class is missing
 */
export function delongTest(
  y: ArrayLike<number>,
  pA: ArrayLike<number>,
  pB: ArrayLike<number>,
): DelongTest {
  const n = y.length;
  assertSameLength('pA', pA, n);
  assertSameLength('pB', pB, n);
  assertBinaryLabels(y);
  assertProbabilities('pA', pA);
  assertProbabilities('pB', pB);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) (y[i] === 1 ? positives : negatives).push(i);
  if (positives.length === 0 || negatives.length === 0) {
    throw new RangeError('DeLong needs both classes in y: ROC AUC is undefined with one');
  }
  const A = structuralComponents(pA, positives, negatives);
  const B = structuralComponents(pB, positives, negatives);
  const m = positives.length;
  const k = negatives.length;
  const variance =
    (covariance(A.v10, A.v10) + covariance(B.v10, B.v10) - 2 * covariance(A.v10, B.v10)) / m +
    (covariance(A.v01, A.v01) + covariance(B.v01, B.v01) - 2 * covariance(A.v01, B.v01)) / k;
  const diff = A.auc - B.auc;
  const sd = Math.sqrt(Math.max(variance, 0));
  const z = sd > 0 ? diff / sd : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  return {
    a: A.auc,
    b: B.auc,
    diff,
    variance,
    z,
    pValue: twoSidedNormalP(z),
    ci95: [diff - Z_95 * sd, diff + Z_95 * sd],
  };
}

interface Components {
  auc: number;
  /** Per positive: the share of negatives it outscores (ties one half). */
  v10: Float64Array;
  /** Per negative: the share of positives that outscore it (ties one half). */
  v01: Float64Array;
}

/** Sun and Xu's V10 = (Tz - Tx) / n and V01 = 1 - (Tz - Ty) / m from midranks. */
function structuralComponents(
  p: ArrayLike<number>,
  positives: readonly number[],
  negatives: readonly number[],
): Components {
  const m = positives.length;
  const n = negatives.length;
  const x = Float64Array.from(positives, (i) => p[i]!);
  const yNeg = Float64Array.from(negatives, (i) => p[i]!);
  const z = new Float64Array(m + n);
  z.set(x);
  z.set(yNeg, m);
  const tx = midranks(x);
  const ty = midranks(yNeg);
  const tz = midranks(z);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let rankSum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (tz[i]! - tx[i]!) / n;
    rankSum += tz[i]!;
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j]! - ty[j]!) / m;
  return { auc: rankSum / (m * n) - (m + 1) / (2 * n), v10, v01 };
}

/** 1-based ranks of `values`, tied values sharing the mean of their ranks. */
function midranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = argsortFloat64(
    values,
    Uint32Array.from({ length: n }, (_, i) => i),
  );
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // Ranks start + 1 .. end share their mean.
    const mid = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = mid;
    start = end;
  }
  return ranks;
}

/** Sample covariance (n - 1) of two equally long arrays. */
function covariance(u: Float64Array, v: Float64Array): number {
  const n = u.length;
  if (n < 2) return 0;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i]!;
    mv += v[i]!;
  }
  mu /= n;
  mv /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (u[i]! - mu) * (v[i]! - mv);
  return s / (n - 1);
}
