import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../../src/lib/models/gbdt/gbdt.ts';
import { logLoss, readCsvSplit, readReference, rocAuc } from './gbdtFixtures.ts';

// The parameters scripts/fixtures/gbdt.py gives scikit-learn's HistGradientBoosting*.
const PARAMS = {
  trees: 100,
  maxDepth: 6,
  learningRate: 0.1,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
};
const ref = readReference();

describe('fitGbdt against scikit-learn HistGradientBoosting', () => {
  it('reaches the test AUC and log loss of HistGradientBoostingClassifier (binary, NaN in 4 features)', async () => {
    const { train, test } = readCsvSplit(ref.binary.file, ref.binary.trainRows);
    const model = await fitGbdt(train, PARAMS, { task: 'binary', numClasses: 2, seed: 1 });
    const p = await model.predict(test.features);
    expect(Math.abs(rocAuc(test.y, p) - ref.binary.testAuc)).toBeLessThan(0.01);
    expect(Math.abs(logLoss(test.y, p) - ref.binary.testLogLoss)).toBeLessThan(0.005);
  });

  it('reaches the test RMSE and R^2 of HistGradientBoostingRegressor', async () => {
    const { train, test } = readCsvSplit(ref.regression.file, ref.regression.trainRows);
    const model = await fitGbdt(train, PARAMS, { task: 'regression', numClasses: 1, seed: 1 });
    const pred = await model.predict(test.features);
    let sse = 0;
    let mean = 0;
    for (let i = 0; i < test.y.length; i++) mean += test.y[i]! / test.y.length;
    let sst = 0;
    for (let i = 0; i < test.y.length; i++) {
      sse += (pred[i]! - test.y[i]!) ** 2;
      sst += (test.y[i]! - mean) ** 2;
    }
    const rmse = Math.sqrt(sse / test.y.length);
    expect(Math.abs(rmse / ref.regression.testRmse - 1)).toBeLessThan(0.01);
    expect(Math.abs(1 - sse / sst - ref.regression.testR2)).toBeLessThan(0.005);
  });

  it('reaches the test accuracy and log loss of HistGradientBoostingClassifier (3 classes)', async () => {
    const { train, test } = readCsvSplit(ref.multiclass.file, ref.multiclass.trainRows);
    const k = ref.multiclass.classes;
    const model = await fitGbdt(train, PARAMS, { task: 'multiclass', numClasses: k, seed: 1 });
    expect(model.outputs).toBe(k);
    expect(model.treeCount).toBe(PARAMS.trees * k);
    const proba = await model.predict(test.features);
    let correct = 0;
    let loss = 0;
    for (let r = 0; r < test.y.length; r++) {
      const row = proba.subarray(r * k, (r + 1) * k);
      const best = row.indexOf(Math.max(...row));
      if (best === test.y[r]) correct++;
      loss -= Math.log(Math.max(1e-15, row[test.y[r]!]!));
    }
    expect(Math.abs(correct / test.y.length - ref.multiclass.testAccuracy)).toBeLessThan(0.02);
    expect(Math.abs(loss / test.y.length - ref.multiclass.testLogLoss)).toBeLessThan(0.02);
  });
});
