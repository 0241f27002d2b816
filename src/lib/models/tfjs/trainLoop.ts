import * as tf from '../../tfjsCore.ts';
import { throwIfAborted, yieldToEventLoop } from '../../abort.ts';
import type { Rng } from '../../random.ts';
import { shuffleInPlace } from '../../random.ts';
import type { FitOptions, Task } from '../model.ts';
import { assertLossFinite } from '../trainingDiverged.ts';
import { BatchBuffers, disposeBatch, type BatchTensors, type TargetSet } from './batchBuffers.ts';
import type { DenseNetwork } from './denseNetwork.ts';
import { weightedLossSum } from './taskLoss.ts';

export type OptimizerName = 'adam' | 'sgd';

export interface TrainLoopParams {
  optimizer: OptimizerName;
  learningRate: number;
  /** Rows per optimizer step. */
  batchSize: number;
  /** Passes over the training rows (an upper bound with early stopping). */
  epochs: number;
  /** Fraction of hidden units dropped during training, in [0, 1). */
  dropout: number;
  /** Penalty l2/2 * |kernels|^2 added to the weighted mean loss (the logistic model's convention). */
  l2: number;
  /**
   * Stop after this many epochs without a lower validation loss and restore the best weights.
   * Needs options.validation; off when absent.
   */
  earlyStoppingPatience?: number;
}

/** Optimizer steps between yields to the event loop, so a cancel lands within a few ms. */
const BATCHES_PER_YIELD = 50;

/**
 * Trains the network in place with mini-batch steps on the weighted mean loss (tfjs model.fit
 * rejects sample weights, hence this loop). Shuffles with rng; reports progress once per epoch;
 * yields every 50 batches and throws CancelledError when options.signal fires. Every tensor the
 * loop made (optimizer state, batches, snapshots) is freed on return and on throw; the network
 * itself stays the caller's to dispose. lossScale converts the standardised regression loss
 * back to target units (std^2; 1 for classification). onEpochEnd runs after each epoch's
 * progress report, with the weights of that epoch.
 */
export async function trainNetwork(
  network: DenseNetwork,
  train: TargetSet,
  validation: TargetSet | undefined,
  params: TrainLoopParams,
  options: FitOptions,
  rng: Rng,
  lossScale: number,
  onEpochEnd?: (epoch: number) => void,
): Promise<void> {
  const { rows, cols } = train.features;
  const { task, signal } = options;
  const vocabSizes = network.shape.embeddings.map((e) => e.vocabSize);
  const buffers = new BatchBuffers(cols, vocabSizes, params.batchSize);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const optimizer =
    params.optimizer === 'adam'
      ? tf.train.adam(params.learningRate)
      : tf.train.sgd(params.learningRate);
  const patience = validation ? params.earlyStoppingPatience : undefined;
  let best: tf.Tensor[] = [];
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let epochsSinceBest = 0;
  let epochLoss = tf.scalar(0);

  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      throwIfAborted(signal);
      const started = performance.now();
      shuffleInPlace(order, rng);
      epochLoss.dispose();
      epochLoss = tf.scalar(0);
      let epochWeight = 0;
      for (let start = 0, batch = 0; start < rows; start += params.batchSize, batch++) {
        if (batch > 0 && batch % BATCHES_PER_YIELD === 0) {
          await yieldToEventLoop();
          throwIfAborted(signal);
        }
        const end = Math.min(rows, start + params.batchSize);
        const weightSum = buffers.gather(
          train.features,
          train.targets,
          train.weights,
          order,
          start,
          end,
        );
        if (!(weightSum > 0)) continue;
        epochWeight += weightSum;
        const tensors = buffers.tensors(end - start);
        const dropoutSeed = params.dropout > 0 ? rng.int(2 ** 31) : 0;
        let batchLoss: tf.Scalar;
        try {
          batchLoss = trainStep(network, optimizer, tensors, weightSum, params, task, dropoutSeed);
        } finally {
          disposeBatch(tensors);
        }
        const next = tf.add(epochLoss, batchLoss) as tf.Scalar;
        tf.dispose([epochLoss, batchLoss]);
        epochLoss = next;
      }
      const trainLoss = ((await epochLoss.data())[0]! / epochWeight) * lossScale;
      if (epochWeight > 0) assertLossFinite(trainLoss, epoch);
      const rowsPerSec = rows / Math.max(1e-6, (performance.now() - started) / 1000);
      const validationLoss = validation
        ? (await evaluateLoss(
            network,
            validation,
            params.batchSize,
            task,
            options.validationLogitOffset ?? 0,
          )) * lossScale
        : undefined;
      let stop = false;
      if (patience !== undefined && validationLoss !== undefined) {
        if (validationLoss < bestLoss) {
          bestLoss = validationLoss;
          bestEpoch = epoch;
          epochsSinceBest = 0;
          tf.dispose(best);
          // Optimizers assign new tensors rather than writing in place, so a clone is a snapshot.
          best = network.variables.map((v) => tf.clone(v));
        } else stop = ++epochsSinceBest >= patience;
      }
      options.onProgress?.({
        step: epoch,
        total: params.epochs,
        trainLoss,
        ...(validationLoss === undefined ? {} : { validationLoss }),
        rowsPerSec,
        ...(patience !== undefined ? { bestStep: bestEpoch } : {}),
      });
      onEpochEnd?.(epoch);
      if (stop) break;
      await yieldToEventLoop();
    }
    throwIfAborted(signal);
    network.variables.forEach((v, i) => {
      if (best[i]) v.assign(best[i]);
    });
  } finally {
    tf.dispose([...best, epochLoss]);
    optimizer.dispose();
  }
}

