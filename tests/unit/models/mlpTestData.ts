/** Seeded synthetic data sets for the MLP and embedding-MLP tests. */
import type { FeatureMatrix, IdColumn } from '../../../src/lib/features/featureMatrix.ts';
import type { LabelledSet } from '../../../src/lib/models/model.ts';
import { createRng } from '../../../src/lib/random.ts';

export function matrix(rows: number, cols: number, x: Float32Array, idColumns: IdColumn[] = []) {
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  const features: FeatureMatrix = { rows, cols, x, names, origins: names, idColumns };
  return features;
}

/**
 * XOR: x0, x1 uniform in [-1, 1] plus `noiseCols` uniform distractors; y = 1 when x0 * x1 > 0.
 * No linear function of the features ranks this better than chance.
 */
export function xorSet(rows: number, seed: number, noiseCols = 2): LabelledSet {
  const rng = createRng(seed);
  const cols = 2 + noiseCols;
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) x[r * cols + j] = 2 * rng.next() - 1;
    y[r] = x[r * cols]! * x[r * cols + 1]! > 0 ? 1 : 0;
  }
  return { features: matrix(rows, cols, x), y };
}

/**
 * A high-cardinality id drives the label: P(y = 1 | id) = sigmoid(2 * effect[id]) with a
 * standard normal effect per id, ids uniform in 1..vocab-1. One dense column is pure noise.
 * Returns the set and the true probabilities (the best any model can rank).
 */
export function idEffectSet(
  rows: number,
  vocabSize: number,
  seed: number,
  effects = idEffects(vocabSize, seed),
): { set: LabelledSet; truth: Float32Array } {
  const rng = createRng(seed + 1);
  const x = new Float32Array(rows);
  const ids = new Int32Array(rows);
  const y = new Float32Array(rows);
  const truth = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    x[r] = rng.normal();
    ids[r] = 1 + rng.int(vocabSize - 1);
    truth[r] = 1 / (1 + Math.exp(-2 * effects[ids[r]!]!));
    y[r] = rng.next() < truth[r]! ? 1 : 0;
  }
  const features = matrix(rows, 1, x, [{ name: 'id', ids, vocabSize }]);
  return { set: { features, y }, truth };
}

export function idEffects(vocabSize: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: vocabSize }, () => rng.normal());
}

/** P(y = 1 | x) = sigmoid(x0 - 0.5) with x0 standard normal, x1 noise; returns the set and P. */
export function noisyLogisticSet(
  rows: number,
  seed: number,
): { set: LabelledSet; truth: Float32Array } {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  const truth = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    x[2 * r] = rng.normal();
    x[2 * r + 1] = rng.normal();
    truth[r] = 1 / (1 + Math.exp(-(x[2 * r]! - 0.5)));
    y[r] = rng.next() < truth[r]! ? 1 : 0;
  }
  return { set: { features: matrix(rows, 2, x), y }, truth };
}

/** y = x0 * x1 + 0.5 x2 + 3 with x uniform in [-2, 2]: a product a linear model cannot fit. */
export function productRegressionSet(rows: number, seed: number): LabelledSet {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 3);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < 3; j++) x[r * 3 + j] = 4 * rng.next() - 2;
    y[r] = x[r * 3]! * x[r * 3 + 1]! + 0.5 * x[r * 3 + 2]! + 3;
  }
  return { features: matrix(rows, 3, x), y };
}

/** Three classes by the sign pattern of x0 and x1: (+,+) 0, (-,-) 1, mixed 2. */
export function threeClassSet(rows: number, seed: number): LabelledSet {
  const set = xorSet(rows, seed, 0);
  const x = set.features.x;
  for (let r = 0; r < rows; r++) {
    const a = x[r * 2]! > 0;
    const b = x[r * 2 + 1]! > 0;
    set.y[r] = a && b ? 0 : !a && !b ? 1 : 2;
  }
  return set;
}

export function mean(values: Float32Array): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
