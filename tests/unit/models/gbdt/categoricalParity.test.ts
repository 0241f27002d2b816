import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../../src/lib/models/gbdt/gbdt.ts';
import { loadGbdt } from '../../../../src/lib/models/gbdt/gbdtModel.ts';
import { logLoss, readCsvSplit, rocAuc } from './gbdtFixtures.ts';

/** tests/fixtures/gbdt/categorical.json, written by scripts/fixtures/gbdtCategorical.py. */
const ref = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../fixtures/gbdt/categorical.json', import.meta.url)),
    'utf8',
  ),
) as {
  file: string;
  trainRows: number;
  categories: number[];
  testAuc: number;
  testLogLoss: number;
};

// The parameters the script gives HistGradientBoostingClassifier.
const PARAMS = { trees: 200, maxDepth: 6, learningRate: 0.1, minSamplesLeaf: 20, maxBins: 255 };
const BINARY = { task: 'binary', numClasses: 2, seed: 1 } as const;

describe('native categorical splits against HistGradientBoosting(categorical_features=...)', () => {
  const { train, test } = readCsvSplit(ref.file, ref.trainRows);
  const categories = Int32Array.from(ref.categories);
  const native = { ...train, features: { ...train.features, categories } };

  it('reach its test AUC within 0.002 on 5-, 200- and 1,000-level columns', async () => {
    const model = await fitGbdt(native, PARAMS, BINARY);
    const p = await model.predict({ ...test.features, categories });
    expect(Math.abs(rocAuc(test.y, p) - ref.testAuc)).toBeLessThan(0.002);
    expect(Math.abs(logLoss(test.y, p) - ref.testLogLoss)).toBeLessThan(0.002);

    // The same codes read as ordered numbers are a worse model: the sets are doing the work.
    const ordinal = await fitGbdt(train, PARAMS, BINARY);
    expect(rocAuc(test.y, await ordinal.predict(test.features))).toBeLessThan(
      rocAuc(test.y, p) - 0.005,
    );

    // Category sets survive serialize and load.
    const loaded = loadGbdt(JSON.parse(JSON.stringify(model.serialize())));
    expect(await loaded.predict(test.features)).toEqual(p);
  });

  it('sends a missing or unseen code where the split says, and codes past 255 with the last', async () => {
    const model = await fitGbdt(native, { ...PARAMS, trees: 5 }, BINARY);
    const row = Float32Array.from(test.features.x.subarray(0, 6));
    const at = (code: number) => {
      row[5] = code;
      return model.predictRow(row, new Int32Array(0))[0]!;
    };
    // The trees do split on this column's codes (else the checks below could not fail).
    expect(new Set(Array.from({ length: 30 }, (_, code) => at(code))).size).toBeGreaterThan(1);
    // Not an integer >= 0: missing, like NaN.
    expect(at(-1)).toBe(at(NaN));
    expect(at(2.5)).toBe(at(NaN));
    expect(at(1e6)).toBe(at(255));
  });
});
