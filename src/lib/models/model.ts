import type { HistogramThreads } from './gbdt/histogramThreads.ts';
import type { FeatureMatrix } from '../features/featureMatrix.ts';
import type { SparseRow } from '../features/sparseRows.ts';

export type Task = 'binary' | 'multiclass' | 'regression';
export type ModelFamily = 'logistic' | 'gbdt' | 'mlp' | 'embedding-mlp';

/** Labels: 0/1 for binary, the class index 0..K-1 for multi-class, the value for regression. */
export interface LabelledSet {
  features: FeatureMatrix;
  y: Float32Array;
  /** Per-row sample weights (class weights, upweighting after downsampling); all 1 when absent. */
  weights?: Float32Array;
}

export interface TrainProgress {
  /** Epochs for gradient models, trees for GBDT. */
  step: number;
  total: number;
  trainLoss: number;
  validationLoss?: number;
  rowsPerSec: number;
  /**
   * With early stopping on (and a validation set): the step of the lowest validation loss so
   * far, the model that is kept if training stops now. Absent when early stopping is off.
   */
  bestStep?: number;
}

export interface FitOptions {
  task: Task;
  /** Number of classes for multi-class; 2 for binary; 1 for regression. */
  numClasses: number;
  seed: number;
  /** Used for early stopping and the validation loss curve. */
  validation?: LabelledSet;
  /**
   * Binary only: added to the logit before the validation loss, so the curve and early stopping
   * see the probabilities that will be served. ln w when predictions of a model trained on
   * negatives kept at rate w are re-calibrated (docs/design.md: logit(q) = logit(p) + ln w).
   * Default 0.
   */
  validationLogitOffset?: number;
  signal?: AbortSignal;
  /** Called a bounded number of times (once per epoch or every few trees), never per row. */
  onProgress?: (progress: TrainProgress) => void;
  /**
   * Networks: after each of these epochs, `keep` receives a copy of the model as it stands (the
   * caller disposes it). An epoch sweep scores them instead of training once per epoch count.
   */
  checkpoints?: { epochs: readonly number[]; keep: (epoch: number, model: Model) => void };
  /** GBDT: helper threads for histograms where the platform offers them (histogramThreads.ts). */
  histogramThreads?: HistogramThreads;
  /**
   * GBDT: told once the fit ends how many milliseconds its helper threads spent building
   * histograms: CPU beyond the calling thread's own time (0 when it ran on one thread).
   */
  onHelperTime?: (ms: number) => void;
}

export interface ModelSize {
  parameters: number;
  /** Parameters stored as float32. */
  bytes: number;
  /** Human-readable shape, e.g. "100 trees x 64 leaves" or "30-64-64-1". */
  description: string;
}

export interface SerializedModel {
  family: ModelFamily;
  task: Task;
  /** Family-specific, JSON-safe. */
  state: unknown;
}

/**
 * A trained model. Outputs per row: P(y = 1) for binary, K class probabilities for
 * multi-class, the predicted value for regression.
 */
export interface Model {
  readonly family: ModelFamily;
  readonly task: Task;
  readonly outputs: number;
  /** Which implementation ran, e.g. "typed arrays" or "tfjs (wasm)". */
  readonly engine: string;
  /** rows x outputs, row-major. */
  predict(features: FeatureMatrix): Promise<Float32Array>;
  /**
   * One row: dense values (length cols), or its non-zeros when the features' layout is sparse,
   * and ids (one per id column). Serving path.
   */
  predictRow(x: Float32Array | SparseRow, ids: Int32Array): Float32Array | Promise<Float32Array>;
  size(): ModelSize;
  serialize(): SerializedModel;
  /** Frees tensors; a no-op for typed-array models. */
  dispose(): void;
}
