/**
 * Prior shift (docs/design.md "Prior shift"; Saerens, Latinne and Decaestecker, 2002): a model
 * trained where the positive rate is b and served where it is b' gives p; the corrected
 * probability is q = (b'/b) p / ((b'/b) p + ((1 - b')/(1 - b)) (1 - p)). Negative downsampling
 * at rate w is the special case whose odds factor (b'/b) / ((1 - b')/(1 - b)) equals w.
 */

/** One corrected probability; rates in (0, 1). */
export function priorShiftOne(p: number, trainRate: number, deployRate: number): number {
  const positive = (deployRate / trainRate) * p;
  const negative = ((1 - deployRate) / (1 - trainRate)) * (1 - p);
  return positive / (positive + negative);
}

/** A new array of probabilities corrected from the training base rate to the deployment one. */
export function correctPriorShift(
  p: ArrayLike<number>,
  trainRate: number,
  deployRate: number,
): Float32Array {
  checkBaseRate('trainRate', trainRate);
  checkBaseRate('deployRate', deployRate);
  return Float32Array.from(p, (v) => priorShiftOne(v, trainRate, deployRate));
}

export interface PriorEstimate {
  /** The estimated deployment base rate b'. */
  rate: number;
  /** EM steps taken. */
  steps: number;
  /** False when it stopped at the step limit rather than on a change below the tolerance. */
  converged: boolean;
}

/**
 * Estimates the deployment base rate b' from unlabelled predictions by the EM procedure of
 * Saerens, Latinne and Decaestecker (2002): start at b' = b, then repeat { q_i from b'; b' =
 * mean(q_i) } until b' changes by less than `tolerance` (default 1e-6) or after `maxSteps`
 * (default 1,000) steps.
 *
 * @param p the model's probabilities on the deployment rows (trained at base rate `trainRate`)
 */
export function estimateDeploymentRate(
  p: ArrayLike<number>,
  trainRate: number,
  { tolerance = 1e-6, maxSteps = 1000 } = {},
): PriorEstimate {
  checkBaseRate('trainRate', trainRate);
  if (p.length === 0) throw new RangeError('estimating the deployment base rate needs rows');
  let rate = trainRate;
  for (let step = 1; step <= maxSteps; step++) {
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += priorShiftOne(p[i]!, trainRate, rate);
    const next = sum / p.length;
    const change = Math.abs(next - rate);
    rate = next;
    if (change < tolerance) return { rate, steps: step, converged: true };
  }
  return { rate, steps: maxSteps, converged: false };
}

/** Throws unless 0 < rate < 1: at 0 or 1 the odds, and so the correction, are undefined. */
export function checkBaseRate(name: string, rate: number): void {
  if (!(rate > 0 && rate < 1)) throw new RangeError(`${name} = ${rate}: must be in (0, 1)`);
}
