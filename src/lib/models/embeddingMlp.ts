import { resolveMlpParams, type MlpModel } from './mlp.ts';
import type { EmbeddingMlpParams } from './networkParams.ts';
import type { FitOptions, LabelledSet, SerializedModel } from './model.ts';
import { fitNetwork } from './tfjs/fitNetwork.ts';
import { NetworkModel } from './tfjs/networkModel.ts';

export { EMBEDDING_DIM_DEFAULT, type EmbeddingMlpParams } from './networkParams.ts';

/**
 * Trains an embedding + MLP model: each id column of the FeatureMatrix looks up a learned
 * vector (id 0, and any id beyond the table, is the shared "unknown" row); the vectors are
 * concatenated with the dense features and fed to an MLP with the same options as fitMlp.
 */
export function fitEmbeddingMlp(
  train: LabelledSet,
  params: Partial<EmbeddingMlpParams>,
  options: FitOptions,
): Promise<MlpModel> {
  const { embeddingDim } = params;
  return fitNetwork(
    'embedding-mlp',
    train,
    { ...resolveMlpParams(params), ...(embeddingDim ? { embeddingDim } : {}) },
    options,
  );
}

/** Rebuilds a model from its serialize(); predictions are identical on the same backend. */
export function loadEmbeddingMlp(serialized: SerializedModel): MlpModel {
  return NetworkModel.deserialize(serialized, 'embedding-mlp');
}
