import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../../src/lib/experiment/trainModel.ts';
import reference from '../../fixtures/logistic/reference.json';
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

  it("trains the same linear model with tfjs on request, reaching scikit-learn's log loss", async () => {
    const before = tf.memory().numTensors;
    const config = {
      family: 'logistic',
      solver: 'tfjs',
      l2: reference.binary.l2,
      epochs: 40,
    } as const;
    const model = await trainModel(config, train, options, 'cpu');
    expect(model.engine).toBe('tfjs (cpu)');
    expect(model.size().parameters).toBe(7);
    expect(
      Math.abs(logLoss(await model.predict(train.features)) - reference.binary.logLoss),
    ).toBeLessThan(0.005);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
