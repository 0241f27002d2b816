import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/lib/abort.ts';
import { fitEmbeddingMlp } from '../../../src/lib/models/embeddingMlp.ts';
import { fitMlp, loadMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions } from '../../../src/lib/models/model.ts';
import { idEffectSet, xorSet } from './mlpTestData.ts';

const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 1 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MLP tensor lifetime', () => {
  it('leaks no tensor over 20 fit / predict / serialize / load / dispose cycles', async () => {
    const train = xorSet(200, 1);
    const { set: withIds } = idEffectSet(200, 20, 2);
    const validation = xorSet(100, 3);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const mlp = await fitMlp(
        train,
        { hidden: [8], epochs: 2, batchSize: 64, dropout: 0.1, l2: 1e-3, earlyStoppingPatience: 1 },
        { ...binary, seed: i, validation },
      );
      await mlp.predict(train.features);
      await mlp.predictRow(train.features.x.subarray(0, 4), new Int32Array(0));
      const copy = loadMlp(mlp.serialize());
      await copy.predict(train.features);
      const emb = await fitEmbeddingMlp(
        withIds,
        { hidden: [8], epochs: 1, batchSize: 64, optimizer: 'sgd' },
        { task: 'multiclass', numClasses: 2, seed: i },
      );
      await emb.predictRow(withIds.features.x.subarray(0, 1), Int32Array.of(3));
      mlp.dispose();
      copy.dispose();
      emb.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws CancelledError and frees every tensor when cancelled during training', async () => {
    const train = xorSet(3000, 1);
    const validation = xorSet(200, 2);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let epochs = 0;
    const fit = fitMlp(
      train,
      { hidden: [16, 16], epochs: 50, batchSize: 32, earlyStoppingPatience: 100 },
      {
        ...binary,
        validation,
        signal: controller.signal,
        onProgress: () => {
          // Two timer hops: the abort lands after the loop resumed epoch 2, at its first
          // in-epoch yield (batch 50 of 94), with a best-weights snapshot alive.
          if (++epochs === 1) setTimeout(() => setTimeout(() => controller.abort(), 0), 0);
        },
      },
    );
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws CancelledError at once for a signal aborted before the fit, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const fit = fitMlp(xorSet(100, 1), {}, { ...binary, signal: AbortSignal.abort() });
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
