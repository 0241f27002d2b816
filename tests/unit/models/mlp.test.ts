import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { multiclassMetrics } from '../../../src/lib/metrics/multiclass.ts';
import { regressionMetrics } from '../../../src/lib/metrics/regression.ts';
import { fitLogistic } from '../../../src/lib/models/logistic.ts';
import { fitMlp, loadMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions, TrainProgress } from '../../../src/lib/models/model.ts';
import { expectNear } from '../../helpers/tolerance.ts';
import {
  matrix,
  mean,
  noisyLogisticSet,
  productRegressionSet,
  threeClassSet,
  xorSet,
} from './mlpTestData.ts';

const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 7 };
/** Small and quick: the tests check behaviour, not the default size. */
const small = { hidden: [16, 16], epochs: 25, learningRate: 0.01, batchSize: 64 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fitMlp', () => {
  it('predicts one probability in [0, 1] per row for binary and names the backend', async () => {
    const train = xorSet(300, 1);
    const model = await fitMlp(train, { ...small, epochs: 2 }, binary);
    const p = await model.predict(train.features);
    expect(p).toHaveLength(300);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(model.outputs).toBe(1);
    expect(model.engine).toBe('tfjs (cpu)');
    model.dispose();
  });

  it('predicts K class probabilities summing to 1 per row for multi-class', async () => {
    const train = threeClassSet(2000, 2);
    const options: FitOptions = { task: 'multiclass', numClasses: 3, seed: 3 };
    const model = await fitMlp(train, small, options);
    const p = await model.predict(train.features);
    expect(p).toHaveLength(2000 * 3);
    for (let r = 0; r < 2000; r++)
      expect(p[3 * r]! + p[3 * r + 1]! + p[3 * r + 2]!).toBeCloseTo(1, 5);
    expect(multiclassMetrics(train.y, p, 3).accuracy).toBeGreaterThan(0.9);
    model.dispose();
  });

  it('fits y = x0 x1 + 0.5 x2 + 3 in target units (R^2 > 0.9)', async () => {
    const train = productRegressionSet(2000, 4);
    const test = productRegressionSet(1000, 5);
    const model = await fitMlp(train, small, { task: 'regression', numClasses: 1, seed: 1 });
    const p = await model.predict(test.features);
    expect(p).toHaveLength(1000);
    expect(regressionMetrics(test.y, p).r2).toBeGreaterThan(0.9);
    model.dispose();
  });

  it('lowers the training loss from the first epoch to the last and reports every epoch', async () => {
    const progress: TrainProgress[] = [];
    const validation = xorSet(500, 9);
    const model = await fitMlp(xorSet(2000, 1), small, {
      ...binary,
      validation,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 25 && p.rowsPerSec > 0)).toBe(true);
    const first = progress[0]!;
    const last = progress.at(-1)!;
    expect(last.trainLoss).toBeLessThan(first.trainLoss * 0.5);
    expect(last.validationLoss).toBeLessThan(first.validationLoss! * 0.5);
    // The reported validation loss is the log loss of the final predictions.
    const p = await model.predict(validation.features);
    const metrics = binaryMetrics(validation.y, p);
    expect(last.validationLoss).toBeCloseTo(metrics.logLoss!, 4);
    model.dispose();
  });

  it('learns XOR where logistic regression cannot: test AUC gap above 0.4', async () => {
    const train = xorSet(2000, 1);
    const test = xorSet(1000, 2);
    const mlp = await fitMlp(train, small, binary);
    const linear = await fitLogistic(train, {}, binary);
    const mlpAuc = binaryMetrics(test.y, await mlp.predict(test.features)).rocAuc!;
    const linearAuc = binaryMetrics(test.y, await linear.predict(test.features)).rocAuc!;
    expect(mlpAuc, `MLP AUC ${mlpAuc}`).toBeGreaterThan(0.95);
    expect(mlpAuc - linearAuc, `AUC gap ${mlpAuc - linearAuc}`).toBeGreaterThan(0.4);
    mlp.dispose();
  });

  it('raises the mean prediction to the weighted odds when positives are weighted 4x', async () => {
    const { set: train, truth } = noisyLogisticSet(3000, 3);
    const weights = train.y.map((y) => (y === 1 ? 4 : 1));
    const params = { ...small, epochs: 5 };
    const plain = await fitMlp(train, params, binary);
    const weighted = await fitMlp({ ...train, weights }, params, binary);
    const plainMean = mean(await plain.predict(train.features));
    const weightedMean = mean(await weighted.predict(train.features));
    // The weighted loss is minimised at odds 4 p / (1 - p): q = 4p / (4p + 1 - p).
    const expected = mean(truth.map((p) => (4 * p) / (3 * p + 1)));
    expectNear(plainMean, mean(truth), 0.03);
    expectNear(weightedMean, expected, 0.03);
    expect(weightedMean - plainMean).toBeGreaterThan(0.15);
    plain.dispose();
    weighted.dispose();
  });

  it('gives identical predictions for the same seed and different ones for another seed', async () => {
    const train = xorSet(500, 4);
    const params = { ...small, epochs: 3, dropout: 0.2, l2: 1e-3 };
    const runs = await Promise.all(
      [7, 7, 8].map((seed) => fitMlp(train, params, { ...binary, seed })),
    );
    const [a, b, c] = await Promise.all(runs.map((m) => m.predict(train.features)));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    runs.forEach((m) => m.dispose());
  });

  it('round-trips serialize and load to identical predictions, through JSON', async () => {
    const train = xorSet(500, 5);
    const model = await fitMlp(train, { ...small, epochs: 2, activation: 'gelu' }, binary);
    const restored = loadMlp(JSON.parse(JSON.stringify(model.serialize())));
    expect(await restored.predict(train.features)).toEqual(await model.predict(train.features));
    expect(restored.size()).toEqual(model.size());
    expect(() => loadMlp({ ...model.serialize(), family: 'logistic' })).toThrow(/mlp/);
    model.dispose();
    restored.dispose();
  });

  it('predictRow returns the same values as predict for that row, as a fresh array', async () => {
    const train = threeClassSet(400, 6);
    const model = await fitMlp(
      train,
      { ...small, epochs: 1, activation: 'tanh' },
      {
        task: 'multiclass',
        numClasses: 3,
        seed: 1,
      },
    );
    const all = await model.predict(train.features);
    for (const r of [0, 17, 399]) {
      const row = await model.predictRow(
        train.features.x.slice(2 * r, 2 * r + 2),
        new Int32Array(0),
      );
      expect(Array.from(row)).toEqual(Array.from(all.subarray(3 * r, 3 * r + 3)));
    }
    model.dispose();
  });

  it('reports 6,209 float32 parameters for 30-64-64-1 (30*64+64 + 64*64+64 + 64+1)', async () => {
    const rows = 64;
    const train = {
      features: matrix(rows, 30, new Float32Array(rows * 30)),
      y: new Float32Array(rows),
    };
    const model = await fitMlp(train, { epochs: 0 }, binary);
    expect(model.size()).toEqual({ parameters: 6209, bytes: 6209 * 4, description: '30-64-64-1' });
    expect(model.family).toBe('mlp');
    model.dispose();
  });

  it('stops early and restores the weights of the best validation epoch', async () => {
    const progress: TrainProgress[] = [];
    const train = xorSet(200, 7, 20);
    const validation = xorSet(200, 8, 20);
    // Few rows, many distractors, a large step: the validation loss turns up quickly.
    const model = await fitMlp(
      train,
      { hidden: [64, 64], epochs: 60, learningRate: 0.03, batchSize: 32, earlyStoppingPatience: 3 },
      { ...binary, validation, onProgress: (p) => progress.push(p) },
    );
    expect(progress.length).toBeLessThan(60);
    const losses = progress.map((p) => p.validationLoss!);
    const best = Math.min(...losses);
    expect(losses.indexOf(best)).toBe(progress.length - 4);
    const p = await model.predict(validation.features);
    expect(binaryMetrics(validation.y, p).logLoss).toBeCloseTo(best, 4);
    model.dispose();
  });

  it('rejects labels that are not class indices and mismatched inputs', async () => {
    const train = xorSet(10, 1);
    await expect(fitMlp({ ...train, y: train.y.map(() => 2) }, small, binary)).rejects.toThrow(
      /label 2/,
    );
    const model = await fitMlp(train, { ...small, epochs: 0 }, binary);
    await expect(model.predict(matrix(1, 3, new Float32Array(3)))).rejects.toThrow(/4 dense/);
    model.dispose();
  });
});
