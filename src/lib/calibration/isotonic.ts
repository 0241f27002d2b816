/**
 * Isotonic calibration as scikit-learn's IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)
 * (1.2): points sorted by (p, y), ties in p merged into their weighted mean label, pool-adjacent-violators
 * exactly as sklearn's _inplace_contiguous_isotonic_regression, clipped to [0, 1], then interior points
 * equal to both neighbours dropped. Prediction clips p to the fitted range and interpolates linearly.
 */
import { bisectLeft } from 'd3-array';
import { restoreCalibrator, type Calibrator } from './calibrator.ts';

export interface IsotonicState {
  kind: 'isotonic';
  /** Ascending thresholds on p. */
  x: number[];
  /** Calibrated probability at each threshold (non-decreasing). */
  y: number[];
}

// np.finfo(np.float64).resolution: sklearn's _make_unique merges x values closer than this.
const TIE_EPS = 1e-15;

/** Fits isotonic calibration on probabilities p, labels y (0/1 or any target in [0, 1]) and optional weights (zeros dropped). */
export function fitIsotonic(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Calibrator {
  const kept: number[] = [];
  for (let i = 0; i < p.length; i++) if ((weights?.[i] ?? 1) > 0) kept.push(i);
  if (kept.length === 0)
    throw new Error('Isotonic calibration needs at least one point with positive weight');
  const order = Int32Array.from(kept).sort((i, j) => p[i]! - p[j]! || y[i]! - y[j]!);
  // Merge ties: one point per distinct p with the weighted mean label, as sklearn's _make_unique.
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let currentX = p[order[0]!]!;
  let sumWy = 0;
  let sumW = 0;
  for (const i of order) {
    const w = weights?.[i] ?? 1;
    if (p[i]! - currentX >= TIE_EPS) {
      xs.push(currentX);
      ws.push(sumW);
      ys.push(sumWy / sumW);
      currentX = p[i]!;
      sumW = w;
      sumWy = y[i]! * w;
    } else {
      sumW += w;
      sumWy += y[i]! * w;
    }
  }
  xs.push(currentX);
  ws.push(sumW);
  ys.push(sumWy / sumW);
  const fitted = Float64Array.from(ys);
  poolAdjacentViolators(fitted, Float64Array.from(ws));
  for (let k = 0; k < fitted.length; k++) fitted[k] = Math.min(1, Math.max(0, fitted[k]!));
  const state: IsotonicState = { kind: 'isotonic', x: [], y: [] };
  for (let k = 0; k < fitted.length; k++) {
    const interior = k > 0 && k < fitted.length - 1;
    if (interior && fitted[k] === fitted[k - 1] && fitted[k] === fitted[k + 1]) continue;
    state.x.push(xs[k]!);
    state.y.push(fitted[k]!);
  }
  return restoreCalibrator(state);
}

/** The calibrated probability of p: clipped to [x_0, x_last], then linear interpolation (scipy's interp1d). */
export function applyIsotonic(state: IsotonicState, p: number): number {
  const { x, y } = state;
  const n = x.length;
  if (n === 1) return y[0]!;
  const v = Math.min(Math.max(p, x[0]!), x[n - 1]!);
  // First index with x >= v, kept in [1, n - 1] as interp1d does.
  const k = Math.min(Math.max(bisectLeft(x, v), 1), n - 1);
  const slope = (y[k]! - y[k - 1]!) / (x[k]! - x[k - 1]!);
  return slope * (v - x[k - 1]!) + y[k - 1]!;
}

// sklearn's _inplace_contiguous_isotonic_regression (Best & Chakravarti's single-pass PAV), in place.
function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) target[i] = i;
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      // Within a decreasing subsequence.
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!; // backtrack
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = target[i]! + 1;
    y.fill(y[i]!, i + 1, k);
    i = k;
  }
}
