import type { ReliabilityBin } from '../metrics/reliability.ts';
import { binaryMetrics } from '../metrics/binary.ts';
import { correctPriorShift, estimateDeploymentRate } from '../sampling/priorShift.ts';
import { resampleToBaseRate } from '../sampling/resampleToBaseRate.ts';
import type { ExperimentConfig } from './config.ts';

/** Seeds the test resampling apart from the split's own draws (same config + seed, same rows). */
const RESAMPLE_SEED_OFFSET = 0x5eed;

export type PriorCorrection = ExperimentConfig['evaluation']['priorCorrection'];

/**
 * Serving at another base rate, as the result states it (docs/design.md "Prior shift"): the test
 * split resampled to `requestedBaseRate`, the correction applied, and the uncorrected numbers
 * beside the corrected ones so that the break and the repair show in one run.
 */
export interface DeploymentShift {
  /** The configured `evaluation.deploymentBaseRate`; null: the test split as drawn. */
  requestedBaseRate: number | null;
  /** Positive share of the scored test rows: the true deployment base rate b'. */
  testBaseRate: number;
  /** Test rows scored (after resampling). */
  testRows: number;
  /** The seed of the resampling; null when the split was not resampled. */
  seed: number | null;
  /** The base rate b the model's final probabilities answer to. */
  trainBaseRate: number;
  correction: PriorCorrection;
  /** EM's estimate of b' from the unlabelled predictions (always computed, to show beside b'). */
  estimatedBaseRate: number;
  estimateSteps: number;
  /** The b' the correction used: testBaseRate (known), estimatedBaseRate (estimated), null (none). */
  correctionBaseRate: number | null;
  /** The test metrics before the correction: they show the break. */
  uncorrected: {
    logLoss: number | null;
    ece: number | null;
    calibrationRatio: number | null;
    rocAuc: number | null;
    reliability: ReliabilityBin[];
  };
}

/** True when the config asks for a base-rate shift or a prior correction of the test split. */
export function wantsDeploymentShift(config: ExperimentConfig): boolean {
  const { deploymentBaseRate, priorCorrection } = config.evaluation;
  const wanted = deploymentBaseRate !== undefined || priorCorrection !== 'none';
  if (wanted && config.data.task !== 'binary') {
    throw new Error(
      `evaluation.${deploymentBaseRate !== undefined ? 'deploymentBaseRate' : 'priorCorrection'}: a deployment base rate applies to a binary task; this one is ${config.data.task}.`,
    );
  }
  return wanted;
}

/** The test rows resampled, seeded, to the configured deployment base rate (or as they are). */
export function deploymentTestRows(
  config: ExperimentConfig,
  testRows: Int32Array,
  y: ArrayLike<number>,
): { rows: Int32Array; seed: number | null } {
  const rate = config.evaluation.deploymentBaseRate;
  if (rate === undefined) return { rows: testRows, seed: null };
  const seed = (config.seed + RESAMPLE_SEED_OFFSET) >>> 0;
  try {
    return { rows: resampleToBaseRate(testRows, y, rate, seed).rows, seed };
  } catch (error) {
    throw new Error(`evaluation.deploymentBaseRate: ${(error as Error).message} (test split)`);
  }
}

/**
 * Corrects the test split's final probabilities `p` from the base rate b they answer to
 * (`trainBaseRate`) to the deployment base rate, known or estimated by EM, and states it.
 */
export function correctForDeployment(
  config: ExperimentConfig,
  y: Float32Array,
  p: Float32Array,
  trainBaseRate: number,
  seed: number | null,
): { corrected: Float32Array; shift: DeploymentShift } {
  const { deploymentBaseRate, priorCorrection } = config.evaluation;
  let positives = 0;
  for (const v of y) positives += v;
  const testBaseRate = positives / y.length;
  const estimate = estimateDeploymentRate(p, trainBaseRate);
  // The estimate is shown whatever the correction, beside the true rate.
  const target =
    priorCorrection === 'known'
      ? testBaseRate
      : priorCorrection === 'estimated'
        ? estimate.rate
        : null;
  const before = binaryMetrics(y, p);
  let corrected = p;
  try {
    if (target !== null) corrected = correctPriorShift(p, trainBaseRate, target);
  } catch (error) {
    throw new Error(`evaluation.priorCorrection: ${(error as Error).message}`);
  }
  return {
    corrected,
    shift: {
      requestedBaseRate: deploymentBaseRate ?? null,
      testBaseRate,
      testRows: y.length,
      seed,
      trainBaseRate,
      correction: priorCorrection,
      estimatedBaseRate: estimate.rate,
      estimateSteps: estimate.steps,
      correctionBaseRate: target,
      uncorrected: {
        logLoss: before.logLoss,
        ece: before.ece,
        calibrationRatio: before.calibrationRatio,
        rocAuc: before.rocAuc,
        reliability: before.reliability,
      },
    },
  };
}
