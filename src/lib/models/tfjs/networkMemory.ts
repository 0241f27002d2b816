import { denseParameters } from '../estimateSize.ts';
import type { NetworkShape } from './denseNetwork.ts';
import type { OptimizerName } from './trainLoop.ts';

/**
 * What training one network may hold at once, in bytes. tfjs's wasm backend has a single 32-bit
 * heap (at most 4 GiB, shared with every other tensor), and a network past it fails after
 * minutes with "memory access out of bounds", leaving the module broken; the worker also holds
 * the data. 1 GiB leaves room for both.
 */
export const NETWORK_MEMORY_BUDGET_BYTES = 1024 ** 3;

export interface NetworkMemory {
  parameters: number;
  /** Weights, gradients, optimizer state and the best-weights copy, float32. */
  parameterBytes: number;
  /** One batch's activations forward and their gradients backward, float32. */
  activationBytes: number;
  bytes: number;
}

/**
 * Memory one training step of `shape` needs: every parameter as the weight, its gradient, the
 * best weights kept for early stopping, and Adam's two moments (none for SGD); per batch row,
 * each layer's pre-activation, activation and gradient (three floats a unit). `inputsPerRow`:
 * the input values a row holds, shape.inputs by default; the non-zeros when the features come
 * as sparse rows (the first layer then reads only those).
 */
export function estimateNetworkMemory(
  shape: NetworkShape,
  batchSize: number,
  optimizer: OptimizerName,
  inputsPerRow = shape.inputs,
): NetworkMemory {
  const dims = shape.embeddings.map((e) => e.dim);
  const tables = shape.embeddings.reduce((sum, e) => sum + e.vocabSize * e.dim, 0);
  const width = shape.inputs + dims.reduce((sum, d) => sum + d, 0);
  const layers = [width, ...shape.hidden, shape.outputs];
  const parameters = tables + denseParameters(layers);
  const copies = 3 + (optimizer === 'adam' ? 2 : 0);
  const parameterBytes = 4 * copies * parameters;
  const units = layers.reduce((sum, n) => sum + n, 0) - shape.inputs + inputsPerRow;
  const activationBytes = 4 * 3 * batchSize * units;
  return { parameters, parameterBytes, activationBytes, bytes: parameterBytes + activationBytes };
}

/**
 * Refuses, before anything is allocated, a network whose training would not fit the budget,
 * with the figure and what to change.
 * @throws Error naming the estimated and allowed memory.
 */
export function checkNetworkFits(
  shape: NetworkShape,
  batchSize: number,
  optimizer: OptimizerName,
  inputsPerRow = shape.inputs,
  budget = NETWORK_MEMORY_BUDGET_BYTES,
): void {
  const memory = estimateNetworkMemory(shape, batchSize, optimizer, inputsPerRow);
  if (memory.bytes <= budget) return;
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  throw new Error(
    `This network is too large to train here: ${memory.parameters.toLocaleString('en-US')} ` +
      `parameters and batches of ${batchSize} need about ${gib(memory.bytes)} ` +
      `(${gib(memory.parameterBytes)} for weights, gradients and ${optimizer} state, ` +
      `${gib(memory.activationBytes)} for activations), over the ${gib(budget)} the engine can ` +
      'give one network. Use fewer or narrower hidden layers, or a smaller batch.',
  );
}
