import { throwIfAborted } from '../abort.ts';
import type { BackendName } from '../backend.ts';
import type { Table } from '../data/table.ts';
import { tableRecord } from '../data/tableRecord.ts';
import { featureMatrixBytes } from '../features/featureMatrix.ts';
import { NO_FEATURES } from '../features/describeFeatures.ts';
import { featureLayout, featureLayoutBytes, nonZerosPerRow } from '../features/featureLayout.ts';
import {
  fitFeaturePipeline,
  transformRows,
  type FeatureLayout,
  type FeaturePipeline,
} from '../features/pipeline.ts';
import { describeModelBytes, pipelineSize } from '../features/pipelineSize.ts';
import { createRecordBuffers, transformRecord } from '../features/transformRecord.ts';
import type { FitOptions, LabelledSet, Model, SerializedModel } from '../models/model.ts';
import { measureLatency } from '../serving/latency.ts';
import { featureSpecOf, type ExperimentConfig } from './config.ts';
import { featureExclusions, type LoadedDataset } from './loadSource.ts';
import { evaluateSplit, testCurves, truthOf } from './evaluate.ts';
import { measureCapacity } from './measureCapacity.ts';
import { createPostprocessor, recalibrationRate } from './postprocess.ts';
import {
  correctForDeployment,
  deploymentTestRows,
  wantsDeploymentShift,
  type DeploymentShift,
} from './deploymentShift.ts';
import { groupColumnOf, rankingOfSplit } from './rankingOfSplit.ts';
import type { EarlyStoppingSummary, LossPoint, RunProgress, RunResult } from './result.ts';
import { prepareRows } from './prepareRows.ts';
import type { StageCache } from './stageCache.ts';
import { testRowsKey } from './testPredictions.ts';
import { trainModel } from './trainModel.ts';

export interface RunOptions {
  /** The tfjs backend in use, recorded in the result. */
  backend: BackendName;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Receives what the CLI writes out besides the result (`--predictions-out`, `--model-out`). */
  onArtifacts?: (artifacts: RunArtifacts) => void;
  /** Stages kept from earlier runs of a sweep (rows, pipeline, matrices), reused when their inputs match. */
  reuse?: StageCache;
  /** Network checkpoints to keep while training (an epoch sweep): see FitOptions.checkpoints. */
  checkpoints?: FitOptions['checkpoints'];
  /** GBDT: helper threads for histograms (FitOptions.histogramThreads). */
  histogramThreads?: FitOptions['histogramThreads'];
  /**
   * Rounds of the serving-latency timing (LatencyOptions.rounds, default 5): a test that only
   * checks that a config trains end to end times one.
   */
  latencyRounds?: number;
  /** Stands in for training, e.g. a prefix of a larger model a sweep trained once; `train` trains as usual. */
  trainWith?: (train: () => Promise<TrainedModel>) => Promise<TrainedModel>;
}

/** The test split's predictions and the trained model, for files outside the result. */
export interface RunArtifacts {
  /** Table row index (0-based, data rows only) of each test row. */
  testRows: Int32Array;
  /** Test labels: 0/1, class index or value. */
  testY: Float32Array;
  /** Final test outputs (after re-calibration and calibration), rows x outputs. */
  testOutputs: Float32Array;
  /** The model's own test outputs, before re-calibration and calibration, rows x outputs. */
  rawTestOutputs: Float32Array;
  /** The dense feature names, in model input order. */
  featureNames: string[];
  model: SerializedModel;
}

/** A trained model with its measured training time and loss curve. */
export interface TrainedModel {
  model: Model;
  trainMs: number;
  /**
   * Milliseconds GBDT's histogram helper threads worked during training (docs/design.md "Parallel
   * histograms"): with trainMs, the CPU time the capacity block's training cost counts. Absent: none.
   */
  helperMs?: number;
  trainingCurve: LossPoint[];
  /** Milliseconds since training started at each reported step. */
  stepMs: Array<{ step: number; ms: number }>;
  /** Where early stopping kept the model, when it was on. */
  earlyStopping?: EarlyStoppingSummary;
}

/** The synthetic generator's true probability: excluded from features, shown as truth (docs/design.md). */
const TRUTH_COLUMN = 'p_true';
/** The dense feature matrices of one run may take at most this much memory (bytes). */
export const MATRIX_BUDGET_BYTES = 1024 ** 3;

/** Raw records replayed through the serving path when measuring latency. */
const LATENCY_RECORDS = 256;

