import type { ModelConfig } from '../experiment/config.ts';
import { GBDT_DEFAULTS } from './gbdt/params.ts';
import { describeEmbeddingTables, EMBEDDING_DIM_DEFAULT, MLP_DEFAULTS } from './networkParams.ts';
import type { ModelSize } from './model.ts';

export interface SizeInputs {
  /** Dense features per row. */
  features: number;
  /** Each embedding-encoded column: its vocabulary (ids, 0 reserved) and the spec's dimension. */
  embeddings: { vocabSize: number; dim?: number }[];
  /** 1 for binary and regression, K for multi-class. */
  outputs: number;
}

/**
 * The size a config's model will have, before training: exact for logistic regression and the
 * networks (the same count as their size()), an upper bound for GBDT (full trees; early stopping
 * and small leaves make real trees smaller).
 */
export function estimateModelSize(
  model: ModelConfig,
  inputs: SizeInputs,
): ModelSize & { upperBound: boolean } {
  const { features, outputs } = inputs;
  switch (model.family) {
    case 'logistic':
      return exact(
        features * outputs + outputs,
        `${features} inputs x ${outputs} output${outputs > 1 ? 's' : ''}`,
      );
    case 'mlp': {
      const hidden = model.hidden ?? MLP_DEFAULTS.hidden;
      return exact(
        denseParameters([features, ...hidden, outputs]),
        [features, ...hidden, outputs].join('-'),
      );
    }
    case 'embedding-mlp': {
      const hidden = model.hidden ?? MLP_DEFAULTS.hidden;
      // The same rule as the network: the model's dimension for every table, else each column's own.
      const dims = inputs.embeddings.map(
        (e) => model.embeddingDim ?? e.dim ?? EMBEDDING_DIM_DEFAULT,
      );
      const tables = inputs.embeddings.reduce((sum, e, i) => sum + e.vocabSize * dims[i]!, 0);
      const width = features + dims.reduce((sum, d) => sum + d, 0);
      return exact(
        tables + denseParameters([width, ...hidden, outputs]),
        `emb ${describeEmbeddingTables(dims)} + ${features} -> ${[...hidden, outputs].join('-')}`,
      );
    }
    case 'gbdt': {
      const trees = (model.trees ?? GBDT_DEFAULTS.trees) * outputs;
      const depth = model.maxDepth ?? GBDT_DEFAULTS.maxDepth;
      const leaves = Math.min(2 ** depth, model.maxLeaves ?? GBDT_DEFAULTS.maxLeaves ?? Infinity);
      // A split stores a feature and a threshold, a leaf its value, plus one base score per output.
      const parameters = trees * (2 * (leaves - 1) + leaves) + outputs;
      return {
        parameters,
        bytes: parameters * 4,
        description: `up to ${trees} trees x ${leaves} leaves`,
        upperBound: true,
      };
    }
  }
}

/** Weights and biases of fully connected layers of these widths, input first. */
export function denseParameters(layers: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < layers.length; i++) total += layers[i - 1]! * layers[i]! + layers[i]!;
  return total;
}

function exact(parameters: number, description: string): ModelSize & { upperBound: boolean } {
  return { parameters, bytes: parameters * 4, description, upperBound: false };
}
