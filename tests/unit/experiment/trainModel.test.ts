import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkEngineFor, trainModel } from '../../../src/lib/experiment/trainModel.ts';
import type { LogisticModel } from '../../../src/lib/models/logistic.ts';
import reference from '../../fixtures/logistic/reference.json';
import { expectNear } from '../../helpers/tolerance.ts';
import { denseMatrix } from '../../helpers/matrix.ts';

const train = { features: denseMatrix(reference.X), y: Float32Array.from(reference.binary.y) };
const options = { task: 'binary', numClasses: 2, seed: 1 } as const;

function logLoss(p: Float32Array): number {
  return (
    -reference.binary.y.reduce((sum, y, i) => sum + Math.log(y === 1 ? p[i]! : 1 - p[i]!), 0) /
    p.length
  );
}

describe('trainModel for logistic regression', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('uses the typed-array solver on narrow inputs and says so', async () => {
    const model = await trainModel({ family: 'logistic' }, train, options, 'cpu');
    expect(model.engine).toBe('typed arrays');
  });

  it('computes the gradients with tfjs on request and reaches the same model: coefficients within 1e-3, log loss within 1e-5', async () => {
    const before = tf.memory().numTensors;
    const config = { family: 'logistic', l2: reference.binary.l2 } as const;
    const typed = await trainModel(config, train, options, 'cpu');
    const tfjs = await trainModel({ ...config, solver: 'tfjs' }, train, options, 'cpu');
    expect(tfjs.engine).toBe('tfjs (cpu)');
    expect(tfjs.size().parameters).toBe(7);
    // float32 gradients on tfjs against float64 sums on typed arrays: the same optimum, rounded.
    const [a, b] = [typed, tfjs] as LogisticModel[];
    a!.weights.forEach((w, j) => expectNear(b!.weights[j], w, 1e-3));
    expectNear(b!.bias[0], a!.bias[0]!, 1e-3);
    expectNear(logLoss(await tfjs.predict(train.features)), reference.binary.logLoss, 1e-5);
    tfjs.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainModel for networks', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains a plain MLP on typed arrays on the CPU backends, on tfjs on a GPU', () => {
    expect(networkEngineFor('cpu')).toBe('typed-arrays');
    expect(networkEngineFor('wasm')).toBe('typed-arrays');
    expect(networkEngineFor('webgl')).toBe('tfjs');
    expect(networkEngineFor('webgpu')).toBe('tfjs');
  });

  it('says which engine trained the MLP, and keeps the embedding MLP on tfjs', async () => {
    const before = tf.memory().numTensors;
    const mlp = await trainModel({ family: 'mlp', hidden: [4], epochs: 1 }, train, options, 'cpu');
    expect(mlp.engine).toBe('typed arrays, predicts on tfjs (cpu)');
    const embedding = await trainModel(
      { family: 'embedding-mlp', hidden: [4], epochs: 1 },
      train,
      options,
      'cpu',
    );
    expect(embedding.engine).toBe('tfjs (cpu)');
    mlp.dispose();
    embedding.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