/** One optimizer step; returns the batch's weighted loss sum (without the penalty). */
function trainStep(
  network: DenseNetwork,
  optimizer: tf.Optimizer,
  batch: BatchTensors,
  weightSum: number,
  params: TrainLoopParams,
  task: Task,
  dropoutSeed: number,
): tf.Scalar {
  const kept: tf.Scalar[] = [];
  const dropout = { rate: params.dropout, seed: dropoutSeed };
  optimizer.minimize(
    () => {
      const logits = network.logits(batch.x, batch.ids, dropout);
      const sum = weightedLossSum(logits, batch.targets, batch.weights, task);
      kept.push(tf.keep(sum));
      const mean = tf.div(sum, weightSum) as tf.Scalar;
      return params.l2 > 0 ? tf.add(mean, network.kernelPenalty(params.l2 / 2)) : mean;
    },
    false,
    network.variables,
  );
  return kept[0]!;
}

/** Weighted mean loss over a whole set (no dropout), read back once. NaN when the weights sum to 0. */
export async function evaluateLoss(
  network: DenseNetwork,
  set: TargetSet,
  batchSize: number,
  task: Task,
  logitOffset = 0,
): Promise<number> {
  const { rows, cols } = set.features;
  const vocabSizes = network.shape.embeddings.map((e) => e.vocabSize);
  const buffers = new BatchBuffers(cols, vocabSizes, batchSize);
  let total = tf.scalar(0);
  let weightTotal = 0;
  try {
    for (let start = 0; start < rows; start += batchSize) {
      const end = Math.min(rows, start + batchSize);
      weightTotal += buffers.gather(set.features, set.targets, set.weights, null, start, end);
      const batch = buffers.tensors(end - start);
      let next: tf.Scalar;
      try {
        next = tf.tidy(() => {
          const raw = network.logits(batch.x, batch.ids);
          const logits = logitOffset === 0 ? raw : tf.add<tf.Tensor2D>(raw, logitOffset);
          return tf.add(total, weightedLossSum(logits, batch.targets, batch.weights, task));
        });
      } finally {
        disposeBatch(batch);
      }
      total.dispose();
      total = next;
    }
    return weightTotal > 0 ? (await total.data())[0]! / weightTotal : NaN;
  } finally {
    total.dispose();
  }
}
