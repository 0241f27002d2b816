import * as tf from '../../tfjsCore.ts';
import type { Task } from '../model.ts';
import { BatchBuffers, type TargetSet } from '../tfjs/batchBuffers.ts';
import type { NetworkTrainer, TrainLoopParams } from '../tfjs/trainLoop.ts';
import type { AdamConstants } from './simdKernels.ts';
import { TypedNetwork, weightedLoss } from './typedNetwork.ts';

/** tf.train.adam's defaults, and the float32 backends' epsilon (cpu and wasm: 1e-7). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * The typed-array engine behind trainNetwork: forward and backward on Float32Arrays
 * (typedNetwork.ts) and the optimizer's update written out as tf.train.adam and tf.train.sgd do
 * it, so that from the same initial weights and batches it follows the tfjs engine to float32
 * rounding. Dropout masks are tfjs's own (tf.randomUniform from the same per-layer seed, which
 * tfjs draws in JavaScript on every backend). The network's weights are updated in place.
 */
export function typedTrainer(
  network: TypedNetwork,
  train: TargetSet,
  params: TrainLoopParams,
  task: Task,
): NetworkTrainer {
  const { shape } = network;
  const buffers = new BatchBuffers(
    train.features.cols,
    [],
    params.batchSize,
    network.input ?? undefined,
  );
  const update = optimizer(network, params);
  const masks =
    params.dropout > 0
      ? shape.hidden.map((u) => new Float32Array(params.batchSize * u))
      : undefined;
  let lossSum = 0;
  let best: Float32Array[] | null = null;
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
      const rows = end - start;
      const batch = buffers.arrays(rows);
      if (masks) fillDropoutMasks(masks, shape.hidden, rows, params.dropout, dropoutSeed());
      network.forward(batch, rows, masks);
      lossSum += network.backward(batch, rows, weightSum, task, params.l2);
      update();
      return weightSum;
    },
    async takeLossSum() {
      const sum = lossSum;
      lossSum = 0;
      return sum;
    },
    async evaluateLoss(set, logitOffset) {
      return evaluateLoss(network, set, params.batchSize, task, logitOffset);
    },
    keepBest() {
      best = network.weights.map((w) => w.slice());
    },
    restoreBest() {
      best?.forEach((w, i) => network.weights[i]!.set(w));
    },
    dispose() {
      best = null;
    },
  };
}

/** Weighted mean loss over a set, no dropout; NaN when the weights sum to 0. */
function evaluateLoss(
  network: TypedNetwork,
  set: TargetSet,
  batchSize: number,
  task: Task,
  logitOffset: number,
): number {
  const { rows, cols } = set.features;
  const buffers = new BatchBuffers(cols, [], batchSize, network.input ?? undefined);
  let total = 0;
  let weightTotal = 0;
  for (let start = 0; start < rows; start += batchSize) {
    const end = Math.min(rows, start + batchSize);
    weightTotal += buffers.gather(set.features, set.targets, set.weights, null, start, end);
    const batch = buffers.arrays(end - start);
    const logits = network.forward(batch, end - start);
    const outputs = network.shape.outputs;
    total += weightedLoss(
      logits,
      end - start,
      outputs,
      batch.targets,
      batch.weights,
      task,
      logitOffset,
      null,
      0,
    );
  }
  return weightTotal > 0 ? total / weightTotal : NaN;
}

/**
 * One update of the weights from network.gradients. Adam as tfjs 4.22 writes it: m and v moving
 * averages, bias-corrected by 1 - beta^t (tfjs keeps beta^t as a float32 product), then
 * w -= lr m^ / (sqrt(v^) + epsilon), in the arena's kernel (kernelArena.ts). SGD: w -= lr g.
 */
function optimizer(network: TypedNetwork, params: TrainLoopParams): () => void {
  const { weights, gradients, moments, arena } = network;
  const lr = params.learningRate;
  if (params.optimizer === 'sgd') {
    return () => {
      weights.forEach((w, v) => {
        const g = gradients[v]!;
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * g[i]!;
      });
    };
  }
  if (moments === null) throw new Error('typed network: built without room for Adam moments');
  const constants: AdamConstants = [lr, 0, 0, BETA1, 1 - BETA1, BETA2, 1 - BETA2, EPSILON];
  let beta1Power = Math.fround(BETA1);
  let beta2Power = Math.fround(BETA2);
  return () => {
    constants[1] = 1 - beta1Power;
    constants[2] = 1 - beta2Power;
    weights.forEach((w, v) => {
      arena.adam(w, gradients[v]!, moments.first[v]!, moments.second[v]!, constants);
    });
    beta1Power = Math.fround(beta1Power * BETA1);
    beta2Power = Math.fround(beta2Power * BETA2);
  };
}

/**
 * tf.dropout's multipliers for hidden layer l, floor(u + keep) / keep with u drawn by
 * tf.randomUniform from seed + l, as denseNetwork.ts seeds them.
 */
function fillDropoutMasks(
  masks: Float32Array[],
  hidden: number[],
  rows: number,
  rate: number,
  seed: number,
): void {
  const keep = Math.fround(1 - rate);
  hidden.forEach((units, l) => {
    const uniform = tf.randomUniform([rows, units], 0, 1, 'float32', seed + l);
    const u = uniform.dataSync();
    const mask = masks[l]!;
    for (let i = 0; i < u.length; i++) mask[i] = Math.floor(Math.fround(u[i]! + keep)) / keep;
    uniform.dispose();
  });
}
