import type { FitOptions, LabelledSet, SerializedModel } from './model.ts';
import { MLP_DEFAULTS, MLP_LEARNING_RATES, type MlpParams } from './networkParams.ts';
import { fitNetwork, type NetworkEngine } from './tfjs/fitNetwork.ts';
import { NetworkModel } from './tfjs/networkModel.ts';

export { MLP_DEFAULTS, MLP_LEARNING_RATES, type MlpParams } from './networkParams.ts';
export type { NetworkEngine } from './tfjs/fitNetwork.ts';

/** A multi-layer perceptron on tfjs: the trained model type of fitMlp and fitEmbeddingMlp. */
export type MlpModel = NetworkModel;

/**
 * Trains an MLP on the dense features (id columns are ignored: encode them as dense features,
 * or use the embedding MLP). Binary: sigmoid output and log loss; multi-class: softmax over
 * options.numClasses; regression: linear output and squared loss. Sample weights weight the
 * mean loss. engine: tfjs on whichever backend the caller selected (the default), or typed
 * arrays (faster on the CPU backends; the same training to float32 rounding). The model predicts
 * on tfjs either way.
 */
export function fitMlp(
  train: LabelledSet,
  params: Partial<MlpParams>,
  options: FitOptions,
  engine: NetworkEngine = 'tfjs',
): Promise<MlpModel> {
  return fitNetwork('mlp', train, resolveMlpParams(params), options, engine);
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
