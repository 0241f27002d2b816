import type { BackendName } from '../backendChoices.ts';
import type { FeatureMatrix } from '../features/featureMatrix.ts';
import { fitEmbeddingMlp } from '../models/embeddingMlp.ts';
import { fitGbdt } from '../models/gbdt/gbdt.ts';
import { typedArrayEngine } from '../models/linearObjective.ts';
import { fitLogistic } from '../models/logistic.ts';
import { fitMlp, type NetworkEngine } from '../models/mlp.ts';
import type { FitOptions, LabelledSet, Model } from '../models/model.ts';
import { tfjsLinearEngine } from '../models/tfjs/tfjsLinearEngine.ts';
import type { ModelConfig } from './config.ts';

/** From this many dense features on a GPU backend, a linear model's gradients are faster as tfjs matrix products. */
export const WIDE_INPUTS = 1024;

/** Trains the configured model family; the config's size fields are the family's parameters. */
export function trainModel(
  config: ModelConfig,
  train: LabelledSet,
  options: FitOptions,
  backend: BackendName,
): Promise<Model> {
  switch (config.family) {
    case 'logistic': {
      const { solver = 'auto', ...params } = withoutFamily(config);
      return fitLogistic(
        train,
        params,
        options,
        useTfjs(solver, train.features, backend) ? tfjsLinearEngine() : typedArrayEngine,
      );
    }
    case 'gbdt':
      return fitGbdt(train, withoutFamily(config), options);
    case 'mlp':
      // As for logistic regression: typed arrays on the CPU backends, tfjs on a GPU.
      return fitMlp(train, withoutFamily(config), options, networkEngineFor(backend));
    case 'embedding-mlp':
      return fitEmbeddingMlp(train, withoutFamily(config), options);
  }
}

function useTfjs(
  solver: 'auto' | 'typed-arrays' | 'tfjs',
  features: FeatureMatrix,
  backend: BackendName,
): boolean {
  if (solver !== 'auto') return solver === 'tfjs';
  // CSR rows stay on typed arrays, which loop over non-zeros; tfjs multiplies the dense cells.
  if (features.sparse) return false;
  return (backend === 'webgl' || backend === 'webgpu') && features.cols >= WIDE_INPUTS;
}

/**
 * The MLP's engine for a backend: typed arrays on cpu and wasm, where they train the small dense
 * networks faster than tfjs (docs/design.md, "MLP on typed arrays"); tfjs on webgl and webgpu.
 */
export function networkEngineFor(backend: BackendName): NetworkEngine {
  return backend === 'cpu' || backend === 'wasm' ? 'typed-arrays' : 'tfjs';
}

function withoutFamily<T extends { family: string }>(config: T): Omit<T, 'family'> {
  const { family: _family, ...params } = config;
  return params;
}
