import { deviation, mean } from 'd3-array';
import { throwIfAborted } from '../abort.ts';
import type { BackendName } from '../backendChoices.ts';
import { binaryMetrics } from '../metrics/binary.ts';
import type { PairedComparison } from '../metrics/comparePredictions.ts';
import { GbdtModel } from '../models/gbdt/gbdtModel.ts';
import type { Model } from '../models/model.ts';
import { MLP_DEFAULTS } from '../models/networkParams.ts';
import type { ExperimentConfig } from './config.ts';
import type { LoadedDataset } from './loadSource.ts';
import { combineSeeds, compareNeighbours, type NeighbourComparison } from './neighbourVerdicts.ts';
import { recalibrationRate } from './postprocess.ts';
import type { RunProgress, RunResult } from './result.ts';
import { runExperiment, type RunOptions, type TrainedModel } from './runExperiment.ts';
import { StageCache } from './stageCache.ts';
import type { Sweep, SweepValue } from './sweep.ts';
import type { TestPredictions } from './testPredictions.ts';

/** The calibration figures of the model's own output, before re-calibration. */
export type RawMetrics = Record<(typeof RAW_METRICS)[number], number | null>;
const RAW_METRICS = ['logLoss', 'brier', 'ece', 'calibrationRatio'] as const;

/** One seed's run at one point: the parts of a RunResult a curve needs. */
export interface SweepRun {
  seed: number;
  metrics: RunResult['metrics'];
  latency: RunResult['latency'];
  model: RunResult['model'];
  capacity: RunResult['capacity'];
  trainMs: number;
  /** Binary runs of a sweep where some point re-calibrates after downsampling: the raw test figures. */
  rawMetrics?: RawMetrics;
}

/** Mean and sample standard deviation (n - 1) across seeds; null where undefined (sd of one seed). */
export interface SeedSummary {
  mean: number | null;
  sd: number | null;
}

export interface SweepPoint {
  value: SweepValue;
  runs: SweepRun[];
  /**
   * Per numeric test metric (rocAuc, logLoss, ece, calibrationRatio, ...), plus p50Ms, p95Ms,
   * p99Ms, batchRowsPerSec, parameters, bytes, trainMs, the ranking metrics of a grouped run and
   * the capacity figures (requestP99Ms, coresAtPeak, monthlyServingCost, costPerMillionPredictions).
   */
  summary: Record<string, SeedSummary>;
  /**
   * The same figures (log loss, Brier, ECE, calibration ratio) of the model's own output before
   * re-calibration, when some point of the sweep re-calibrates after downsampling.
   */
  rawSummary?: Record<string, SeedSummary>;
}

/** docs/design.md "Sweeps and uncertainty", plus `reuse`: what was computed, not taken from a cache. */
export interface SweepResult {
  path: string;
  values: SweepValue[];
  seeds: number;
  points: SweepPoint[];
  /**
   * Point i against point i + 1 (A and B), compared seed by seed on the same test rows; null
   * where no seed could be compared (other rows, not binary, one class).
   */
  neighbours: (NeighbourComparison | null)[];
  reuse: {
    /** Per stage (rows, pipeline, trainingSet, evaluationSets): times computed in the whole sweep. */
    stages: Record<string, number>;
    /** Models trained; fewer than runs when a tree sweep scored prefixes of one model per seed. */
    modelsTrained: number;
    runs: number;
  };
}

/** One progress stream for the whole sweep: which point and seed, the run's own phase, time left. */
export interface SweepProgress {
  /** 1-based, in the order the points run (a tree sweep runs the largest count first). */
  point: number;
  points: number;
  value: SweepValue;
  /** 1-based index of the seed, and its value. */
  seedIndex: number;
  seeds: number;
  seed: number;
  run: RunProgress;
  elapsedMs: number;
  /** Estimated from the runs finished so far; null before the first one finishes. */
  remainingMs: number | null;
}

export interface SweepOptions {
  backend: BackendName;
  /** Loads a config's data set (the engine's cache makes repeated loads of one source cheap). */
  load: (config: ExperimentConfig, signal?: AbortSignal) => Promise<LoadedDataset>;
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  /** Each full run as it finishes, for callers that keep runs (the app's history). */
  onRun?: (pointIndex: number, result: RunResult) => void;
  /** GBDT: helper threads for histograms (FitOptions.histogramThreads). */
  histogramThreads?: RunOptions['histogramThreads'];
  /** Rounds of serving-latency timing per run (RunOptions.latencyRounds). */
  latencyRounds?: RunOptions['latencyRounds'];
}

/**
 * Runs a validated sweep: for each seed (base.seed + j), every point, reusing what the points
 * share: the rows and split (once per seed unless data or imbalance vary), the fitted feature
 * pipeline and matrices (once per seed when only model knobs vary), and, when only the number of
 * GBDT trees varies without early stopping, one model per seed trained with the largest count
 * whose prefixes are scored (staged prediction); likewise for network epochs, whose checkpoints
 * (the weights after each requested epoch) are scored.
 */
