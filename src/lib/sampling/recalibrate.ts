/**
 * Re-calibration after negative downsampling at rate w (docs/design.md; He et al. 2014):
 * q = p / (p + (1 - p) / w), the same as logit(q) = logit(p) + ln w.
 * Checks: p = 0.5, w = 0.1 -> 0.090909; p = 0.9, w = 0.1 -> 0.473684; p = 0.2, w = 0.25 -> 0.058824.
 */
import { checkRate } from './negativeDownsampling.ts';

/** One probability, for the serving path. */
export function recalibrateOne(p: number, w: number): number {
  return p / (p + (1 - p) / w);
}

/** A new array of re-calibrated probabilities. */
export function recalibrate(p: Float32Array, w: number): Float32Array {
  checkRate(w);
  const q = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) q[i] = recalibrateOne(p[i]!, w);
  return q;
}
