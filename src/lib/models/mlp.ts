import type { FitOptions, LabelledSet, SerializedModel } from './model.ts';
import { MLP_DEFAULTS, MLP_LEARNING_RATES, type MlpParams } from './networkParams.ts';
import { fitNetwork } from './tfjs/fitNetwork.ts';
import { NetworkModel } from './tfjs/networkModel.ts';

export { MLP_DEFAULTS, MLP_LEARNING_RATES, type MlpParams } from './networkParams.ts';

/** A multi-layer perceptron on tfjs: the trained model type of fitMlp and fitEmbeddingMlp. */
export type MlpModel = NetworkModel;

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
  return fitNetwork('mlp', train, resolveMlpParams(params), options);
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
