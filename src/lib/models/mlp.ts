import type { FitOptions, LabelledSet, SerializedModel } from './model.ts';
import type { Activation } from './tfjs/denseNetwork.ts';
import { fitNetwork } from './tfjs/fitNetwork.ts';
import { NetworkModel } from './tfjs/networkModel.ts';
import type { OptimizerName } from './tfjs/trainLoop.ts';

/** A multi-layer perceptron on tfjs: the trained model type of fitMlp and fitEmbeddingMlp. */
export type MlpModel = NetworkModel;

export interface MlpParams {
  /** Units per hidden layer: depth and width are the size knobs. Default [64, 64]. */
  hidden: number[];
  /** Hidden non-linearity. Default 'relu'. */
  activation: Activation;
  /** Fraction of hidden units dropped while training, in [0, 1). Default 0. */
  dropout: number;
  /** Penalty l2/2 * |kernel weights|^2 on the weighted mean loss. Default 0. */
  l2: number;
  /** Default 'adam'. */
  optimizer: OptimizerName;
  /** Step size. Default 0.001 for adam, 0.01 for sgd. */
  learningRate?: number;
  /** Rows per optimizer step. Default 256. */
  batchSize: number;
  /** Passes over the training rows. Default 10. */
  epochs: number;
  /**
   * Stop after this many epochs without a lower validation loss, keeping the best weights.
   * Needs options.validation. Default: off.
   */
  earlyStoppingPatience?: number;
}

export const MLP_DEFAULTS: MlpParams = {
  hidden: [64, 64],
  activation: 'relu',
  dropout: 0,
  l2: 0,
  optimizer: 'adam',
  batchSize: 256,
  epochs: 10,
};

/** Default step size per optimizer. */
export const MLP_LEARNING_RATES = { adam: 0.001, sgd: 0.01 } as const;

/**
 * Trains an MLP on the dense features (id columns are ignored: encode them as dense features,
 * or use the embedding MLP). Binary: sigmoid output and log loss; multi-class: softmax over
 * options.numClasses; regression: linear output and squared loss. Sample weights weight the
 * mean loss. Uses whichever tfjs backend the caller selected.
 */
export function fitMlp(
  train: LabelledSet,
  params: Partial<MlpParams>,
  options: FitOptions,
): Promise<MlpModel> {
  return fitNetwork('mlp', train, { ...resolveMlpParams(params), embeddingDim: 1 }, options);
}

/** Rebuilds a model from MlpModel.serialize(); predictions are identical on the same backend. */
export function loadMlp(serialized: SerializedModel): MlpModel {
  return NetworkModel.deserialize(serialized, 'mlp');
}

/** Defaults filled in, the learning rate resolved for the optimizer. */
export function resolveMlpParams(params: Partial<MlpParams>): MlpParams & { learningRate: number } {
  const p = { ...MLP_DEFAULTS, ...params };
  return { ...p, learningRate: p.learningRate ?? MLP_LEARNING_RATES[p.optimizer] };
}