export async function runSweep(sweep: Sweep, options: SweepOptions): Promise<SweepResult> {
  const { vary, seeds, configs } = sweep;
  const { signal } = options;
  const started = performance.now();
  const n = configs.length;
  const total = n * seeds;
  const order = executionOrder(sweep);
  const staged = stagedTrees(sweep);
  const epochs = stagedEpochs(sweep);
  const cache = new StageCache();
  const runs: SweepRun[][] = configs.map(() => []);
  const recalibrates = configs.some((c) => recalibrationRate(c) !== null);
  const neighbours: (PairedComparison | null)[][] = [];
  let modelsTrained = 0;
  let done = 0;

  for (let j = 0; j < seeds; j++) {
    cache.clear();
    // An epoch sweep's checkpoints of this seed's one training, by epoch, until their run takes them.
    const checkpoints = new Map<number, Model>();
    try {
      let shared: TrainedModel | null = null;
      // This seed's per-row test predictions of each point, for the neighbours' paired tests.
      const predictions: (TestPredictions | undefined)[] = [];
      for (const [position, i] of order.entries()) {
        throwIfAborted(signal);
        const seed = sweep.base.seed + j;
        const config = { ...configs[i]!, seed };
        const dataset = await options.load(config, signal);
        const elapsed = () => performance.now() - started;
        const remaining = done > 0 ? (elapsed() / done) * (total - done) : null;
        let rawMetrics: RawMetrics | undefined;
        const result = await runExperiment(config, dataset, {
          backend: options.backend,
          reuse: cache,
          ...(signal ? { signal } : {}),
          ...(options.histogramThreads ? { histogramThreads: options.histogramThreads } : {}),
          ...(options.latencyRounds ? { latencyRounds: options.latencyRounds } : {}),
          ...(epochs && shared === null
            ? {
                checkpoints: {
                  epochs: configs.map(epochsOf).filter((e) => e < epochsOf(config)),
                  keep: (epoch: number, model: Model) => void checkpoints.set(epoch, model),
                },
              }
            : {}),
          onArtifacts: ({ testY, rawTestOutputs }) => {
            if (recalibrates && config.data.task === 'binary') {
              rawMetrics = pick(binaryMetrics(testY, rawTestOutputs));
            }
          },
          onProgress: (run) =>
            options.onProgress?.({
              point: position + 1,
              points: n,
              value: vary.values[i]!,
              seedIndex: j + 1,
              seeds,
              seed,
              run,
              elapsedMs: elapsed(),
              remainingMs: remaining,
            }),
          trainWith: async (train) => {
            if (epochs) {
              if (shared === null) {
                shared = await train();
                modelsTrained++;
                return shared;
              }
              return checkpointOf(shared, checkpoints, epochsOf(config));
            }
            if (!staged) {
              modelsTrained++;
              return train();
            }
            if (shared === null) {
              shared = await train();
              modelsTrained++;
            }
            return prefixOf(shared, treesOf(config));
          },
        });
        runs[i]!.push({
          seed,
          metrics: result.metrics,
          latency: result.latency,
          model: result.model,
          capacity: result.capacity,
          trainMs: result.trainMs,
          ...(rawMetrics ? { rawMetrics } : {}),
        });
        predictions[i] = result.testPredictions;
        options.onRun?.(i, result);
        done++;
      }
      neighbours.push(compareNeighbours(predictions));
    } finally {
      // Checkpoints a failed or cancelled seed never scored.
      for (const model of checkpoints.values()) model.dispose();
    }
  }

  return {
    path: vary.path,
    values: vary.values,
    seeds,
    points: configs.map((_, i) => ({
      value: vary.values[i]!,
      runs: runs[i]!,
      summary: summarize(runs[i]!),
      ...(recalibrates ? { rawSummary: summarizeRaw(runs[i]!) } : {}),
    })),
    neighbours: combineSeeds(neighbours),
    reuse: { stages: { ...cache.computed }, modelsTrained, runs: total },
  };
}

/** A tree sweep reuses one model when every point is GBDT without early stopping. */
function stagedTrees({ vary, configs }: Sweep): boolean {
  return (
    vary.path === 'model.trees' &&
    configs.every((c) => c.model.family === 'gbdt' && c.model.earlyStoppingRounds === undefined)
  );
}

function treesOf(config: ExperimentConfig): number {
  return config.model.family === 'gbdt' ? (config.model.trees ?? 100) : 0;
}

/**
 * An epoch sweep reads one training's checkpoints when every point is a network without early
 * stopping (which would restore other weights) and no epoch count repeats.
 */
function stagedEpochs({ vary, configs }: Sweep): boolean {
  return (
    vary.path === 'model.epochs' &&
    new Set(configs.map(epochsOf)).size === configs.length &&
    configs.every(
      (c) =>
        (c.model.family === 'mlp' || c.model.family === 'embedding-mlp') &&
        c.model.earlyStoppingPatience === undefined,
    )
  );
}

