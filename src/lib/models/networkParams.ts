import { FEATURE_SETTINGS } from '../catalog/featureSettings.ts';
import { MLP_LAYERS, MLP_SETTINGS as MLP } from '../catalog/modelSettings.ts';
import type { Activation } from './tfjs/denseNetwork.ts';
import type { OptimizerName } from './tfjs/trainLoop.ts';

/**
 * The neural models' parameters and defaults, apart from the models themselves so that the main
 * thread can show sizes before training without loading tfjs.
 */
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
  hidden: [...MLP_LAYERS.default],
  activation: MLP.activation.default,
  dropout: MLP.dropout.default,
  l2: MLP.l2.default,
  optimizer: MLP.optimizer.default,
  batchSize: MLP.batchSize.default,
  epochs: MLP.epochs.default,
};

/** Default step size per optimizer. */
export const MLP_LEARNING_RATES = { adam: 0.001, sgd: 0.01 } as const;

export interface EmbeddingMlpParams extends MlpParams {
  /**
   * Vector length learned per id, one table (vocabSize x embeddingDim) per id column. When unset,
   * each column's `dim` from the feature spec (default 8).
   */
  embeddingDim: number;
}

/** The feature spec's default `dim`: an id column's vector length when nothing else sets it. */
export const EMBEDDING_DIM_DEFAULT = FEATURE_SETTINGS.dim.default;

/** "3x8" for three tables of dimension 8, "8+4" when dimensions differ. */
export function describeEmbeddingTables(dims: number[]): string {
  if (dims.length === 0) return '0';
  return dims.every((d) => d === dims[0]) ? `${dims.length}x${dims[0]}` : dims.join('+');
}
