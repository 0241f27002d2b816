import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitEmbeddingMlp } from '../../../src/lib/models/embeddingMlp.ts';
import { estimateModelSize } from '../../../src/lib/models/estimateSize.ts';
import { fitGbdt } from '../../../src/lib/models/gbdt/gbdt.ts';
import { fitLogistic } from '../../../src/lib/models/logistic.ts';
import { fitMlp } from '../../../src/lib/models/mlp.ts';
import type { ModelConfig } from '../../../src/lib/experiment/config.ts';
import type { LabelledSet, Model } from '../../../src/lib/models/model.ts';
import { createRng } from '../../../src/lib/random.ts';

/** 300 rows, 5 dense features, one id column with 12 ids, three classes. */
function data(): LabelledSet {
  const rng = createRng(3);
  const rows = 300;
  const x = Float32Array.from({ length: rows * 5 }, () => rng.normal());
  const ids = Int32Array.from({ length: rows }, () => rng.int(12));
  const y = Float32Array.from({ length: rows }, (_, r) =>
    x[r * 5]! > 0.5 ? 2 : x[r * 5 + 1]! > 0 ? 1 : 0,
  );
  const names = ['a', 'b', 'c', 'd', 'e'];
  return {
    features: {
      rows,
      cols: 5,
      x,
      names,
      origins: names,
      idColumns: [{ name: 'id', ids, vocabSize: 12 }],
    },
    y,
  };
}

const options = { task: 'multiclass', numClasses: 3, seed: 1 } as const;
const inputs = { features: 5, embeddings: [{ vocabSize: 12 }], outputs: 3 };

describe('estimateModelSize', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('counts exactly the parameters that logistic regression and the networks have once trained', async () => {
    const train = data();
    const cases: [ModelConfig, Model][] = [
      [
        { family: 'logistic', maxIterations: 1 },
        await fitLogistic(train, { maxIterations: 1 }, options),
      ],
      [
        { family: 'mlp', hidden: [7, 4], epochs: 1 },
        await fitMlp(train, { hidden: [7, 4], epochs: 1 }, options),
      ],
      [
        { family: 'embedding-mlp', hidden: [6], embeddingDim: 3, epochs: 1 },
        await fitEmbeddingMlp(train, { hidden: [6], embeddingDim: 3, epochs: 1 }, options),
      ],
    ];
    // Without the model's own dimension, each column's `dim` from the feature spec is used.
    const withColumnDim = {
      ...train,
      features: { ...train.features, idColumns: [{ ...train.features.idColumns[0]!, dim: 5 }] },
    };
    const perColumn = await fitEmbeddingMlp(withColumnDim, { hidden: [6], epochs: 1 }, options);
    expect(perColumn.size().description).toBe('emb 1x5 + 5 -> 6-3');
    expect(
      estimateModelSize(
        { family: 'embedding-mlp', hidden: [6] },
        { ...inputs, embeddings: [{ vocabSize: 12, dim: 5 }] },
      ).parameters,
    ).toBe(perColumn.size().parameters);
    perColumn.dispose();
    for (const [config, model] of cases) {
      const estimate = estimateModelSize(config, inputs);
      expect(estimate.parameters, config.family).toBe(model.size().parameters);
      expect(estimate.bytes).toBe(model.size().bytes);
      expect(estimate.upperBound).toBe(false);
      model.dispose();
    }
  });

  it('bounds the trees from above before training', async () => {
    const config = { family: 'gbdt', trees: 5, maxDepth: 3 } as const;
    const model = await fitGbdt(data(), { trees: 5, maxDepth: 3, minSamplesLeaf: 2 }, options);
    const estimate = estimateModelSize(config, inputs);
    expect(estimate.upperBound).toBe(true);
    expect(estimate.parameters).toBe(15 * (2 * 7 + 8) + 3);
    expect(model.size().parameters).toBeLessThanOrEqual(estimate.parameters);
  });
});
