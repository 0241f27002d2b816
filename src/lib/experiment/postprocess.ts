import type { Calibrator } from '../calibration/calibrator.ts';
import { fitIsotonic } from '../calibration/isotonic.ts';
import { fitPlatt } from '../calibration/platt.ts';
import { recalibrate, recalibrateOne } from '../sampling/recalibrate.ts';
import type { ExperimentConfig } from './config.ts';

/**
 * What happens to a binary model's probability before anyone sees it: the downsampling
 * correction q = p / (p + (1 - p) / w), then a Platt or isotonic calibrator fitted on the
 * validation split. The same steps run in batch (metrics) and per row (the serving path).
 */
export interface Postprocessor {
  /** True when the final probability can differ from the model's raw output. */
  changesProbabilities: boolean;
  /**
   * True when the final probabilities answer to the sampled training base rate (downsampled or
   * upsampled, nothing corrected it); false when they answer to the training split's own rate.
   */
  answersToSampledRate: boolean;
  applyBatch(raw: Float32Array): Float32Array;
  applyRow(raw: Float32Array): Float32Array;
}

const IDENTITY: Postprocessor = {
  changesProbabilities: false,
  answersToSampledRate: false,
  applyBatch: (raw) => raw,
  applyRow: (raw) => raw,
};

/**
 * The w of the re-calibration q = p / (p + (1 - p) / w) the config asks for (binary, sampled
 * training, `recalibrate` on), else null. Repeating positives k times shifts the odds as keeping
 * 1/k of the negatives does; upweighted negatives need no correction.
 */
export function recalibrationRate(config: ExperimentConfig): number | null {
  const { negativeRate, positiveUpsample, recalibrate, mode } = config.imbalance;
  const w = (mode === 'downsample' ? negativeRate : 1) / positiveUpsample;
  return config.data.task === 'binary' && w < 1 && recalibrate ? w : null;
}

export function createPostprocessor(
  config: ExperimentConfig,
  validationY: Float32Array,
  rawValidation: Float32Array,
  outputs: number,
): Postprocessor {
  if (config.data.task !== 'binary' || outputs !== 1) return IDENTITY;
  const { calibration } = config.imbalance;
  const rate = recalibrationRate(config);
  const w = rate ?? 1;
  const correct = rate !== null;
  const corrected = correct ? recalibrate(rawValidation, w) : rawValidation;
  let calibrator: Calibrator | undefined;
  if (calibration !== 'none' && validationY.length > 0) {
    calibrator =
      calibration === 'platt'
        ? fitPlatt(corrected, validationY)
        : fitIsotonic(corrected, validationY);
  }
  if (!correct && !calibrator) return { ...IDENTITY, answersToSampledRate: w < 1 };
  const one = (p: number): number => {
    const q = correct ? recalibrateOne(p, w) : p;
    return calibrator ? calibrator.applyOne(q) : q;
  };
  return {
    changesProbabilities: true,
    answersToSampledRate: false,
    applyBatch: (raw) => {
      const out = new Float32Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = one(raw[i]!);
      return out;
    },
    applyRow: (raw) => Float32Array.of(one(raw[0]!)),
  };
}
