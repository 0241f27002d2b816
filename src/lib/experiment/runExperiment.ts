import { throwIfAborted } from '../abort.ts';
import type { BackendName } from '../backend.ts';
import type { Table } from '../data/table.ts';
import { tableRecord } from '../data/tableRecord.ts';
import { featureMatrixBytes } from '../features/featureMatrix.ts';
import { fitFeaturePipeline, transformRows } from '../features/pipeline.ts';
import { createRecordBuffers, transformRecord } from '../features/transformRecord.ts';
import type { LabelledSet, Model } from '../models/model.ts';
import { measureLatency } from '../serving/latency.ts';
import { featureSpecOf, type ExperimentConfig } from './config.ts';
import { featureExclusions, type LoadedDataset } from './loadSource.ts';
import { evaluateSplit, testCurves, truthOf } from './evaluate.ts';
import { createPostprocessor } from './postprocess.ts';
import type { LossPoint, RunProgress, RunResult } from './result.ts';
import { prepareRows } from './prepareRows.ts';
import type { StageCache } from './stageCache.ts';
import { testRowsKey } from './testPredictions.ts';
import { trainModel } from './trainModel.ts';

export interface RunOptions {
  /** The tfjs backend in use, recorded in the result. */
  backend: BackendName;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Stages kept from earlier runs of a sweep (rows, pipeline, matrices), reused when their inputs match. */
  reuse?: StageCache;
  /** Stands in for training, e.g. a prefix of a larger model a sweep trained once; `train` trains as usual. */
  trainWith?: (train: () => Promise<TrainedModel>) => Promise<TrainedModel>;
}

/** A trained model with its measured training time and loss curve. */
export interface TrainedModel {
  model: Model;
  trainMs: number;
  trainingCurve: LossPoint[];
  /** Milliseconds since training started at each reported step. */
  stepMs: Array<{ step: number; ms: number }>;
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
      seed,
    }),
  );
  warnIdColumnsUnused(config, pipeline.idColumns.length, warnings);
  checkMatrixBudget(
    pipeline.cols,
    sampled.rows.length + parts.validation.length + parts.test.length,
  );
  const labelled = (rows: Int32Array, weights?: Float32Array): LabelledSet => ({
    features: transformRows(pipeline, table, rows),
    y: Float32Array.from(rows, (r) => labels.y[r]!),
    ...(weights ? { weights } : {}),
  });
  const train = stage('trainingSet', { ...pipelineKey, ...rowsKey }, () =>
    labelled(sampled.rows, sampled.weights),
  );
  const { validation, test } = stage('evaluationSets', pipelineKey, () => ({
    validation: labelled(parts.validation),
    test: labelled(parts.test),
  }));
  throwIfAborted(signal);

  const trainOnce = async (): Promise<TrainedModel> => {
    const trainingCurve: LossPoint[] = [];
    const stepMs: TrainedModel['stepMs'] = [];
    const trainStart = performance.now();
    const model = await trainModelWithCurve(
      config,
      train,
      validation,
      labels.classes.length,
      options,
      trainingCurve,
      (progress) => {
        if (progress.phase === 'training') {
          stepMs.push({ step: progress.step, ms: performance.now() - trainStart });
        }
        report(progress);
      },
    );
    return { model, trainMs: performance.now() - trainStart, trainingCurve, stepMs };
  };
  const { model, trainMs, trainingCurve } = await (options.trainWith?.(trainOnce) ?? trainOnce());
  try {
    report({ phase: 'evaluation', step: 0, total: 1 });
    const outputs = model.outputs;
    const rawValidation = await model.predict(validation.features);
    const post = createPostprocessor(config, validation.y, rawValidation, outputs);
    const rawTest = await model.predict(test.features);
    const finalValidation = post.applyBatch(rawValidation);
    const finalTest = post.applyBatch(rawTest);
    const trainBaseRate = sampled.baseRateBefore;
    const metrics = {
      validation: evaluateSplit(data.task, validation.y, finalValidation, outputs, trainBaseRate),
      test: evaluateSplit(data.task, test.y, finalTest, outputs, trainBaseRate),
    };
    const truth =
      truthColumn?.kind === 'numeric' && data.task === 'binary'
        ? truthOf(test.y, finalTest, parts.test, truthColumn.values)
        : null;
    const curves = testCurves(data.task, test.y, finalTest, rawTest, post.changesProbabilities);
    throwIfAborted(signal);

    report({ phase: 'latency', step: 0, total: 1 });
    const records = Array.from(parts.test.subarray(0, LATENCY_RECORDS), (row) =>
      tableRecord(table, row),
    );
    const buffers = createRecordBuffers(pipeline);
    const predictOne = (i: number) => {
      const features = transformRecord(pipeline, records[i % records.length]!, buffers);
      const out = model.predictRow(features.x, features.ids);
      return out instanceof Promise ? out.then(post.applyRow) : post.applyRow(out);
    };
    const latency = await measureLatency(
      predictOne,
      async () => {
        post.applyBatch(await model.predict(test.features));
        return test.features.rows;
      },
      { backend: options.backend, ...(signal ? { signal } : {}) },
    );

    const size = model.size();
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
      truth,
      curves,
      trainingCurve,
      latency,
      // The configured family: a linear model trained by tfjs is still logistic regression.
      model: { family: config.model.family, engine: model.engine, ...size },
      warnings,
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
): Promise<Model> {
  return trainModel(
    config.model,
    train,
    {
      task: config.data.task,
      numClasses: config.data.task === 'regression' ? 1 : numClasses,
      seed: config.seed,
      ...(validation.features.rows > 0 ? { validation } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
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

/** Refuses, before allocating, a dense matrix that would exhaust the worker's memory. */
function checkMatrixBudget(cols: number, rows: number): void {
  const bytes = cols * rows * 4;
  if (bytes > MATRIX_BUDGET_BYTES) {
    const gib = (bytes / 1024 ** 3).toFixed(1);
    throw new Error(
      `The feature matrix would take ${gib} GiB (${cols} features x ${rows} rows), over the 1 GiB budget: use fewer hash buckets, a smaller top-K for one-hot, or embeddings.`,
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
