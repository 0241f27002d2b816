import { describe, expect, it } from 'vitest';
import { nodeHistogramThreads } from '../../../../src/cli/nodeHistogramThreads.ts';
import { CancelledError } from '../../../../src/lib/abort.ts';
import { binFeatures, computeBinEdges } from '../../../../src/lib/models/gbdt/binning.ts';
import { fitGbdt } from '../../../../src/lib/models/gbdt/gbdt.ts';
import { histogramLength } from '../../../../src/lib/models/gbdt/histogram.ts';
import {
  type HelperThread,
  type HistogramThreads,
  HistogramThreadPool,
  MIN_FIT_ROWS,
  MIN_NODE_ROWS,
} from '../../../../src/lib/models/gbdt/histogramThreads.ts';
import type { LabelledSet } from '../../../../src/lib/models/model.ts';
import { createRng } from '../../../../src/lib/random.ts';
import { matrix } from './gbdtFixtures.ts';

/** Real node:worker_threads helpers, counting those started and those that have exited. */
function countedThreads(count: number) {
  const node = nodeHistogramThreads(count);
  const seen = { spawned: 0, exited: 0 };
  const threads: HistogramThreads = {
    count,
    spawn: (): HelperThread => {
      const helper = node.spawn();
      seen.spawned++;
      return {
        start: (setup) => helper.start(setup),
        terminate: async () => {
          await helper.terminate();
          seen.exited++;
        },
      };
    },
  };
  return { threads, seen };
}

/** y ~ Bernoulli(sigmoid(sin(2 x0) + x1 x2 - x3)) (binary), or the argmax class of 3 scores. */
function dataSet(rows: number, cols: number, seed: number, classes = 2): LabelledSet {
  const rng = createRng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) x[o + c] = rng.normal();
    if (rng.next() < 0.05) x[o] = NaN;
    const z = Math.sin(2 * (x[o] || 0)) + x[o + 1]! * x[o + 2]! - x[o + 3]! + rng.normal();
    y[r] = classes === 2 ? (z > 0 ? 1 : 0) : z < -0.7 ? 0 : z < 0.7 ? 1 : 2;
  }
  return { features: matrix(x, rows, cols), y };
}

/**
 * An independent histogram: the rows every `every`-th row id of the binned data (positions
 * 0..end of the node), summed one feature and one row at a time, in row order as on one thread.
 */
function referenceHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  rowBytes: number,
  stride: number,
  features: Int32Array,
  count: number,
  every: number,
  end: number,
  gh: Float64Array,
  descending: boolean,
): number {
  let hMax = 0;
  for (let fi = 0; fi < count; fi++) {
    const f = features[fi]!;
    hist.fill(0, f * stride * 2, (f + 1) * stride * 2);
    for (let k = 0; k < end; k++) {
      const i = descending ? end - 1 - k : k;
      const at = (f * stride + bins[every * i * rowBytes + f]!) * 2;
      hist[at] = hist[at]! + gh[2 * i]!;
      hist[at + 1] = hist[at + 1]! + gh[2 * i + 1]!;
    }
  }
  for (let i = 0; i < end; i++) hMax = Math.max(hMax, gh[2 * i + 1]!);
  return hMax;
}

