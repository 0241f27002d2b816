import { fitEmbeddingMlp } from '../models/embeddingMlp.ts';
import { fitGbdt } from '../models/gbdt/gbdt.ts';
import { fitLogistic } from '../models/logistic.ts';
import { fitMlp } from '../models/mlp.ts';
import type { FitOptions, LabelledSet, Model } from '../models/model.ts';
import type { ModelConfig } from './config.ts';

/** Trains the configured model family; the config's size fields are the family's parameters. */
export function trainModel(
  config: ModelConfig,
  train: LabelledSet,
  options: FitOptions,
): Promise<Model> {
  switch (config.family) {
    case 'logistic':
      return fitLogistic(train, withoutFamily(config), options);
    case 'gbdt':
      return fitGbdt(train, withoutFamily(config), options);
    case 'mlp':
      return fitMlp(train, withoutFamily(config), options);
    case 'embedding-mlp':
      return fitEmbeddingMlp(train, withoutFamily(config), options);
  }
}

function withoutFamily<T extends { family: string }>(config: T): Omit<T, 'family'> {
  const { family: _family, ...params } = config;
  return params;
}
