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
 * What the training loop asks of an engine (tfjs here, typed arrays in typed/typedTrainer.ts):
 * the loop owns the epochs, the shuffles and the random stream, early stopping and progress, so
 * both engines train the same way from the same seed.
 */
export interface NetworkTrainer {
  /**
   * One optimizer step on training rows order[start..end); returns their weight sum, and takes no
   * step when it is 0. Calls dropoutSeed once, after the gather, when it steps and drops units.
   */
  step(order: Int32Array, start: number, end: number, dropoutSeed: () => number): number;
  /** The weighted loss sum (without the penalty) of the steps since the last call. */
  takeLossSum(): Promise<number>;
  /** Weighted mean loss over a set, no dropout; NaN when the weights sum to 0. */
  evaluateLoss(set: TargetSet, logitOffset: number): Promise<number>;
  /** Remembers the current weights as the best so far. */
  keepBest(): void;
  /** Puts back the weights kept by keepBest, if any. */
  restoreBest(): void;
  /** Frees what the trainer made (optimizer state, snapshots), not the network. */
  dispose(): void;
}

/**
 * Trains with mini-batch steps on the weighted mean loss (tfjs model.fit rejects sample weights,
 * hence this loop). Shuffles with rng; reports progress once per epoch; yields every 50 batches
 * and throws CancelledError when options.signal fires. The trainer is disposed on return and on
 * throw; the network stays the caller's. lossScale converts the standardised regression loss
 * back to target units (std^2; 1 for classification). onEpochEnd runs after each epoch's
 * progress report, with the weights of that epoch.
 */
export async function trainNetwork(
  trainer: NetworkTrainer,
  rows: number,
  validation: TargetSet | undefined,
  params: TrainLoopParams,
  options: FitOptions,
  rng: Rng,
  lossScale: number,
  onEpochEnd?: (epoch: number) => void,
): Promise<void> {
  const { signal } = options;
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const patience = validation ? params.earlyStoppingPatience : undefined;
  const dropoutSeed = () => rng.int(2 ** 31);
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let epochsSinceBest = 0;

  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      throwIfAborted(signal);
      const started = performance.now();
      shuffleInPlace(order, rng);
      let epochWeight = 0;
      for (let start = 0, batch = 0; start < rows; start += params.batchSize, batch++) {
        if (batch > 0 && batch % BATCHES_PER_YIELD === 0) {
          await yieldToEventLoop();
          throwIfAborted(signal);
        }
        const end = Math.min(rows, start + params.batchSize);
        epochWeight += trainer.step(order, start, end, dropoutSeed);
      }
      const trainLoss = ((await trainer.takeLossSum()) / epochWeight) * lossScale;
      if (epochWeight > 0) assertLossFinite(trainLoss, epoch);
      const rowsPerSec = rows / Math.max(1e-6, (performance.now() - started) / 1000);
      const validationLoss = validation
        ? (await trainer.evaluateLoss(validation, options.validationLogitOffset ?? 0)) * lossScale
        : undefined;
      let stop = false;
      if (patience !== undefined && validationLoss !== undefined) {
        if (validationLoss < bestLoss) {
          bestLoss = validationLoss;
          bestEpoch = epoch;
          epochsSinceBest = 0;
          trainer.keepBest();
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
    trainer.restoreBest();
  } finally {
    trainer.dispose();
  }
}

/** The tfjs engine: the network's variables, optimizer.minimize, losses summed on the backend. */
export function tfjsTrainer(
  network: DenseNetwork,
  train: TargetSet,
  params: TrainLoopParams,
  task: Task,
): NetworkTrainer {
  const vocabSizes = network.shape.embeddings.map((e) => e.vocabSize);
  const buffers = new BatchBuffers(train.features.cols, vocabSizes, params.batchSize);
  const optimizer =
    params.optimizer === 'adam'
      ? tf.train.adam(params.learningRate)
      : tf.train.sgd(params.learningRate);
  // Summed on the backend and read back once per epoch: a read-back per batch stalls the GPU.
  let lossSum = tf.scalar(0);
  let best: tf.Tensor[] = [];
  return {
    step(order, start, end, dropoutSeed) {
      const weightSum = buffers.gather(
        train.features,
        train.targets,
        train.weights,
        order,
        start,
        end,
      );
      if (!(weightSum > 0)) return 0;
      const tensors = buffers.tensors(end - start);
      const seed = params.dropout > 0 ? dropoutSeed() : 0;
      let batchLoss: tf.Scalar;
      try {
        batchLoss = trainStep(network, optimizer, tensors, weightSum, params, task, seed);
      } finally {
        disposeBatch(tensors);
      }
      const next = tf.add(lossSum, batchLoss) as tf.Scalar;
      tf.dispose([lossSum, batchLoss]);
      lossSum = next;
      return weightSum;
    },
    async takeLossSum() {
      const sum = (await lossSum.data())[0]!;
      lossSum.dispose();
      lossSum = tf.scalar(0);
      return sum;
    },
    evaluateLoss: (set, logitOffset) =>
      evaluateLoss(network, set, params.batchSize, task, logitOffset),
    keepBest() {
      tf.dispose(best);
      // Optimizers assign new tensors rather than writing in place, so a clone is a snapshot.
      best = network.variables.map((v) => tf.clone(v));
    },
    restoreBest() {
      network.variables.forEach((v, i) => {
        if (best[i]) v.assign(best[i]);
      });
    },
    dispose() {
      tf.dispose([...best, lossSum]);
      optimizer.dispose();
    },
  };
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