/**
 * One experiment end to end: labels, split, sampling, features fitted on the training split only,
 * training, post-processing (re-calibration, Platt or isotonic), metrics, curves and serving
 * latency. Same config + seed + backend give the same numbers.
 */
export async function runExperiment(
  config: ExperimentConfig,
  dataset: LoadedDataset,
  options: RunOptions,
): Promise<RunResult> {
  const { table } = dataset;
  const started = performance.now();
  const { signal } = options;
  const report = (progress: Omit<RunProgress, 'elapsedMs'>) =>
    options.onProgress?.({ ...progress, elapsedMs: performance.now() - started });
  const { data, seed } = config;
  const warnings: string[] = [];
  const stage = <T>(name: string, key: unknown, compute: (warnings: string[]) => T): T =>
    options.reuse ? options.reuse.get(name, key, warnings, compute) : compute(warnings);
  const rowsKey = { data, seed, imbalance: config.imbalance };
  const pipelineKey = { data, seed, features: config.features };

  report({ phase: 'data', step: 0, total: 1 });
  const { labels, known, parts, sampled } = stage('rows', rowsKey, (w) =>
    prepareRows(config, table, w),
  );
  const groupColumn = groupColumnOf(config, table);
  const shiftWanted = wantsDeploymentShift(config);
  const served = deploymentTestRows(config, parts.test, labels.y);
  throwIfAborted(signal);

  report({ phase: 'features', step: 0, total: 1 });
  const truthColumn = dataset.exclude.includes(TRUTH_COLUMN)
    ? table.columns.find((c) => c.name === TRUTH_COLUMN)
    : undefined;
  const pipeline = stage('pipeline', pipelineKey, () =>
    fitFeaturePipeline(table, parts.train, featureSpecOf(config), {
      target: data.target,
      exclude: featureExclusions(dataset, config),
      labels: labels.y,
      validationRows: parts.validation,
      seed,
    }),
  );
  if (pipeline.cols === 0 && pipeline.idColumns.length === 0) throw new Error(NO_FEATURES);
  warnIdColumnsUnused(config, pipeline.idColumns.length, warnings);
  // Trees read cells, so GBDT keeps the dense layout; the other families take CSR rows when sparse.
  const layout = config.model.family === 'gbdt' ? 'dense' : featureLayout(pipeline);
  checkMatrixBudget(
    pipeline,
    layout,
    sampled.rows.length + parts.validation.length + parts.test.length,
    config.model.family,
  );
  const labelled = (rows: Int32Array, weights?: Float32Array): LabelledSet => ({
    features: transformRows(pipeline, table, rows, layout),
    y: Float32Array.from(rows, (r) => labels.y[r]!),
    ...(weights ? { weights } : {}),
  });
  const train = stage('trainingSet', { ...pipelineKey, ...rowsKey, layout }, () =>
    labelled(sampled.rows, sampled.weights),
  );
  // The served test rows depend on the evaluation settings as well (a resampled base rate).
  const { validation, test } = stage(
    'evaluationSets',
    { ...pipelineKey, evaluation: config.evaluation, layout },
    () => ({ validation: labelled(parts.validation), test: labelled(served.rows) }),
  );
  throwIfAborted(signal);

  const trainOnce = async (): Promise<TrainedModel> => {
    const trainingCurve: LossPoint[] = [];
    const stepMs: TrainedModel['stepMs'] = [];
    const trainStart = performance.now();
    let lastProgress: Omit<RunProgress, 'elapsedMs'> | undefined;
    let helperMs = 0;
    const model = await trainModelWithCurve(
      config,
      train,
      validation,
      labels.classes.length,
      options,
      trainingCurve,
      (progress) => {
        if (progress.phase === 'training') {
          lastProgress = progress;
          stepMs.push({ step: progress.step, ms: performance.now() - trainStart });
        }
        report(progress);
      },
      (ms) => (helperMs = ms),
    );
    const trainMs = performance.now() - trainStart;
    const earlyStopping = earlyStoppingSummary(config, lastProgress, warnings);
    return {
      model,
      trainMs,
      ...(helperMs > 0 ? { helperMs } : {}),
      trainingCurve,
      stepMs,
      ...(earlyStopping ? { earlyStopping } : {}),
    };
  };
  const { model, trainMs, helperMs, trainingCurve, earlyStopping } = await (options.trainWith?.(
    trainOnce,
  ) ?? trainOnce());
  try {
    report({ phase: 'evaluation', step: 0, total: 1 });
    const outputs = model.outputs;
    const rawValidation = await model.predict(validation.features);
    const post = createPostprocessor(config, validation.y, rawValidation, outputs);
    const rawTest = await model.predict(test.features);
    const finalValidation = post.applyBatch(rawValidation);
    let finalTest = post.applyBatch(rawTest);
    const trainBaseRate = sampled.baseRateBefore;
    let deployment: DeploymentShift | undefined;
    if (shiftWanted) {
      // The base rate the final probabilities answer to: the sampled one if nothing corrected it.
      const answersTo = post.answersToSampledRate ? sampled.baseRateAfter : trainBaseRate;
      const shift = correctForDeployment(config, test.y, finalTest, answersTo!, served.seed);
      finalTest = shift.corrected;
      deployment = shift.shift;
    }
    const metrics = {
      validation: evaluateSplit(data.task, validation.y, finalValidation, outputs, trainBaseRate),
      test: evaluateSplit(data.task, test.y, finalTest, outputs, trainBaseRate),
    };
    // groupColumnOf accepts a group column for a binary task only.
    if (groupColumn && metrics.validation.task === 'binary' && metrics.test.task === 'binary') {
      const { k } = config.evaluation;
      metrics.validation.ranking = rankingOfSplit(
        groupColumn,
        parts.validation,
        validation.y,
        finalValidation,
        k,
      );
      metrics.test.ranking = rankingOfSplit(groupColumn, served.rows, test.y, finalTest, k);
    }
    if (served.seed !== null && truthColumn) {
      warnings.push(
        'Truth metrics are left out: the test split was resampled to another base rate, where p_true is no longer the true probability.',
      );
    }
    const truth =
      truthColumn?.kind === 'numeric' && data.task === 'binary' && served.seed === null
        ? truthOf(test.y, finalTest, served.rows, truthColumn.values)
        : null;
    options.onArtifacts?.({
      testRows: served.rows,
      testY: test.y,
      testOutputs: finalTest,
      rawTestOutputs: rawTest,
      featureNames: pipeline.names,
      model: model.serialize(),
    });
    const curves = testCurves(data.task, test.y, finalTest, rawTest, post.changesProbabilities);
    throwIfAborted(signal);

    report({ phase: 'latency', step: 0, total: 1 });
    // Enough records that a request of candidatesPerRequest rows repeats none (as far as the test split allows).
    const recordCount = Math.max(LATENCY_RECORDS, config.serving.candidatesPerRequest);
    const records = Array.from(served.rows.subarray(0, recordCount), (row) =>
      tableRecord(table, row),
    );
    // A request is encoded in the layout the model trained on: its non-zeros when sparse.
    const buffers = createRecordBuffers(pipeline, layout);
    const predictOne = (i: number) => {
      const features = transformRecord(pipeline, records[i % records.length]!, buffers);
      const out = model.predictRow(features.sparse ?? features.x, features.ids);
      return out instanceof Promise ? out.then(post.applyRow) : post.applyRow(out);
    };
    const latency = await measureLatency(
      predictOne,
      async () => {
        post.applyBatch(await model.predict(test.features));
        return test.features.rows;
      },
      {
        backend: options.backend,
        ...(options.latencyRounds ? { rounds: options.latencyRounds } : {}),
        ...(signal ? { signal } : {}),
      },
    );

    const size = model.size();
    const pipelineTables = pipelineSize(pipeline);
    const modelBytes = size.bytes + pipelineTables.bytes;
    const capacity = await measureCapacity({
      config,
      pipeline,
      layout,
      model,
      post,
      records,
      latency,
      modelBytes,
      trainCpuMs: trainMs + (helperMs ?? 0),
      trainRows: parts.train.length,
      sampledTrainRows: sampled.rows.length,
      ...(signal ? { signal } : {}),
    });
    return {
      config,
      backend: options.backend,
      trainMs,
      data: {
        rows: table.rowCount,
        trainRows: parts.train.length,
        sampledTrainRows: sampled.rows.length,
        validationRows: parts.validation.length,
        testRows: parts.test.length,
        droppedRows: labels.y.length - known.length,
        trainBaseRate,
        sampledBaseRate: sampled.baseRateAfter,
        features: pipeline.cols,
        idColumns: pipeline.idColumns.length,
        featureBytes:
          featureMatrixBytes(train.features) +
          featureMatrixBytes(validation.features) +
          featureMatrixBytes(test.features),
        classes: labels.classes,
      },
      metrics,
      ...(deployment ? { deployment } : {}),
      truth,
      curves,
      trainingCurve,
      ...(earlyStopping ? { earlyStopping } : {}),
      latency,
      // The configured family: a linear model trained by tfjs is still logistic regression.
      model: {
        family: config.model.family,
        engine: model.engine,
        parameters: size.parameters,
        bytes: modelBytes,
        parameterBytes: size.bytes,
        pipeline: pipelineTables,
        sizeIncludes: describeModelBytes(pipelineTables),
        description: size.description,
      },
      capacity,
      warnings: [...new Set(warnings)],
      ...(data.task === 'binary'
        ? {
            testPredictions: {
              rowsKey: testRowsKey(config),
              y: Uint8Array.from(test.y),
              p: Float32Array.from(finalTest),
            },
          }
        : {}),
    };
  } finally {
    model.dispose();
  }
}

