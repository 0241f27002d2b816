/**
 * Post-hoc calibrators: a small JSON state (kept in run results and shipped with a served model) and
 * functions that apply it to predicted probabilities.
 */
import { applyIsotonic, type IsotonicState } from './isotonic.ts';
import { applyPlatt, type PlattState } from './platt.ts';

export type CalibratorState = PlattState | IsotonicState;

export interface Calibrator {
  /** Plain JSON: restoreCalibrator(JSON.parse(JSON.stringify(c.state))) applies identically. */
  state: CalibratorState;
  /** A new array of calibrated probabilities. */
  apply(p: Float32Array): Float32Array;
  /** One calibrated probability, for the serving path. */
  applyOne(p: number): number;
}

/** A calibrator from its JSON state. */
export function restoreCalibrator(state: CalibratorState): Calibrator {
  const one =
    state.kind === 'platt'
      ? (p: number): number => applyPlatt(state, p)
      : (p: number): number => applyIsotonic(state, p);
  return {
    state,
    applyOne: one,
    apply(p: Float32Array): Float32Array {
      const out = new Float32Array(p.length);
      for (let i = 0; i < p.length; i++) out[i] = one(p[i]!);
      return out;
    },
  };
}
