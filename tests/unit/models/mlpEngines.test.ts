import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitMlp, type MlpParams, type NetworkEngine } from '../../../src/lib/models/mlp.ts';
import type {
  FitOptions,
  LabelledSet,
  Model,
  TrainProgress,
} from '../../../src/lib/models/model.ts';
import { base64ToFloat32 } from '../../../src/lib/models/tfjs/float32Base64.ts';
import { gemm } from '../../../src/lib/models/typed/gemm.ts';
import { KernelArena } from '../../../src/lib/models/typed/kernelArena.ts';
import type { AdamConstants } from '../../../src/lib/models/typed/simdKernels.ts';
import { createRng } from '../../../src/lib/random.ts';
import { asSparse } from '../../helpers/matrix.ts';
import { productRegressionSet, threeClassSet, xorSet } from './mlpTestData.ts';

/**
 * The typed-array engine must train the network tfjs trains: same initial weights from the seed,
 * same batches, same loss and optimizer. Each case fits both engines on the cpu backend and
 * compares the weights, the predictions and the loss curves within float32 rounding (1e-4). The
 * cases together cover every setting the engine reads: the three tasks and activations, both
 * optimizers, l2, dropout, sample weights, widths and batches that are not multiples of the 4 x 8
 * blocks, CSR input, early stopping with the re-calibration offset, and epoch checkpoints.
 */
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Fit {
  weights: Float32Array[];
  predictions: Float32Array;
  progress: TrainProgress[];
  checkpoints: Map<number, Float32Array[]>;
  engine: string;
}