async function trainModelWithCurve(
  config: ExperimentConfig,
  train: LabelledSet,
  validation: LabelledSet,
  numClasses: number,
  options: RunOptions,
  curve: LossPoint[],
  report: (progress: Omit<RunProgress, 'elapsedMs'>) => void,
  onHelperTime: (ms: number) => void,
): Promise<Model> {
  return trainModel(
    config.model,
    train,
    {
      task: config.data.task,
      numClasses: config.data.task === 'regression' ? 1 : numClasses,
      seed: config.seed,
      ...(validation.features.rows > 0 ? { validation } : {}),
      // The live validation loss is that of the re-calibrated, served probabilities.
      validationLogitOffset: Math.log(recalibrationRate(config) ?? 1),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
      ...(options.histogramThreads ? { histogramThreads: options.histogramThreads } : {}),
      onHelperTime,
      onProgress: (p) => {
        curve.push({
          step: p.step,
          trainLoss: p.trainLoss,
          ...(p.validationLoss !== undefined ? { validationLoss: p.validationLoss } : {}),
        });
        report({ phase: 'training', ...p });
      },
    },
    options.backend,
  );
}

/**
 * What early stopping did, from the model's last progress report (which carries bestStep when it
 * was on); undefined when the config asks for none. Warns when it was asked for but no
 * validation rows were there to drive it.
 */
