import { describe, expect, it } from 'vitest';
import { fitLogistic, loadLogistic } from '../../../src/lib/models/logistic.ts';
import { denseMatrix } from '../../helpers/matrix.ts';
import { expectNear } from '../../helpers/tolerance.ts';
import reference from '../../fixtures/logistic/reference.json';

const features = denseMatrix(reference.X);
const fitOptions = { seed: 1 } as const;
/**
 * L-BFGS stops once an iteration lowers the objective by less than 2.2e-9 of it, as scikit-learn's
 * lbfgs does; the fixture was fitted to tol=1e-10, so coefficients agree to about 1e-4.
 */
const COEF_TOLERANCE = 1e-3;

function logLoss(y: number[], p: Float32Array, k: number): number {
  let total = 0;
  y.forEach((label, i) => {
    const pTrue = k === 1 ? (label === 1 ? p[i]! : 1 - p[i]!) : p[i * k + label]!;
    total -= Math.log(Math.max(1e-15, pTrue));
  });
  return total / y.length;
}

describe('fitLogistic', () => {
  it("reaches scikit-learn's binary coefficients and log loss", async () => {
    const { y, l2, coef, intercept } = reference.binary;
    const model = await fitLogistic(
      { features, y: Float32Array.from(y) },
      { l2 },
      { ...fitOptions, task: 'binary', numClasses: 2 },
    );
    coef.forEach((c, j) => expectNear(model.weights[j], c, COEF_TOLERANCE));
    expectNear(model.bias[0], intercept, COEF_TOLERANCE);
    const p = await model.predict(features);
    expect(logLoss(y, p, 1)).toBeCloseTo(reference.binary.logLoss, 6);
  });

  it("reaches scikit-learn's multinomial coefficients up to the softmax's free constant", async () => {
    const { y, l2, coef, intercept } = reference.multiclass;
    const model = await fitLogistic(
      { features, y: Float32Array.from(y) },
      { l2 },
      { ...fitOptions, task: 'multiclass', numClasses: 3 },
    );
    coef.forEach((row, c) =>
      row.forEach((v, j) => expectNear(model.weights[j * 3 + c], v, COEF_TOLERANCE)),
    );
    const centre = (a: ArrayLike<number>) => {
      const mean = (a[0]! + a[1]! + a[2]!) / 3;
      return [a[0]! - mean, a[1]! - mean, a[2]! - mean];
    };
    centre(model.bias).forEach((b, c) => expectNear(b, centre(intercept)[c]!, COEF_TOLERANCE));
    const p = await model.predict(features);
    expect(logLoss(y, p, 3)).toBeCloseTo(reference.multiclass.logLoss, 6);
  });

  it("reaches scikit-learn's ridge coefficients for regression", async () => {
    const { y, l2, coef, intercept } = reference.regression;
    const model = await fitLogistic(
      { features, y: Float32Array.from(y) },
      { l2 },
      { ...fitOptions, task: 'regression', numClasses: 1 },
    );
    coef.forEach((c, j) => expectNear(model.weights[j], c, COEF_TOLERANCE));
    expectNear(model.bias[0], intercept, COEF_TOLERANCE);
  });

  it('honours sample weights: upweighting positives raises the mean prediction', async () => {
    const y = Float32Array.from(reference.binary.y);
    const options = { ...fitOptions, task: 'binary', numClasses: 2 } as const;
    const plain = await fitLogistic({ features, y }, {}, options);
    const weights = y.map((label) => (label === 1 ? 10 : 1));
    const weighted = await fitLogistic({ features, y, weights }, {}, options);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(await weighted.predict(features))).toBeGreaterThan(
      mean(await plain.predict(features)) + 0.1,
    );
  });

  it('predicts one row as the batch does, and round-trips through serialize', async () => {
    const model = await fitLogistic(
      { features, y: Float32Array.from(reference.binary.y) },
      { maxIterations: 2 },
      { ...fitOptions, task: 'binary', numClasses: 2 },
    );
    const batch = await model.predict(features);
    const row = features.x.subarray(5 * features.cols, 6 * features.cols);
    expect(model.predictRow(row)[0]).toBe(batch[5]);
    const loaded = loadLogistic(JSON.parse(JSON.stringify(model.serialize())));
    expect(await loaded.predict(features)).toEqual(batch);
    expect(model.size()).toMatchObject({ parameters: 7, bytes: 28 });
  });

  it('is deterministic and reports progress once per L-BFGS iteration', async () => {
    const steps: number[] = [];
    const fit = () =>
      fitLogistic(
        { features, y: Float32Array.from(reference.binary.y) },
        { maxIterations: 3 },
        {
          ...fitOptions,
          task: 'binary',
          numClasses: 2,
          onProgress: (progress) => steps.push(progress.step),
        },
      );
    const [a, b] = [await fit(), await fit()];
    expect(a.weights).toEqual(b.weights);
    expect(steps).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('stops with a CancelledError when its signal aborts', async () => {
    const controller = new AbortController();
    const run = fitLogistic(
      { features, y: Float32Array.from(reference.binary.y) },
      {},
      {
        ...fitOptions,
        task: 'binary',
        numClasses: 2,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    await expect(run).rejects.toThrow('Cancelled');
  });
});