async function fitWith(
  engine: NetworkEngine,
  train: LabelledSet,
  params: Partial<MlpParams>,
  options: FitOptions,
  checkpointEpochs: number[] = [],
): Promise<Fit> {
  const progress: TrainProgress[] = [];
  const checkpoints = new Map<number, Float32Array[]>();
  const weightsOf = (model: Model) =>
    (model.serialize().state as { weights: string[] }).weights.map(base64ToFloat32);
  const before = tf.memory().numTensors;
  const model = await fitMlp(
    train,
    params,
    {
      ...options,
      onProgress: (p) => progress.push(p),
      checkpoints: {
        epochs: checkpointEpochs,
        keep: (epoch, copy) => {
          checkpoints.set(epoch, weightsOf(copy));
          copy.dispose();
        },
      },
    },
    engine,
  );
  const fit = {
    weights: weightsOf(model),
    predictions: await model.predict(train.features),
    progress,
    checkpoints,
    engine: model.engine,
  };
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return fit;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function expectSameWeights(a: Float32Array[], b: Float32Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((w, i) => expect(maxDifference(w, b[i]!)).toBeLessThan(TOLERANCE));
}

/** Fits both engines and checks they agree; returns both fits for case-specific checks. */
async function expectEnginesAgree(
  train: LabelledSet,
  params: Partial<MlpParams>,
  options: FitOptions,
  checkpointEpochs: number[] = [],
): Promise<[Fit, Fit]> {
  const tfjs = await fitWith('tfjs', train, params, options, checkpointEpochs);
  const typed = await fitWith('typed-arrays', train, params, options, checkpointEpochs);
  expect(tfjs.engine).toBe('tfjs (cpu)');
  expect(typed.engine).toBe('typed arrays, predicts on tfjs (cpu)');
  // Training moved the weights: the comparison is between two trained networks.
  const initial = await fitWith('tfjs', train, { ...params, epochs: 0 }, options);
  expect(maxDifference(initial.weights[0]!, tfjs.weights[0]!)).toBeGreaterThan(100 * TOLERANCE);
  expectSameWeights(typed.weights, tfjs.weights);
  expect(maxDifference(typed.predictions, tfjs.predictions)).toBeLessThan(TOLERANCE);
  expect(typed.progress.length).toBe(tfjs.progress.length);
  typed.progress.forEach((p, i) => {
    const q = tfjs.progress[i]!;
    expect(p.step).toBe(q.step);
    expect(p.bestStep).toBe(q.bestStep);
    expect(Math.abs(p.trainLoss - q.trainLoss)).toBeLessThan(TOLERANCE);
    expect(Math.abs((p.validationLoss ?? 0) - (q.validationLoss ?? 0))).toBeLessThan(TOLERANCE);
  });
  expect([...typed.checkpoints.keys()]).toEqual([...tfjs.checkpoints.keys()]);
  for (const [epoch, weights] of typed.checkpoints) {
    expectSameWeights(weights, tfjs.checkpoints.get(epoch)!);
  }
  return [tfjs, typed];
}

/** Class weights as the imbalance settings make them: 3 on positives, 1 on negatives. */
function classWeighted(set: LabelledSet): LabelledSet {
  return { ...set, weights: set.y.map((y) => (y === 1 ? 3 : 1)) };
}

describe('typed-array MLP engine against tfjs (cpu backend)', () => {
  it('binary, ReLU, Adam, class weights, odd widths and a short last batch', async () => {
    const train = classWeighted(xorSet(1000, 1));
    await expectEnginesAgree(
      train,
      { hidden: [7, 5], epochs: 3, batchSize: 64, learningRate: 0.01 },
      { task: 'binary', numClasses: 2, seed: 3 },
    );
  });

  it('multi-class, tanh, SGD with l2, and checkpoints after epochs 1 and 2', async () => {
    const [, typed] = await expectEnginesAgree(
      threeClassSet(600, 2),
      { hidden: [16, 8], activation: 'tanh', optimizer: 'sgd', l2: 1e-3, epochs: 3, batchSize: 50 },
      { task: 'multiclass', numClasses: 3, seed: 5 },
      [1, 2],
    );
    expect([...typed.checkpoints.keys()]).toEqual([1, 2]);
  });

  it('regression, GELU, dropout (the same masks as tf.dropout)', async () => {
    await expectEnginesAgree(
      productRegressionSet(500, 4),
      { hidden: [12, 12], activation: 'gelu', dropout: 0.3, epochs: 3, batchSize: 32 },
      { task: 'regression', numClasses: 1, seed: 9 },
    );
  });

  it('early stopping on the re-calibrated validation loss keeps the same best epoch', async () => {
    const train = xorSet(800, 6);
    const validation = xorSet(300, 7);
    const [tfjs] = await expectEnginesAgree(
      train,
      { hidden: [8], epochs: 12, batchSize: 100, learningRate: 0.05, earlyStoppingPatience: 2 },
      {
        task: 'binary',
        numClasses: 2,
        seed: 11,
        validation,
        validationLogitOffset: Math.log(0.5),
      },
    );
    expect(tfjs.progress.at(-1)!.bestStep).toBeGreaterThan(0);
  });

  it('CSR input: the first layer over non-zeros', async () => {
    const dense = xorSet(400, 8, 6);
    // Zero out most distractor cells so the rows are really sparse.
    const x = dense.features.x.map((v, i) => (i % 8 >= 2 && i % 3 !== 0 ? 0 : v));
    const train = { ...dense, features: asSparse({ ...dense.features, x }) };
    await expectEnginesAgree(
      train,
      { hidden: [8, 8], epochs: 3, batchSize: 64, learningRate: 0.01 },
      { task: 'binary', numClasses: 2, seed: 2 },
    );
  });
});

describe('gemm', () => {
  it('equals the plain triple loop for every stride pattern the network uses, at edge sizes, in JavaScript and in WebAssembly SIMD', () => {
    const rng = createRng(4);
    const arena = new KernelArena(8192);
    // Node 20 and Chromium have WebAssembly SIMD: the arena's products must really run there.
    expect(arena.simd).toBe(true);
    const inArena = (values: Float32Array) => {
      const copy = arena.alloc(values.length);
      copy.set(values);
      return copy;
    };
    const random = (n: number) => Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
    for (const [m, n, k] of [
      [1, 1, 1],
      [5, 7, 3],
      [8, 4, 9],
      [13, 6, 2],
      [16, 12, 33],
    ] as const) {
      const a = random(m * k);
      const b = random(k * n);
      const bt = random(n * k);
      // A row-major [m, k] times B [k, n]; A read as the transpose of [k, m]; B as transpose of [n, k].
      const cases = [
        { aRow: k, aCol: 1, bRow: n, bCol: 1, b },
        { aRow: 1, aCol: m, bRow: n, bCol: 1, b },
        { aRow: k, aCol: 1, bRow: 1, bCol: k, b: bt },
      ];
      for (const { aRow, aCol, bRow, bCol, b: right } of cases) {
        const c = new Float32Array(m * n).fill(NaN);
        gemm(c, a, aRow, aCol, right, bRow, bCol, m, n, k);
        const simd = inArena(c);
        arena.gemm(simd, inArena(a), aRow, aCol, inArena(right), bRow, bCol, m, n, k);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let p = 0; p < k; p++)
              sum += a[i * aRow + p * aCol]! * right[p * bRow + j * bCol]!;
            expect(Math.abs(c[i * n + j]! - sum)).toBeLessThan(1e-6);
            expect(Math.abs(simd[i * n + j]! - sum)).toBeLessThan(1e-5);
          }
        }
      }
    }
  });
});

/**
 * What simdGemm.ts promises, bit for bit: float32 sums in the order of k over the 4-row blocks
 * (columns below n - n % 4), float64 sums stored as float32 for the outputs they leave, then
 * + bias, ReLU and the gate in float32.
 */
