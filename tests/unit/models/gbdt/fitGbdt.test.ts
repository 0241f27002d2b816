import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../../src/lib/abort.ts';
import { fitGbdt, loadGbdt } from '../../../../src/lib/models/gbdt/gbdt.ts';
import type { LabelledSet, TrainProgress } from '../../../../src/lib/models/model.ts';
import { createRng } from '../../../../src/lib/random.ts';
import { matrix, rocAuc } from './gbdtFixtures.ts';

const BINARY = { task: 'binary', numClasses: 2 } as const;

/** y ~ Bernoulli(sigmoid(2 sin(2 x0) + x1 x2 - x3)); x0 and x1 are missing in ~10% of rows. */
function nonLinearSet(rows: number, seed: number): LabelledSet {
  const cols = 6;
  const rng = createRng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) x[o + c] = rng.normal();
    const z = 2 * Math.sin(2 * x[o]!) + x[o + 1]! * x[o + 2]! - x[o + 3]!;
    y[r] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    if (rng.next() < 0.1) x[o] = NaN;
    if (rng.next() < 0.1) x[o + 1] = NaN;
  }
  return { features: matrix(x, rows, cols), y };
}

/**
 * Only missingness carries signal: P(x0 missing | y = 1) = 0.8, P(x0 missing | y = 0) = 0.2,
 * balanced classes. Bayes: P(y = 1 | missing) = 0.8, P(y = 1 | present) = 0.2, AUC = 0.8.
 */
function missingnessSet(rows: number, seed: number): LabelledSet {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    y[r] = rng.next() < 0.5 ? 1 : 0;
    x[r * 2] = rng.next() < (y[r] === 1 ? 0.8 : 0.2) ? NaN : rng.normal();
    x[r * 2 + 1] = rng.normal();
  }
  return { features: matrix(x, rows, 2), y };
}

function meanWhere(p: Float32Array, keep: (i: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    if (!keep(i)) continue;
    sum += p[i]!;
    n++;
  }
  return sum / n;
}