function epochsOf(config: ExperimentConfig): number {
  const { model } = config;
  return model.family === 'mlp' || model.family === 'embedding-mlp'
    ? (model.epochs ?? MLP_DEFAULTS.epochs)
    : 0;
}

/** Point indices in run order: a staged tree or epoch sweep trains the largest count first. */
function executionOrder(sweep: Sweep): number[] {
  const order = sweep.configs.map((_, i) => i);
  const size = stagedTrees(sweep) ? treesOf : stagedEpochs(sweep) ? epochsOf : null;
  if (size) order.sort((a, b) => size(sweep.configs[b]!) - size(sweep.configs[a]!));
  return order;
}

/** The checkpoint at `epoch` of the shared training, with its curve and time up to that epoch. */
function checkpointOf(
  shared: TrainedModel,
  checkpoints: Map<number, Model>,
  epoch: number,
): TrainedModel {
  const model = checkpoints.get(epoch);
  if (!model) throw new Error(`no checkpoint at epoch ${epoch}`);
  // The run disposes the model it was given.
  checkpoints.delete(epoch);
  return {
    model,
    trainingCurve: shared.trainingCurve.filter((p) => p.step <= epoch),
    stepMs: shared.stepMs.filter((s) => s.step <= epoch),
    trainMs: timeAtStep(shared, epoch),
  };
}

/** The first `rounds` rounds of a shared GBDT, with the curve and the time up to that round. */
function prefixOf(shared: TrainedModel, rounds: number): TrainedModel {
  if (!(shared.model instanceof GbdtModel)) throw new Error('a tree sweep needs a GBDT model');
  const stepMs = shared.stepMs.filter((s) => s.step <= rounds);
  return {
    model: shared.model.firstRounds(rounds),
    trainingCurve: shared.trainingCurve.filter((p) => p.step <= rounds),
    stepMs,
    trainMs: timeAtStep(shared, rounds),
    // The helpers worked on every round alike: their share of the prefix, by its time.
    ...(shared.helperMs
      ? { helperMs: (shared.helperMs * timeAtStep(shared, rounds)) / shared.trainMs }
      : {}),
  };
}

/** Training time until `step`, interpolated between the reported steps (0 ms at step 0). */
function timeAtStep({ stepMs, trainMs }: TrainedModel, step: number): number {
  let before = { step: 0, ms: 0 };
  for (const s of stepMs) {
    if (s.step === step) return s.ms;
    if (s.step > step)
      return before.ms + ((s.ms - before.ms) * (step - before.step)) / (s.step - before.step);
    before = s;
  }
  return trainMs;
}

const NOT_SUMMARIZED = new Set([
  'count',
  'positives',
  'threshold',
  'baseRate',
  'k',
  'rowsWithoutGroup',
]);

function pick(metrics: RawMetrics): RawMetrics {
  return Object.fromEntries(RAW_METRICS.map((k) => [k, metrics[k]])) as RawMetrics;
}

function summarizeRaw(runs: readonly SweepRun[]): Record<string, SeedSummary> {
  return Object.fromEntries(
    RAW_METRICS.map((name) => {
      const values = runs.flatMap((r) => (r.rawMetrics ? [r.rawMetrics[name]] : []));
      return [name, { mean: mean(values) ?? null, sd: deviation(values) ?? null }];
    }),
  );
}

function summarize(runs: readonly SweepRun[]): Record<string, SeedSummary> {
  const columns = new Map<string, Array<number | null>>();
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'number' && value !== null) return;
    if (!columns.has(name)) columns.set(name, []);
    columns.get(name)!.push(value);
  };
  for (const run of runs) {
    const { ranking, ...test } = run.metrics.test as typeof run.metrics.test & {
      ranking?: object;
    };
    for (const [name, value] of Object.entries({ ...test, ...ranking })) {
      if (!NOT_SUMMARIZED.has(name)) add(name, value);
    }
    const { p50Ms, p95Ms, p99Ms, batchRowsPerSec } = run.latency;
    Object.entries({ p50Ms, p95Ms, p99Ms, batchRowsPerSec }).forEach(([k, v]) => add(k, v));
    add('parameters', run.model.parameters);
    add('bytes', run.model.bytes);
    add('trainMs', run.trainMs);
    const { requestP99Ms, coresAtPeak, monthlyServingCost, costPerMillionPredictions } =
      run.capacity;
    Object.entries({
      requestP99Ms,
      coresAtPeak,
      monthlyServingCost,
      costPerMillionPredictions,
    }).forEach(([k, v]) => add(k, v));
  }
  const summary: Record<string, SeedSummary> = {};
  for (const [name, values] of columns) {
    summary[name] = { mean: mean(values) ?? null, sd: deviation(values) ?? null };
  }
  return summary;
}