function referenceGemm(
  a: Float32Array,
  aRow: number,
  aCol: number,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  bias: Float32Array | null,
  relu: boolean,
  gate: Float32Array | null,
): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const block = i < m - (m % 4) && j < n - (n % 4);
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const product = a[i * aRow + p * aCol]! * b[p * n + j]!;
        sum = block ? Math.fround(sum + Math.fround(product)) : sum + product;
      }
      let v = Math.fround(sum);
      if (bias) v = Math.fround(v + bias[j]!);
      if (relu && !(v > 0)) v = 0;
      if (gate && !(gate[i * n + j]! > 0)) v = 0;
      c[i * n + j] = v;
    }
  }
  return c;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('WebAssembly kernels of the arena', () => {
  const sizes = [
    [1, 1, 1],
    [7, 13, 5],
    [8, 16, 9],
    [12, 8, 1],
    [5, 3, 0],
    [30, 64, 33],
    [13, 21, 1024],
  ] as const;

  it('gemm equals float32 block sums and float64 edge sums bit for bit, with bias, ReLU and gate, for both layouts of A', () => {
    const rng = createRng(7);
    const arena = new KernelArena(1 << 18);
    expect(arena.simd).toBe(true);
    const random = (n: number) => {
      const x = arena.alloc(n);
      for (let i = 0; i < n; i++) x[i] = 2 * rng.next() - 1;
      return x;
    };
    for (const [m, n, k] of sizes) {
      const a = random(m * k);
      const b = random(k * n);
      const bias = random(n);
      const gate = random(m * n);
      const c = arena.alloc(m * n);
      for (const [aRow, aCol] of [
        [k, 1],
        [1, m],
      ] as const) {
        for (const [withBias, relu, withGate] of [
          [false, false, false],
          [true, false, false],
          [true, true, false],
          [false, false, true],
        ] as const) {
          c.fill(NaN);
          const biasArg = withBias ? bias : null;
          const gateArg = withGate ? gate : null;
          arena.gemm(c, a, aRow, aCol, b, n, 1, m, n, k, biasArg, relu, gateArg);
          const expected = referenceGemm(a, aRow, aCol, b, m, n, k, biasArg, relu, gateArg);
          expect(bits(c), `${m} x ${n} x ${k}, A stride ${aRow}, ${aCol}`).toEqual(bits(expected));
        }
      }
    }
  });

  it('columnSums equals float32 sums in row order bit for bit', () => {
    const rng = createRng(8);
    const arena = new KernelArena(1 << 18);
    for (const [rows, n] of sizes) {
      const x = arena.alloc(rows * n);
      for (let i = 0; i < x.length; i++) x[i] = 2 * rng.next() - 1;
      const out = arena.alloc(n).fill(NaN);
      arena.columnSums(out, x, rows, n);
      const expected = new Float32Array(n);
      for (let i = 0; i < rows; i++) for (let j = 0; j < n; j++) expected[j]! += x[i * n + j]!;
      expect(bits(out)).toEqual(bits(expected));
    }
  });

  it('adam gives the numbers of its JavaScript expression bit for bit, odd lengths included', () => {
    const rng = createRng(10);
    const arena = new KernelArena(1 << 12);
    const random = (x: Float32Array) => x.forEach((_, i) => (x[i] = 2 * rng.next() - 1));
    for (const length of [1, 2, 7, 64]) {
      // The same update in the arena (WebAssembly) and outside it (JavaScript).
      const inside = [0, 1, 2, 3].map(() => arena.alloc(length));
      const outside = inside.map(() => new Float32Array(length));
      random(inside[0]!);
      outside[0]!.set(inside[0]!);
      for (let t = 1; t <= 3; t++) {
        random(inside[1]!);
        outside[1]!.set(inside[1]!);
        const b1 = Math.fround(0.9 ** t);
        const b2 = Math.fround(0.999 ** t);
        const constants: AdamConstants = [
          0.01,
          1 - b1,
          1 - b2,
          0.9,
          1 - 0.9,
          0.999,
          1 - 0.999,
          1e-7,
        ];
        for (const [w, g, m, s] of [inside, outside]) arena.adam(w!, g!, m!, s!, constants);
      }
      inside.forEach((x, i) => expect(bits(x)).toEqual(bits(outside[i]!)));
    }
  });

  it('arrays outside the arena take the JavaScript path, with the same bias, ReLU and gate', () => {
    const rng = createRng(9);
    const arena = new KernelArena(16);
    const random = (n: number) => Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
    const [m, n, k] = [7, 13, 5];
    const [a, b, bias, gate] = [random(m * k), random(k * n), random(n), random(m * n)];
    const c = new Float32Array(m * n);
    arena.gemm(c, a, k, 1, b, n, 1, m, n, k, bias, true, gate);
    const expected = referenceGemm(a, k, 1, b, m, n, k, bias, true, gate);
    for (let i = 0; i < m * n; i++) {
      expect(Math.abs(c[i]! - expected[i]!)).toBeLessThan(1e-6);
      expect(c[i] === 0).toBe(expected[i] === 0);
    }
    const out = new Float32Array(n);
    arena.columnSums(out, c, m, n);
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += c[i * n + j]!;
      expect(Math.abs(out[j]! - sum)).toBeLessThan(1e-6);
    }
  });
});