describe('fitGbdt', () => {
  it('learns a feature that is informative only through its missingness (Bayes rates 0.8 / 0.2)', async () => {
    const train = missingnessSet(4000, 1);
    const test = missingnessSet(4000, 2);
    const model = await fitGbdt(train, { trees: 30 }, { ...BINARY, seed: 1 });
    const p = await model.predict(test.features);
    const x = test.features.x;
    expect(meanWhere(p, (i) => Number.isNaN(x[i * 2]!))).toBeCloseTo(0.8, 1);
    expect(meanWhere(p, (i) => !Number.isNaN(x[i * 2]!))).toBeCloseTo(0.2, 1);
    expect(rocAuc(test.y, p)).toBeGreaterThan(0.78);
  });

  it('sends a NaN unseen in training to the child with more training rows', async () => {
    // One stump on x ~ U(0, 1) with y = [x > 0.7]: the left child (x <= 0.7) has 70% of rows.
    const rows = 1000;
    const x = Float32Array.from({ length: rows }, (_, i) => (i + 0.5) / rows);
    const y = x.map((v) => (v > 0.7 ? 1 : 0));
    const model = await fitGbdt(
      { features: matrix(x, rows, 1), y },
      { trees: 1, maxDepth: 1 },
      { ...BINARY, seed: 1 },
    );
    const none = new Int32Array(0);
    const atNaN = model.predictRow(Float32Array.of(NaN), none)[0]!;
    expect(atNaN).toBe(model.predictRow(Float32Array.of(0.1), none)[0]!);
    expect(atNaN).toBeLessThan(model.predictRow(Float32Array.of(0.9), none)[0]!);
  });

  it('gives identical predictions for one seed with row and column subsampling', async () => {
    const train = nonLinearSet(3000, 3);
    const params = { trees: 20, rowSubsample: 0.7, colSubsample: 0.5 };
    const a = await fitGbdt(train, params, { ...BINARY, seed: 9 });
    const b = await fitGbdt(train, params, { ...BINARY, seed: 9 });
    const c = await fitGbdt(train, params, { ...BINARY, seed: 10 });
    const pa = await a.predict(train.features);
    expect(await b.predict(train.features)).toEqual(pa);
    expect(await c.predict(train.features)).not.toEqual(pa);
  });

  it('round-trips through serialize, JSON and loadGbdt with identical predictions', async () => {
    const train = nonLinearSet(3000, 4);
    const model = await fitGbdt(
      train,
      { trees: 15 },
      { task: 'multiclass', numClasses: 3, seed: 1 },
    );
    const relabelled = { ...train, y: train.y.map((v, i) => (i % 3 === 0 ? 2 : v)) };
    const multi = await fitGbdt(
      relabelled,
      { trees: 15 },
      { task: 'multiclass', numClasses: 3, seed: 1 },
    );
    for (const m of [model, multi]) {
      const loaded = loadGbdt(JSON.parse(JSON.stringify(m.serialize())));
      expect(loaded.task).toBe('multiclass');
      expect(loaded.size()).toEqual(m.size());
      expect(await loaded.predict(train.features)).toEqual(await m.predict(train.features));
    }
    const binary = await fitGbdt(train, { trees: 15 }, { ...BINARY, seed: 1 });
    const loaded = loadGbdt(JSON.parse(JSON.stringify(binary.serialize())));
    expect(await loaded.predict(train.features)).toEqual(await binary.predict(train.features));
  });

  it('predictRow matches predict, and multi-class rows are probability vectors', async () => {
    const train = nonLinearSet(2000, 5);
    const y = train.y.map((v, i) => (i % 4 === 0 ? 2 : v));
    const model = await fitGbdt(
      { ...train, y },
      { trees: 10 },
      { task: 'multiclass', numClasses: 3, seed: 1 },
    );
    const all = await model.predict(train.features);
    const cols = train.features.cols;
    for (const r of [0, 7, 1999]) {
      const row = train.features.x.slice(r * cols, (r + 1) * cols);
      const p = model.predictRow(row, new Int32Array(0));
      expect(p).toEqual(all.slice(r * 3, r * 3 + 3));
      expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 6);
    }
  });

  it('lowers the training loss below the prior entropy and keeps lowering it', async () => {
    const train = nonLinearSet(4000, 6);
    const progress: TrainProgress[] = [];
    await fitGbdt(
      train,
      { trees: 50 },
      { ...BINARY, seed: 1, onProgress: (p) => progress.push(p) },
    );
    expect(progress.map((p) => p.step)).toEqual([10, 20, 30, 40, 50]);
    let b = 0;
    for (const v of train.y) b += v / train.y.length;
    const priorEntropy = -(b * Math.log(b) + (1 - b) * Math.log(1 - b));
    expect(progress[0]!.trainLoss).toBeLessThan(priorEntropy);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.trainLoss).toBeLessThan(progress[i - 1]!.trainLoss);
    }
    expect(progress.every((p) => p.total === 50 && p.rowsPerSec > 0)).toBe(true);
  });

  it('honours sample weights: positives weighted x10 match the weighted base rate', async () => {
    const train = nonLinearSet(4000, 7);
    const weights = train.y.map((v) => (v === 1 ? 10 : 1));
    const plain = await fitGbdt(train, { trees: 30 }, { ...BINARY, seed: 1 });
    const weighted = await fitGbdt({ ...train, weights }, { trees: 30 }, { ...BINARY, seed: 1 });
    const p0 = await plain.predict(train.features);
    const p1 = await weighted.predict(train.features);
    const all = () => true;
    expect(meanWhere(p1, all)).toBeGreaterThan(meanWhere(p0, all) + 0.1);
    // Logistic loss with an intercept fits sum w (p - y) = 0: weighted means agree.
    let wp = 0;
    let wy = 0;
    let w = 0;
    for (let i = 0; i < p1.length; i++) {
      wp += weights[i]! * p1[i]!;
      wy += weights[i]! * train.y[i]!;
      w += weights[i]!;
    }
    expect(wp / w).toBeCloseTo(wy / w, 2);
  });

  it('throws CancelledError when aborted mid-fit', async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    const fit = fitGbdt(
      nonLinearSet(2000, 8),
      { trees: 100 },
      {
        ...BINARY,
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => {
          steps.push(p.step);
          if (p.step === 10) controller.abort();
        },
      },
    );
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    expect(steps).toEqual([10]);
  });

  it('yields to the event loop, so an abort from a timer stops a long fit', async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    setTimeout(() => controller.abort(), 20);
    const fit = fitGbdt(
      nonLinearSet(20_000, 12),
      { trees: 2000 },
      {
        ...BINARY,
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => steps.push(p.step),
      },
    );
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    expect(steps.length).toBeLessThan(200);
  });

  it('stops early on the validation loss and keeps the best round', async () => {
    const train = nonLinearSet(2000, 9);
    const validation = nonLinearSet(2000, 10);
    const progress: TrainProgress[] = [];
    const model = await fitGbdt(
      train,
      { trees: 300, learningRate: 0.5, minSamplesLeaf: 5, earlyStoppingRounds: 5 },
      { ...BINARY, seed: 1, validation, onProgress: (p) => progress.push(p) },
    );
    const last = progress[progress.length - 1]!;
    expect(last.step).toBeLessThan(300);
    expect(model.treeCount).toBe(last.step - 5);
    // The kept model's validation loss is the best of the curve.
    const p = await model.predict(validation.features);
    let loss = 0;
    for (let i = 0; i < p.length; i++) {
      loss -= validation.y[i] === 1 ? Math.log(p[i]!) : Math.log(1 - p[i]!);
    }
    loss /= p.length;
    for (const r of progress) expect(loss).toBeLessThanOrEqual(r.validationLoss! + 1e-6);
  });

  it('shrinks leaf values by l2 and honours minSamplesLeaf (values worked by hand)', async () => {
    // y = [x > 0.5] on 100 rows: mean 0.5, residual gradients +0.5 left and -0.5 right, so with
    // learning rate 1 a leaf's value is -G / (H + l2) = -/+ 25 / (50 + l2).
    const rows = 100;
    const x = Float32Array.from({ length: rows }, (_, i) => (i + 0.5) / rows);
    const set = { features: matrix(x, rows, 1), y: x.map((v) => (v > 0.5 ? 1 : 0)) };
    const options = { task: 'regression', numClasses: 1, seed: 1 } as const;
    const stump = { trees: 1, maxDepth: 1, learningRate: 1, minSamplesLeaf: 10 };
    const none = new Int32Array(0);
    const at = async (params: object, v: number) =>
      (await fitGbdt(set, { ...stump, ...params }, options)).predictRow(
        Float32Array.of(v),
        none,
      )[0]!;
    expect(await at({ l2: 0 }, 0.1)).toBeCloseTo(0, 6);
    expect(await at({ l2: 0 }, 0.9)).toBeCloseTo(1, 6);
    expect(await at({ l2: 50 }, 0.1)).toBeCloseTo(0.25, 6);
    expect(await at({ l2: 50 }, 0.9)).toBeCloseTo(0.75, 6);
    // Any split leaves one side with at most 50 rows: no split, the prior (the mean) everywhere.
    expect(await at({ minSamplesLeaf: 51 }, 0.1)).toBeCloseTo(0.5, 6);
  });

  it('rejects labels that are not class indices', async () => {
    const set = { features: matrix(Float32Array.of(1, 2), 2, 1), y: Float32Array.of(0, 2) };
    await expect(fitGbdt(set, {}, { ...BINARY, seed: 1 })).rejects.toThrow(RangeError);
  });

  it('reports its size: 2 values per split, 1 per leaf, plus the prior', async () => {
    const rows = 1000;
    const x = Float32Array.from({ length: rows }, (_, i) => i);
    const y = x.map((v) => (v >= 500 ? 1 : 0));
    const stump = await fitGbdt(
      { features: matrix(x, rows, 1), y },
      { trees: 1, maxDepth: 1 },
      { ...BINARY, seed: 1 },
    );
    expect(stump.size()).toEqual({
      parameters: 5,
      bytes: 20,
      description: '1 trees x 2 leaves (max depth 1)',
    });
    expect(stump.engine).toBe('typed arrays');

    const capped = await fitGbdt(
      nonLinearSet(4000, 11),
      { trees: 5, maxDepth: 6, maxLeaves: 10 },
      { ...BINARY, seed: 1 },
    );
    // Depth-wise: 8 leaves at depth 3, then the 2 best of the 8 depth-3 splits.
    expect(capped.size().description).toBe('5 trees x 10 leaves (max depth 4)');
  });
});