describe('parallel histograms (real worker_threads)', () => {
  it("builds a node's histogram on two threads bit for bit equal to one thread's", async () => {
    // A node of every third row (below) must be large enough to share.
    const rows = Math.max(MIN_FIT_ROWS, 3 * MIN_NODE_ROWS + 300);
    const cols = 7;
    const rng = createRng(5);
    const x = new Float32Array(rows * cols).map(() => (rng.next() < 0.02 ? NaN : rng.normal()));
    const categories = new Int32Array(cols);
    const data = binFeatures(
      x,
      rows,
      cols,
      computeBinEdges(x, rows, cols, 255, createRng(1), categories),
      255,
      categories,
    );
    const stride = data.missingBin + 1;
    const { threads, seen } = countedThreads(2);
    const pool = new HistogramThreadPool(threads, rows);
    try {
      const builder = await pool.bind(data);
      expect(pool.threads).toBe(2);
      // A node of every third row on side 1, as after a few splits; gradients of both sides.
      const { words, gh } = builder.sides;
      const bins = builder.sides.bins[1];
      const nodeRows = Math.floor(rows / 3);
      for (let i = 0; i < nodeRows; i++)
        bins.set(
          data.bins.subarray(3 * i * data.rowBytes, (3 * i + 1) * data.rowBytes),
          i * data.rowBytes,
        );
      for (const side of gh)
        for (let i = 0; i < side.length; i += 2) {
          side[i] = rng.normal();
          side[i + 1] = rng.next();
        }
      const cases = [
        { features: Int32Array.from([0, 1, 2, 3, 4, 5, 6]), count: 7, end: nodeRows },
        { features: Int32Array.from([1, 4, 6, 0, 0, 0, 0]), count: 3, end: nodeRows },
        { features: Int32Array.from([2, 3, 4, 5, 0, 0, 0]), count: 4, end: nodeRows },
        { features: Int32Array.from([0, 1, 2, 3, 4, 5, 6]), count: 7, end: MIN_NODE_ROWS - 1 },
      ];
      // Both orders of reading a node's positions (a right child's rows lie there descending).
      for (const { features, count, end, descending } of [false, true].flatMap((descending) =>
        cases.map((c) => ({ ...c, descending })),
      )) {
        const one = new Float64Array(histogramLength(cols, stride));
        const two = new Float64Array(histogramLength(cols, stride)).fill(7);
        const oneMax = referenceHistogram(
          one,
          data.bins,
          data.rowBytes,
          stride,
          features,
          count,
          3,
          end,
          gh[1],
          descending,
        );
        const before = pool.sharedNodes;
        const twoMax = builder.build(
          two,
          words[1],
          data.rowBytes,
          stride,
          features,
          count,
          0,
          end,
          gh[1],
          descending,
        );
        expect(pool.sharedNodes - before).toBe(end >= MIN_NODE_ROWS ? 1 : 0);
        expect(twoMax).toBe(oneMax);
        for (let fi = 0; fi < count; fi++) {
          const from = features[fi]! * stride * 2;
          expect(two.subarray(from, from + stride * 2)).toEqual(
            one.subarray(from, from + stride * 2),
          );
        }
      }
    } finally {
      await pool.close();
    }
    expect(seen).toEqual({ spawned: 1, exited: 1 });
  });

  it.each([
    ['binary', 2],
    ['multiclass', 3],
  ] as const)(
    'fits the same %s trees with 1 and 2 threads, bit for bit, and stops its helper',
    async (task, classes) => {
      const train = dataSet(MIN_FIT_ROWS + 4000, 8, 11, classes);
      const test = dataSet(2000, 8, 12, classes);
      const params = { trees: 12, maxDepth: 5, rowSubsample: 0.9, colSubsample: 0.8 };
      const options = { task, numClasses: classes, seed: 3 };
      const helperMs = { one: -1, two: -1 };
      const one = await fitGbdt(train, params, {
        ...options,
        onHelperTime: (ms) => (helperMs.one = ms),
      });
      const { threads, seen } = countedThreads(2);
      const two = await fitGbdt(train, params, {
        ...options,
        histogramThreads: threads,
        onHelperTime: (ms) => (helperMs.two = ms),
      });
      expect(seen).toEqual({ spawned: 1, exited: 1 });
      // The helper's work is reported, for the training cost to count (none on one thread).
      expect(helperMs.one).toBe(0);
      expect(helperMs.two).toBeGreaterThan(0);

      expect(two.serialize()).toEqual(one.serialize());
      expect(await two.predict(test.features)).toEqual(await one.predict(test.features));
    },
  );

  it('stops its helper when the fit is cancelled, and starts none for a small fit', async () => {
    const train = dataSet(MIN_FIT_ROWS, 6, 21);
    const controller = new AbortController();
    const cancelled = countedThreads(2);
    await expect(
      fitGbdt(
        train,
        { trees: 50, maxDepth: 3 },
        {
          task: 'binary',
          numClasses: 2,
          seed: 1,
          signal: controller.signal,
          histogramThreads: cancelled.threads,
          onProgress: ({ step }) => {
            if (step >= 10) controller.abort();
          },
        },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(cancelled.seen).toEqual({ spawned: 1, exited: 1 });

    const small = countedThreads(2);
    await fitGbdt(
      dataSet(MIN_FIT_ROWS - 1, 6, 22),
      { trees: 3 },
      { task: 'binary', numClasses: 2, seed: 1, histogramThreads: small.threads },
    );
    expect(small.seen).toEqual({ spawned: 0, exited: 0 });
  });

  it('fits on one thread, the same trees, when its helper fails to start', async () => {
    const train = dataSet(MIN_FIT_ROWS, 6, 23);
    const options = { task: 'binary', numClasses: 2, seed: 4 } as const;
    const one = await fitGbdt(train, { trees: 4 }, options);
    const seen = { started: 0, terminated: 0 };
    const reasons: string[] = [];
    // A worker script that cannot load: start rejects, as the Web Worker's error event makes it.
    const broken: HistogramThreads = {
      count: 2,
      spawn: () => ({
        start: async () => {
          seen.started++;
          throw new Error('gbdt: a histogram helper thread failed to start');
        },
        terminate: async () => {
          seen.terminated++;
        },
      }),
      onOneThread: (reason) => reasons.push(reason),
    };
    const helperMs: number[] = [];
    const two = await fitGbdt(
      train,
      { trees: 4 },
      {
        ...options,
        histogramThreads: broken,
        onHelperTime: (ms) => helperMs.push(ms),
      },
    );
    expect(seen.started).toBe(1);
    expect(seen.terminated).toBe(1);
    // Said, not silent: the platform logs it (the engine worker's console, the CLI's stderr).
    expect(reasons).toEqual([
      'a helper thread failed to start: gbdt: a histogram helper thread failed to start',
    ]);
    expect(helperMs).toEqual([0]);
    expect(two.serialize()).toEqual(one.serialize());
  });
});
