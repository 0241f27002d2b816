import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { fitEmbeddingMlp, loadEmbeddingMlp } from '../../../src/lib/models/embeddingMlp.ts';
import { fitMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions } from '../../../src/lib/models/model.ts';
import { idEffects, idEffectSet, matrix } from './mlpTestData.ts';

const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 11 };
const VOCAB = 200;
const params = { hidden: [16], embeddingDim: 8, epochs: 8, learningRate: 0.03, batchSize: 128 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fitEmbeddingMlp', () => {
  it('learns a per-id effect over 200 ids that a dense-only MLP cannot see', async () => {
    const effects = idEffects(VOCAB, 1);
    const { set: train } = idEffectSet(4000, VOCAB, 1, effects);
    const { set: test, truth } = idEffectSet(2000, VOCAB, 2, effects);
    const embedding = await fitEmbeddingMlp(train, params, binary);
    const dense = await fitMlp(train, params, binary);
    const auc = (p: Float32Array) => binaryMetrics(test.y, p).rocAuc!;
    const embeddingAuc = auc(await embedding.predict(test.features));
    const denseAuc = auc(await dense.predict(test.features));
    const oracleAuc = auc(truth);
    expect(denseAuc, `dense-only AUC ${denseAuc}`).toBeLessThan(0.56);
    // 20 rows per id: the learned effects are noisy estimates, so a few points below the oracle.
    expect(oracleAuc).toBeGreaterThan(0.85);
    expect(embeddingAuc, `embedding AUC ${embeddingAuc}, oracle ${oracleAuc}`).toBeGreaterThan(
      oracleAuc - 0.05,
    );
    embedding.dispose();
    dense.dispose();
  });

  it('sizes the tables: 200x8 + (9x16 + 16) + (16 + 1) = 1,777 parameters', async () => {
    const { set } = idEffectSet(100, VOCAB, 3);
    const model = await fitEmbeddingMlp(set, { ...params, epochs: 0 }, binary);
    expect(model.size()).toEqual({
      parameters: 1777,
      bytes: 1777 * 4,
      description: 'emb 1x8 + 1 -> 16-1',
    });
    expect(model.family).toBe('embedding-mlp');
    model.dispose();
  });

  it('treats ids beyond the table and negative ids as the unknown id 0', async () => {
    const { set } = idEffectSet(500, VOCAB, 4);
    const model = await fitEmbeddingMlp(set, { ...params, epochs: 2 }, binary);
    const x = Float32Array.of(0.3);
    const unknown = await model.predictRow(x, Int32Array.of(0));
    expect(await model.predictRow(x, Int32Array.of(VOCAB))).toEqual(unknown);
    expect(await model.predictRow(x, Int32Array.of(-5))).toEqual(unknown);
    expect(await model.predictRow(x, Int32Array.of(7))).not.toEqual(unknown);
    const batch = matrix(2, 1, Float32Array.of(0.3, 0.3), [
      { name: 'id', ids: Int32Array.of(10_000, 7), vocabSize: 10_001 },
    ]);
    const both = await model.predict(batch);
    expect(both[0]).toBe(unknown[0]);
    model.dispose();
  });

  it('round-trips serialize and load to identical predictions, through JSON', async () => {
    const { set } = idEffectSet(500, VOCAB, 5);
    const model = await fitEmbeddingMlp(set, { ...params, epochs: 2, dropout: 0.1 }, binary);
    const restored = loadEmbeddingMlp(JSON.parse(JSON.stringify(model.serialize())));
    expect(await restored.predict(set.features)).toEqual(await model.predict(set.features));
    expect(restored.size()).toEqual(model.size());
    model.dispose();
    restored.dispose();
  });

  it('rejects a matrix without the id columns it was trained on', async () => {
    const { set } = idEffectSet(100, VOCAB, 6);
    const model = await fitEmbeddingMlp(set, { ...params, epochs: 0 }, binary);
    await expect(model.predict({ ...set.features, idColumns: [] })).rejects.toThrow(/1 id column/);
    model.dispose();
  });
});
