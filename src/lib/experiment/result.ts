import type { BackendName } from '../backend.ts';
import type { BinaryMetrics } from '../metrics/binary.ts';
import type { PrecisionRecallCurve, RocCurve } from '../metrics/curves.ts';
import type { ClassHistograms } from '../metrics/histogram.ts';
import type { MulticlassMetrics } from '../metrics/multiclass.ts';
import type { RegressionMetrics } from '../metrics/regression.ts';
import type { ReliabilityBin } from '../metrics/reliability.ts';
import type { TruthMetrics } from '../metrics/truth.ts';
import type { ModelFamily } from '../models/model.ts';
import type { PipelineSize } from '../features/pipelineSize.ts';
import type { CapacityReport } from '../serving/capacity.ts';
import type { LatencyReport } from '../serving/latency.ts';
import type { ExperimentConfig } from './config.ts';
import type { DeploymentShift } from './deploymentShift.ts';
import type { SplitRanking } from './rankingOfSplit.ts';
import type { TestPredictions } from './testPredictions.ts';

/** Pushed to the UI a bounded number of times per run (per phase, per epoch or every few trees). */
export interface RunProgress {
  phase: 'data' | 'features' | 'training' | 'evaluation' | 'latency';
  /** Steps done and total within the phase (epochs or trees while training). */
  step: number;
  total: number;
  trainLoss?: number;
  validationLoss?: number;
  rowsPerSec?: number;
  /** With early stopping on: the step of the best validation loss so far (the model kept). */
  bestStep?: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

export type SplitMetrics =
  | ({ task: 'binary' } & BinaryMetrics & { ranking?: SplitRanking })
  | ({ task: 'multiclass' } & MulticlassMetrics)
  | ({ task: 'regression' } & RegressionMetrics);

/** Curves of the test split, already binned or thinned so they stay small. */
export interface TestCurves {
  roc: RocCurve | null;
  pr: PrecisionRecallCurve | null;
  histograms: ClassHistograms | null;
  /** The reliability of the model's own output before any re-calibration (binary only). */
  rawReliability: ReliabilityBin[] | null;
  /** Test labels and final probabilities, rounded, for the threshold slider's confusion matrix (binary, at most 5,000 rows). */
  sample: { y: number[]; p: number[] } | null;
}

export interface LossPoint {
  step: number;
  trainLoss: number;
  validationLoss?: number;
}

/**
 * Early stopping on the validation split (model.earlyStoppingRounds for gbdt,
 * model.earlyStoppingPatience for networks): the model kept is the one at `bestStep`.
 */
export interface EarlyStoppingSummary {
  /** Steps (trees or epochs) without a lower validation loss before training stops. */
  patience: number;
  /** The step of the lowest validation loss: the model kept. */
  bestStep: number;
  /** The last step trained. */
  lastStep: number;
  /** True when patience ran out before the configured number of steps. */
  stopped: boolean;
}

export interface DataSummary {
  rows: number;
  trainRows: number;
  /** Training rows after downsampling or upsampling. */
  sampledTrainRows: number;
  validationRows: number;
  testRows: number;
  /** Rows dropped because the target was missing. */
  droppedRows: number;
  /** Positive share of the training split before and after sampling (binary). */
  trainBaseRate: number | null;
  sampledBaseRate: number | null;
  features: number;
  idColumns: number;
  featureBytes: number;
  classes: string[];
}

/** One run: a public contract (docs/design.md) shared by the UI, IndexedDB, exports and the CLI. */
export interface RunResult {
  config: ExperimentConfig;
  /** The tfjs backend actually used. */
  backend: BackendName;
  trainMs: number;
  data: DataSummary;
  metrics: { validation: SplitMetrics; test: SplitMetrics };
  /**
   * The test split served at another base rate and the prior correction (docs/design.md "Prior
   * shift"); present when the config sets `evaluation.deploymentBaseRate` or a correction.
   */
  deployment?: DeploymentShift;
  /** Metrics against the known true probability (synthetic data only). */
  truth: TruthMetrics | null;
  curves: TestCurves;
  trainingCurve: LossPoint[];
  /** Present when early stopping was on and a validation split was there to drive it. */
  earlyStopping?: EarlyStoppingSummary;
  latency: LatencyReport;
  model: {
    family: ModelFamily;
    /** Which implementation ran, e.g. "typed arrays" or "tfjs (wasm)". */
    engine: string;
    parameters: number;
    /** What must be shipped to serve: parameterBytes + the feature pipeline's tables. */
    bytes: number;
    /** Parameters as float32 (embedding tables included). */
    parameterBytes: number;
    /** The fitted feature pipeline's tables; null for runs made before they were counted. */
    pipeline: PipelineSize | null;
    /** What `bytes` includes, in plain words. */
    sizeIncludes: string;
    description: string;
  };
  /** Cores, memory and money at the config's traffic and prices (docs/design.md "Capacity and cost"). */
  capacity: CapacityReport;
  /** Things the user should know about this run, in plain words. */
  warnings: string[];
  /**
   * Binary runs: per-row test labels and final probabilities, for paired comparisons. Typed
   * arrays: the app moves them to Run.predictions; JSON outputs (CLI, exports) leave them out.
   */
  testPredictions?: TestPredictions;
}
