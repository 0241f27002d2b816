import { classWeights } from '../sampling/classWeights.ts';
import { downsampleNegatives, upweightNegatives } from '../sampling/negativeDownsampling.ts';
import { upsamplePositives } from '../sampling/upsamplePositives.ts';
import type { ExperimentConfig } from './config.ts';

export interface SampledTraining {
  /** Training rows after negative downsampling (all training rows otherwise). */
  rows: Int32Array;
  /** Per-row sample weights aligned with rows, when the config asks for weights. */
  weights?: Float32Array;
  /** Positive share of the training split before and after sampling; null unless binary. */
  baseRateBefore: number | null;
  baseRateAfter: number | null;
}

/**
 * Applies the imbalance settings to the training split only: keep a fraction w of negatives,
 * optionally weight them 1/w ("downsample and upweight"), repeat positives, and class weights.
 */
export function sampleTraining(
  trainRows: Int32Array,
  y: Float32Array,
  config: ExperimentConfig,
  warnings: string[],
): SampledTraining {
  const {
    negativeRate: w,
    positiveUpsample,
    mode,
    classWeights: classWeightMode,
  } = config.imbalance;
  if (config.data.task !== 'binary') {
    if (w < 1)
      warnings.push(
        'Negative downsampling applies to binary tasks only; all training rows were used.',
      );
    const weights =
      classWeightMode === 'balanced' && config.data.task === 'multiclass'
        ? classWeights(y, 'balanced', trainRows)
        : undefined;
    return {
      rows: trainRows,
      ...(weights ? { weights } : {}),
      baseRateBefore: null,
      baseRateAfter: null,
    };
  }
  const kept = w < 1 ? downsampleNegatives(trainRows, y, w, config.seed) : trainRows;
  const rows =
    positiveUpsample > 1 ? upsamplePositives(kept, y, positiveUpsample, config.seed) : kept;
  let weights = w < 1 && mode === 'upweight' ? upweightNegatives(rows, y, w) : undefined;
  if (classWeightMode === 'balanced') {
    const balanced = classWeights(y, 'balanced', rows);
    weights = weights ? weights.map((v, i) => v * balanced[i]!) : balanced;
  }
  if (rows.length > 0 && !rows.some((r) => y[r] === 1))
    throw new Error(
      'The training split holds no positive rows: use more data or a larger training share.',
    );
  warnFewExamples(rows, y, w, warnings);
  return {
    rows,
    ...(weights ? { weights } : {}),
    baseRateBefore: positiveShare(trainRows, y),
    baseRateAfter: positiveShare(rows, y),
  };
}

/** Below this many training examples of a class, the model and its calibration rest on noise. */
export const FEW_EXAMPLES = 50;

function warnFewExamples(rows: Int32Array, y: Float32Array, w: number, warnings: string[]): void {
  let positives = 0;
  for (const r of rows) positives += y[r]!;
  const negatives = rows.length - positives;
  const after = w < 1 ? ` after keeping a share w = ${w} of the negatives` : '';
  for (const [count, name] of [
    [negatives, 'negatives'],
    [positives, 'positives'],
  ] as const) {
    if (count < FEW_EXAMPLES) {
      warnings.push(
        `Only ${count} ${name} remain for training${after}: with fewer than ${FEW_EXAMPLES} examples of a class, the model and its calibration are unreliable.`,
      );
    }
  }
}

function positiveShare(rows: Int32Array, y: Float32Array): number {
  let positives = 0;
  for (const r of rows) positives += y[r]!;
  return rows.length > 0 ? positives / rows.length : 0;
}
