import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  toXgboostJson,
  xgboostFeatureName,
  xgboostSplitValue,
} from '../../../src/lib/export/xgboostJson.ts';
import { fitGbdt } from '../../../src/lib/models/gbdt/gbdt.ts';
import type { Task } from '../../../src/lib/models/model.ts';
import { createRng } from '../../../src/lib/random.ts';
import { runPython } from '../../helpers/python.ts';
import { matrix } from '../models/gbdt/gbdtFixtures.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-xgb-'));

/** Loads MODEL.json in XGBoost 1.7 and prints its margins and predictions on features.json. */
const PREDICT = `
import json, sys
import numpy as np
import xgboost as xgb
booster = xgb.Booster()
booster.load_model(sys.argv[1])
data = json.load(open(sys.argv[2]))
x = np.array([[np.nan if v is None else v for v in row] for row in data["x"]], dtype=np.float32)
d = xgb.DMatrix(x, missing=np.nan, feature_names=booster.feature_names)
print(json.dumps({
    "margin": booster.predict(d, output_margin=True).ravel().tolist(),
    "prediction": booster.predict(d).ravel().tolist(),
    "names": booster.feature_names,
}))
`;

/** 600 rows, 5 features (two with ~15% missing), a label that needs interactions. */
function dataset(task: Task, seed: number) {
  const rows = 600;
  const cols = 5;
  const rng = createRng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) x[r * cols + c] = rng.normal();
    const z = Math.sin(2 * x[r * cols]!) + x[r * cols + 1]! * x[r * cols + 2]!;
    y[r] =
      task === 'regression'
        ? z
        : task === 'binary'
          ? Number(rng.next() < 1 / (1 + Math.exp(-z)))
          : z < -0.5
            ? 0
            : z < 0.5
              ? 1
              : 2;
    if (rng.next() < 0.15) x[r * cols] = NaN;
    if (rng.next() < 0.15) x[r * cols + 3] = NaN;
  }
  return { features: matrix(x, rows, cols), y };
}

describe('toXgboostJson', () => {
  it('writes split values that XGBoost\'s "x < c" turns into our "x <= t" for float32 x', () => {
    // The float32 values around t, walked bit by bit.
    const view = new DataView(new ArrayBuffer(4));
    const neighbours = (t: number) => {
      view.setFloat32(0, t);
      const bits = view.getInt32(0);
      return Array.from({ length: 9 }, (_, k) => {
        view.setInt32(0, bits + k - 4);
        return view.getFloat32(0);
      });
    };
    for (const t of [0.1, -0.1, 1.5, -2.75, 1e-30, 123456.789, 0.30000000000000004]) {
      const c = xgboostSplitValue(t);
      expect(Math.fround(c)).toBe(c);
      for (const x of neighbours(t)) expect(x < c, `t ${t}, x ${x}, c ${c}`).toBe(x <= t);
    }
    expect(xgboostSplitValue(Infinity)).toBe(3.4028234663852886e38);
  });

  it('names features as XGBoost accepts them', () => {
    expect(xgboostFeatureName('origin=<other>')).toBe('origin=(other)');
    expect(xgboostFeatureName('a[1]')).toBe('a(1)');
  });

  for (const task of ['binary', 'regression', 'multiclass'] as const) {
    it(`loads in xgboost 1.7 and reproduces our ${task} predictions within 1e-5`, async () => {
      const train = dataset(task, 1);
      const test = dataset(task, 2);
      const model = await fitGbdt(
        train,
        { trees: 15, maxDepth: 4, minSamplesLeaf: 5 },
        { task, numClasses: task === 'multiclass' ? 3 : task === 'binary' ? 2 : 1, seed: 3 },
      );
      const ours = await model.predict(test.features);
      const names = ['x=<a>', 'x=<b>', 'y', 'z', 'w'];
      const modelFile = join(TMP, `${task}.json`);
      const featuresFile = join(TMP, `${task}-features.json`);
      writeFileSync(modelFile, toXgboostJson(model.serialize(), names));
      const rows = Array.from({ length: test.features.rows }, (_, r) =>
        Array.from(test.features.x.subarray(r * 5, r * 5 + 5), (v) => (Number.isNaN(v) ? null : v)),
      );
      writeFileSync(featuresFile, JSON.stringify({ x: rows }));
      const out = JSON.parse(await runPython(['-c', PREDICT, modelFile, featuresFile])) as {
        prediction: number[];
        names: string[];
      };
      expect(out.names).toEqual(['x=(a)', 'x=(b)', 'y', 'z', 'w']);
      expect(out.prediction).toHaveLength(ours.length);
      let worst = 0;
      for (let i = 0; i < ours.length; i++)
        worst = Math.max(worst, Math.abs(out.prediction[i]! - ours[i]!));
      expect(worst).toBeLessThan(1e-5);
      // Not a constant model: the trees split.
      expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(0.1);
    });
  }

  it('refuses a model that is not gradient-boosted trees', () => {
    expect(() => toXgboostJson({ family: 'logistic', task: 'binary', state: {} }, [])).toThrow(
      /gbdt/,
    );
  });
});
