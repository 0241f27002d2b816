/**
 * Platt scaling as scikit-learn's `_sigmoid_calibration` (1.2): q = 1 / (1 + exp(a f + b)), fitted by
 * weighted log loss against Platt's smoothed targets (n+ + 1) / (n+ + 2) and 1 / (n- + 2), where n+ and n-
 * are the (weighted) class totals.
 * Input f: the logit of the model's probability, ln(p / (1 - p)) with p clipped to [1e-7, 1 - 1e-7] (about
 * float32's resolution near 1). On logits Platt can express the identity (a = -1, b = 0), and for logistic
 * regression f is its decision function, which is what CalibratedClassifierCV calibrates.
 * The problem is convex: Newton's method with a backtracking line search finds the optimum that sklearn's
 * BFGS approaches.
 */
import { restoreCalibrator, type Calibrator } from './calibrator.ts';

export interface PlattState {
  kind: 'platt';
  /** Slope on the logit; negative for a model that ranks positives higher. */
  a: number;
  /** Intercept. */
  b: number;
}

/** Probabilities are clipped to [LOGIT_EPS, 1 - LOGIT_EPS] before the logit. */
export const LOGIT_EPS = 1e-7;

/** ln(p / (1 - p)) of the clipped probability. */
export function clippedLogit(p: number): number {
  const c = Math.min(Math.max(p, LOGIT_EPS), 1 - LOGIT_EPS);
  return Math.log(c / (1 - c));
}

/** The calibrated probability of p. */
export function applyPlatt(state: PlattState, p: number): number {
  return 1 / (1 + Math.exp(state.a * clippedLogit(p) + state.b));
}

/** Fits Platt scaling on probabilities p with labels y in {0, 1} (y > 0 is positive) and optional weights. */
export function fitPlatt(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Calibrator {
  const n = p.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = clippedLogit(p[i]!);
  let prior0 = 0;
  let prior1 = 0;
  for (let i = 0; i < n; i++) {
    const w = weights?.[i] ?? 1;
    if (y[i]! > 0) prior1 += w;
    else prior0 += w;
  }
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = y[i]! > 0 ? hi : lo;
  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * f[i]! + b;
      // -(t ln P + (1 - t) ln(1 - P)) with P = sigmoid(-z) is softplus(z) - (1 - t) z.
      sum +=
        (weights?.[i] ?? 1) *
        (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (1 - t[i]!) * z);
    }
    return sum;
  };
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const w = weights?.[i] ?? 1;
      const fi = f[i]!;
      const prob = 1 / (1 + Math.exp(a * fi + b)); // P
      const d = w * (t[i]! - prob);
      const h = w * prob * (1 - prob);
      ga += d * fi;
      gb += d;
      haa += h * fi * fi;
      hab += h * fi;
      hbb += h;
    }
    if (
      Math.abs(ga) < 1e-10 * (1 + Math.abs(current)) &&
      Math.abs(gb) < 1e-10 * (1 + Math.abs(current))
    )
      break;
    // A tiny ridge keeps the 2x2 system solvable when all f are equal (then a stays at 0).
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a + step * da, b + step * db);
    while (next > current + 1e-4 * step * (ga * da + gb * db) && step > 1e-10) {
      step /= 2;
      next = loss(a + step * da, b + step * db);
    }
    if (step <= 1e-10) break;
    a += step * da;
    b += step * db;
    if (current - next <= 1e-15 * Math.abs(current)) {
      current = next;
      break;
    }
    current = next;
  }
  return restoreCalibrator({ kind: 'platt', a, b });
}