function earlyStoppingSummary(
  config: ExperimentConfig,
  last: Omit<RunProgress, 'elapsedMs'> | undefined,
  warnings: string[],
): EarlyStoppingSummary | undefined {
  const model = config.model;
  const patience =
    model.family === 'gbdt'
      ? model.earlyStoppingRounds
      : model.family === 'logistic'
        ? undefined
        : model.earlyStoppingPatience;
  if (patience === undefined) return undefined;
  if (last?.bestStep === undefined) {
    warnings.push(
      'Early stopping was asked for but there is no validation split to watch (data.split.validation is 0): every step was trained.',
    );
    return undefined;
  }
  return {
    patience,
    bestStep: last.bestStep,
    lastStep: last.step,
    stopped: last.step < last.total,
  };
}

/**
 * Refuses, before allocating, a feature matrix that would exhaust the worker's memory: dense cells
 * count 4 bytes each, CSR rows 8 bytes per non-zero (a wide hashed block costs its non-zeros).
 */
function checkMatrixBudget(
  pipeline: FeaturePipeline,
  layout: FeatureLayout,
  rows: number,
  family: ExperimentConfig['model']['family'],
): void {
  const bytes = featureLayoutBytes(pipeline, layout, rows);
  if (bytes > MATRIX_BUDGET_BYTES) {
    const gib = (bytes / 1024 ** 3).toFixed(1);
    const size =
      layout === 'dense'
        ? `${pipeline.cols} features x ${rows} rows`
        : `${nonZerosPerRow(pipeline).toFixed(1)} non-zeros per row x ${rows} rows, sparse`;
    const hint =
      family === 'gbdt' && featureLayout(pipeline) === 'sparse'
        ? ' (gradient-boosted trees read dense cells; logistic regression and networks take these columns as sparse rows)'
        : '';
    throw new Error(
      `The feature matrix would take ${gib} GiB (${size}), over the 1 GiB budget: use fewer hash buckets, a smaller top-K for one-hot, or embeddings${hint}.`,
    );
  }
}

function warnIdColumnsUnused(
  config: ExperimentConfig,
  idColumns: number,
  warnings: string[],
): void {
  const family = config.model.family;
  if (idColumns > 0 && family !== 'embedding-mlp') {
    warnings.push(
      `${idColumns} column(s) are embedding-encoded, which only the embedding + MLP model reads: ${family} ignores them. Use one-hot or hashing for this model.`,
    );
  }
  if (idColumns === 0 && family === 'embedding-mlp') {
    warnings.push(
      'No column is embedding-encoded, so the embedding + MLP model has no embedding tables and works as a plain MLP.',
    );
  }
}
