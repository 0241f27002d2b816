import * as tf from '../../../src/lib/tfjsCore.ts';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { fitEmbeddingMlp, loadEmbeddingMlp } from '../../../src/lib/models/embeddingMlp.ts';
import { fitMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions } from '../../../src/lib/models/model.ts';
import { idEffectSet, xorSet } from './mlpTestData.ts';

const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 5 };
const small = { hidden: [16, 16], epochs: 10, learningRate: 0.01, batchSize: 64 };

async function use(backend: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
}

describe('MLP on the wasm backend', () => {
  it('trains the same network as cpu from the same seed, up to float rounding', async () => {
    const train = xorSet(1000, 1);
    const predictions: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await use(backend);
      const model = await fitMlp(train, { ...small, activation: 'gelu' }, binary);
      expect(model.engine).toBe(`tfjs (${backend})`);
      predictions.push(await model.predict(train.features));
      model.dispose();
    }
    const [cpu, wasm] = predictions as [Float32Array, Float32Array];
    const maxDiff = cpu.reduce((m, p, i) => Math.max(m, Math.abs(p - wasm[i]!)), 0);
    expect(maxDiff).toBeLessThan(1e-4);
    expect(binaryMetrics(train.y, wasm).rocAuc).toBeGreaterThan(0.95);
  });

  it('trains an embedding model, reloads it and leaks no tensor', async () => {
    await use('wasm');
    const before = tf.memory().numTensors;
    const { set } = idEffectSet(2000, 100, 3);
    const model = await fitEmbeddingMlp(set, { ...small, hidden: [8], epochs: 3 }, binary);
    const p = await model.predict(set.features);
    expect(binaryMetrics(set.y, p).rocAuc).toBeGreaterThan(0.75);
    const copy = loadEmbeddingMlp(JSON.parse(JSON.stringify(model.serialize())));
    expect(await copy.predict(set.features)).toEqual(p);
    copy.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
