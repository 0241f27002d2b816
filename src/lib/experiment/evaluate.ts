import { binaryMetrics } from '../metrics/binary.ts';
import { precisionRecallCurve, rocCurve } from '../metrics/curves.ts';
import { scoreHistograms } from '../metrics/histogram.ts';
import { multiclassMetrics } from '../metrics/multiclass.ts';
import { regressionMetrics } from '../metrics/regression.ts';
import { truthMetrics, type TruthMetrics } from '../metrics/truth.ts';
import type { Task } from '../models/model.ts';
import type { SplitMetrics, TestCurves } from './result.ts';

/** Rows of (label, probability) kept for the threshold slider: enough for a smooth confusion matrix. */
const SAMPLE_ROWS = 5000;

/** The task's metrics of final predictions (rows x outputs) against labels. */
export function evaluateSplit(
  task: Task,
  y: Float32Array,
  predictions: Float32Array,
  outputs: number,
  trainBaseRate: number | null,
): SplitMetrics {
  if (task === 'binary') {
    return {
      task,
      ...binaryMetrics(y, predictions, trainBaseRate === null ? {} : { baseRate: trainBaseRate }),
    };
  }
  if (task === 'multiclass') return { task, ...multiclassMetrics(y, predictions, outputs) };
  return { task, ...regressionMetrics(y, predictions) };
}

/**
 * Test-split curves for a binary task: ROC, PR, score histograms, the reliability of the raw model
 * output when post-processing changed it, and a sample for the threshold slider.
 */
export function testCurves(
  task: Task,
  y: ArrayLike<number>,
  final: ArrayLike<number>,
  raw: ArrayLike<number>,
  postprocessed: boolean,
): TestCurves {
  if (task !== 'binary')
    return { roc: null, pr: null, histograms: null, rawReliability: null, sample: null };
  const step = Math.max(1, Math.ceil(y.length / SAMPLE_ROWS));
  const sample = { y: [] as number[], p: [] as number[] };
  for (let i = 0; i < y.length; i += step) {
    sample.y.push(y[i]!);
    sample.p.push(Math.round(final[i]! * 1e5) / 1e5);
  }
  return {
    roc: rocCurve(y, final),
    pr: precisionRecallCurve(y, final),
    histograms: scoreHistograms(y, final),
    rawReliability: postprocessed ? binaryMetrics(y, raw).reliability : null,
    sample,
  };
}

/** Error against the generator's true probabilities of the test rows. */
export function truthOf(
  y: Float32Array,
  p: Float32Array,
  testRows: Int32Array,
  pTrue: Float64Array,
): TruthMetrics {
  return truthMetrics(
    y,
    p,
    Float64Array.from(testRows, (r) => pTrue[r]!),
  );
}
