import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions } from '../../../src/lib/models/model.ts';
import { TrainingDivergedError } from '../../../src/lib/models/trainingDiverged.ts';
import { xorSet } from './mlpTestData.ts';

const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 7 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('diverged training', () => {
  it('is named, with its epoch and the fix, when an MLP loss becomes NaN', async () => {
    const before = tf.memory().numTensors;
    // Plain SGD with a huge step sends the weights to infinity within an epoch.
    const fit = fitMlp(
      xorSet(400, 3),
      { hidden: [16], epochs: 5, optimizer: 'sgd', learningRate: 1e12, batchSize: 32 },
      binary,
    );
    await expect(fit).rejects.toThrow(TrainingDivergedError);
    await expect(fit).rejects.toThrow(
      /^Training diverged \(loss became NaN at epoch 1\): lower the learning rate\.$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
