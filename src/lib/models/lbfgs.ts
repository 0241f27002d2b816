import { throwIfAborted, yieldToEventLoop } from '../abort.ts';

/**
 * A smooth objective: writes the gradient at `at` into `gradient` and returns the value. May be
 * async so that the gradient can be computed on a tfjs backend and read back once per call.
 */
export type Objective = (at: Float64Array, gradient: Float64Array) => number | Promise<number>;

export interface LbfgsOptions {
  /** Iterations (direction updates) at most. Default 100, as scikit-learn's `max_iter`. */
  maxIterations?: number;
  /** Correction pairs kept. Default 10, as scipy's `maxcor`. */
  memory?: number;
  /**
   * Stop when an iteration lowers the objective by less than this fraction of its size:
   * (f_old - f_new) / max(|f_old|, |f_new|, 1) <= relativeTolerance. Default 2.2e-9, scipy's
   * L-BFGS-B `factr` of 1e7 times machine epsilon, the rule scikit-learn's lbfgs stops by.
   */
  relativeTolerance?: number;
  /** Stop when the largest gradient component is at most this. Default 1e-7. */
  gradientTolerance?: number;
  signal?: AbortSignal;
  /** Called once per iteration with the new value and point. */
  onIteration?: (iteration: number, value: number, at: Float64Array) => void;
}

export interface LbfgsResult {
  value: number;
  iterations: number;
  /** Calls of the objective, line-search trials included. */
  evaluations: number;
  /** Why it stopped. */
  stop: 'relative-tolerance' | 'gradient-tolerance' | 'max-iterations' | 'line-search';
}

const ARMIJO = 1e-4;
const MAX_LINE_SEARCH = 30;
/** Yield to the event loop (for a cancel) after this much work, not every iteration: a timer costs 1-4 ms. */
const YIELD_EVERY_MS = 50;

/**
 * Minimises `objective` from `x` (updated in place) by limited-memory BFGS (Nocedal and Wright,
 * Numerical Optimization, algorithm 7.5) with a backtracking Armijo line search. Each trial is one
 * full pass over the data, so a well-scaled problem costs about one pass per iteration.
 */
export async function minimizeLbfgs(
  objective: Objective,
  x: Float64Array,
  options: LbfgsOptions = {},
): Promise<LbfgsResult> {
  const maxIterations = options.maxIterations ?? 100;
  const memory = options.memory ?? 10;
  const relativeTolerance = options.relativeTolerance ?? 2.2e-9;
  const gradientTolerance = options.gradientTolerance ?? 1e-7;
  const n = x.length;
  const s = Array.from({ length: memory }, () => new Float64Array(n));
  const yv = Array.from({ length: memory }, () => new Float64Array(n));
  const rho = new Float64Array(memory);
  const alpha = new Float64Array(memory);
  let stored = 0;
  let newest = -1;

  const gradient = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const trial = new Float64Array(n);
  const direction = new Float64Array(n);
  let lastYield = performance.now();
  let value = await objective(x, gradient);
  let evaluations = 1;
  if (maxAbs(gradient) <= gradientTolerance)
    return { value, iterations: 0, evaluations, stop: 'gradient-tolerance' };

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    throwIfAborted(options.signal);
    // Two-loop recursion: direction = -H g, H the inverse Hessian estimate from the stored pairs.
    for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
    for (let k = 0, m = newest; k < stored; k++, m = (m - 1 + memory) % memory) {
      alpha[m] = rho[m]! * dot(s[m]!, direction);
      axpy(-alpha[m]!, yv[m]!, direction);
    }
    const gamma =
      stored > 0
        ? dot(s[newest]!, yv[newest]!) / dot(yv[newest]!, yv[newest]!)
        : 1 / maxAbs(gradient);
    for (let i = 0; i < n; i++) direction[i]! *= gamma;
    for (
      let k = 0, m = (newest - stored + 1 + memory) % memory;
      k < stored;
      k++, m = (m + 1) % memory
    ) {
      const beta = rho[m]! * dot(yv[m]!, direction);
      axpy(alpha[m]! - beta, s[m]!, direction);
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]! / maxAbs(gradient);
      slope = dot(gradient, direction);
    }

    let step = 1;
    let trialValue = NaN;
    let accepted = false;
    for (let t = 0; t < MAX_LINE_SEARCH; t++) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! + step * direction[i]!;
      trialValue = await objective(trial, trialGradient);
      evaluations++;
      if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { value, iterations: iteration - 1, evaluations, stop: 'line-search' };

    const next = (newest + 1) % memory;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[next]![i] = trial[i]! - x[i]!;
      yv[next]![i] = trialGradient[i]! - gradient[i]!;
      sy += s[next]![i]! * yv[next]![i]!;
    }
    // Keep the pair only under the curvature condition, so the estimate stays positive definite.
    if (sy > 1e-12 * dot(yv[next]!, yv[next]!)) {
      rho[next] = 1 / sy;
      newest = next;
      stored = Math.min(memory, stored + 1);
    }
    const previous = value;
    x.set(trial);
    gradient.set(trialGradient);
    value = trialValue;
    options.onIteration?.(iteration, value, x);
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    if (maxAbs(gradient) <= gradientTolerance)
      return { value, iterations: iteration, evaluations, stop: 'gradient-tolerance' };
    if ((previous - value) / Math.max(Math.abs(previous), Math.abs(value), 1) <= relativeTolerance)
      return { value, iterations: iteration, evaluations, stop: 'relative-tolerance' };
  }
  return { value, iterations: maxIterations, evaluations, stop: 'max-iterations' };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}
