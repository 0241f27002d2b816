import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../../src/lib/models/gbdt/gbdt.ts';
import type { LabelledSet, Task } from '../../../../src/lib/models/model.ts';
import { createRng } from '../../../../src/lib/random.ts';
import { matrix } from './gbdtFixtures.ts';

/** Rows of 5 normal features (some missing) with a label of `classes` values from a noisy rule. */
function noisySet(rows: number, classes: number): LabelledSet {
  const rng = createRng(11);
  const x = new Float32Array(rows * 5);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < 5; c++) x[r * 5 + c] = rng.next() < 0.05 ? NaN : rng.normal();
    const z = Math.sin(2 * (x[r * 5] || 0)) + (x[r * 5 + 1] || 0) * (x[r * 5 + 2] || 0);
    y[r] = Math.min(
      classes - 1,
      Math.floor(classes * rng.next() * (1 / (1 + Math.exp(-z)) + 0.5) * 0.67),
    );
  }
  return { features: matrix(x, rows, 5), y };
}

describe('GbdtModel.firstRounds (staged prediction)', () => {
  // Row and column subsampling draw from the seeded generator every round: a prefix is only equal
  // to a shorter fit if the draws of the first rounds do not depend on the total.
  const params = { maxDepth: 4, rowSubsample: 0.8, colSubsample: 0.6, learningRate: 0.2 };

  it.each([
    ['binary', 2],
    ['multiclass', 3],
  ] as const)('equals a separate %s fit with fewer trees, exactly', async (task: Task, classes) => {
    const train = noisySet(1500, classes);
    const options = { task, numClasses: classes, seed: 5 };
    const full = await fitGbdt(train, { ...params, trees: 30 }, options);
    for (const trees of [1, 7, 20, 30]) {
      const separate = await fitGbdt(train, { ...params, trees }, options);
      const staged = full.firstRounds(trees);
      expect(await staged.predict(train.features)).toEqual(await separate.predict(train.features));
      expect(staged.size()).toEqual(separate.size());
      expect(staged.serialize()).toEqual(separate.serialize());
    }
  });
});
