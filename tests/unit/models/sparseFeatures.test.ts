import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../../src/lib/models/logistic.ts';
import { createRng } from '../../../src/lib/random.ts';
import * as tf from '../../../src/lib/tfjsCore.ts';
import { BatchBuffers, disposeBatch } from '../../../src/lib/models/tfjs/batchBuffers.ts';
import { DenseNetwork } from '../../../src/lib/models/tfjs/denseNetwork.ts';
import type { FeatureMatrix } from '../../../src/lib/features/featureMatrix.ts';
import { asSparse, denseMatrix } from '../../helpers/matrix.ts';

/**
 * Sparse rows (CSR) and dense cells are two layouts of the same numbers: every model that takes
 * both must give the same fit and the same outputs from either. Rows: two numeric features and a
 * 3-level one-hot, so over a quarter of the cells are non-zero and the dense path really loops
 * over cells (below that share it copies to CSR itself).
 */
function mixedRows(n: number, seed: number): { features: FeatureMatrix; y: Float32Array } {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1;
    const b = rng.next() < 0.3 ? 0 : 2 * rng.next() - 1;
    const level = Math.floor(rng.next() * 3);
    rows.push([a, b, level === 0 ? 1 : 0, level === 1 ? 1 : 0, level === 2 ? 1 : 0]);
    y[i] = rng.next() < 1 / (1 + Math.exp(-(1.5 * a - b + level - 1))) ? 1 : 0;
  }
  return { features: denseMatrix(rows), y };
}

describe('sparse rows against dense cells', () => {
  it('give logistic regression the same loss curve, coefficients and predictions (1e-9)', async () => {
    const { features, y } = mixedRows(400, 3);
    const losses = (curve: number[]) => (p: { trainLoss: number }) => curve.push(p.trainLoss);
    const denseCurve: number[] = [];
    const sparseCurve: number[] = [];
    const options = { task: 'binary', numClasses: 2, seed: 1 } as const;
    const dense = await fitLogistic(
      { features, y },
      { l2: 1e-3 },
      {
        ...options,
        onProgress: losses(denseCurve),
      },
    );
    const sparse = await fitLogistic(
      { features: asSparse(features), y },
      { l2: 1e-3 },
      {
        ...options,
        onProgress: losses(sparseCurve),
      },
    );
    expect(sparseCurve.length).toBe(denseCurve.length);
    sparseCurve.forEach((loss, i) => expect(Math.abs(loss - denseCurve[i]!)).toBeLessThan(1e-9));
    sparse.weights.forEach((w, j) => expect(Math.abs(w - dense.weights[j]!)).toBeLessThan(1e-9));
    expect(Math.abs(sparse.bias[0]! - dense.bias[0]!)).toBeLessThan(1e-9);
    const pDense = await dense.predict(features);
    const pSparse = await sparse.predict(asSparse(features));
    pSparse.forEach((p, i) => expect(Math.abs(p - pDense[i]!)).toBeLessThan(1e-6));
  });

  it('give weighted rows (some weights 0) and regression the same logistic fit (1e-9)', async () => {
    const { features, y } = mixedRows(300, 7);
    const weights = Float32Array.from(y, (_, i) => [0, 0.5, 1, 2][i % 4]!);
    const target = Float32Array.from(y, (v, i) => v + features.x[i * 5]!);
    for (const [task, labels] of [
      ['binary', y],
      ['regression', target],
    ] as const) {
      const options = { task, numClasses: task === 'binary' ? 2 : 0, seed: 1 } as const;
      const dense = await fitLogistic({ features, y: labels, weights }, { l2: 1e-3 }, options);
      const sparse = await fitLogistic(
        { features: asSparse(features), y: labels, weights },
        { l2: 1e-3 },
        options,
      );
      sparse.weights.forEach((w, j) => expect(Math.abs(w - dense.weights[j]!)).toBeLessThan(1e-9));
      expect(Math.abs(sparse.bias[0]! - dense.bias[0]!)).toBeLessThan(1e-9);
    }
  });

  it('give a network the same forward pass and gradients (1e-5), and leave no tensor behind', () => {
    const { features, y } = mixedRows(64, 5);
    const network = DenseNetwork.initialise(
      { inputs: 5, embeddings: [], hidden: [8, 4], outputs: 1, activation: 'relu' },
      createRng(2),
      Float32Array.of(0),
    );
    const before = tf.memory().numTensors;
    const pass = (m: FeatureMatrix) => {
      const buffers = new BatchBuffers(5, [], 64);
      buffers.gather(m, y, undefined, null, 0, 64);
      const batch = buffers.tensors(64);
      try {
        const { value, grads } = tf.variableGrads(
          () => tf.sum(tf.mul(tf.sigmoid(network.logits(batch.x, batch.ids)), batch.targets)),
          network.variables,
        );
        const logits = tf.tidy(() => network.logits(batch.x, batch.ids));
        const out = {
          logits: logits.dataSync().slice(),
          loss: value.dataSync()[0]!,
          grads: network.variables.map((v) => grads[v.name]!.dataSync().slice()),
        };
        tf.dispose([value, logits, ...Object.values(grads)]);
        return out;
      } finally {
        disposeBatch(batch);
      }
    };
    const dense = pass(features);
    const sparse = pass(asSparse(features));
    expect(tf.memory().numTensors).toBe(before);
    sparse.logits.forEach((v, i) => expect(Math.abs(v - dense.logits[i]!)).toBeLessThan(1e-5));
    expect(Math.abs(sparse.loss - dense.loss)).toBeLessThan(1e-5);
    expect(sparse.grads.length).toBe(6);
    sparse.grads.forEach((g, k) =>
      g.forEach((v, i) => expect(Math.abs(v - dense.grads[k]![i]!)).toBeLessThan(1e-5)),
    );
    // The first kernel's gradient is not trivially zero: the comparison above has teeth.
    expect(dense.grads[0]!.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    network.dispose();
  });
});
