import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '../../../src/lib/tfjsCore.ts';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/lib/abort.ts';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import { DatasetStore } from '../../../src/lib/experiment/datasetStore.ts';
import { withTypes } from '../../../src/lib/experiment/loadSource.ts';
import { runExperiment } from '../../../src/lib/experiment/runExperiment.ts';
import { runSweep, type SweepProgress } from '../../../src/lib/experiment/runSweep.ts';
import { parseSweep } from '../../../src/lib/experiment/sweep.ts';
import { smallConfig } from '../../helpers/engine.ts';

const store = new DatasetStore((path) => readFile(resolve('public', path), 'utf8'));
const load = async (config: ExperimentConfig) =>
  withTypes(await store.load(config.data.source, { seed: config.seed }), config.data.types);

const gbdt = (extra: Record<string, unknown> = {}) =>
  smallConfig({ family: 'gbdt', trees: 6, maxDepth: 3, rowSubsample: 0.8, ...extra });

/** A run's test metrics without the parts that are timings. */
async function alone(config: ExperimentConfig) {
  const result = await runExperiment(config, await load(config), { backend: 'cpu' });
  return { metrics: result.metrics, model: result.model };
}

describe('runSweep', () => {
  it('fits the pipeline once per seed when only a model knob varies, with the numbers of separate runs', async () => {
    const sweep = parseSweep({
      base: gbdt(),
      vary: { path: 'model.maxDepth', values: [2, 4] },
      seeds: 2,
    });
    const progress: SweepProgress[] = [];
    const result = await runSweep(sweep, {
      backend: 'cpu',
      load,
      onProgress: (p) => void progress.push(p),
    });

    expect(result.reuse).toEqual({
      stages: { rows: 2, pipeline: 2, trainingSet: 2, evaluationSets: 2 },
      modelsTrained: 4,
      runs: 4,
    });
    expect(result.points.map((p) => p.runs.map((r) => r.seed))).toEqual([
      [7, 8],
      [7, 8],
    ]);
    const separate = await alone({ ...sweep.configs[1]!, seed: 8 });
    const run = result.points[1]!.runs[1]!;
    expect(run.metrics).toEqual(separate.metrics);
    expect(run.model).toEqual(separate.model);

    // Mean and sample standard deviation (n - 1) of the two seeds.
    const [a, b] = result.points[0]!.runs.map(
      (r) => (r.metrics.test as { logLoss: number }).logLoss,
    );
    const summary = result.points[0]!.summary.logLoss!;
    expect(summary.mean).toBeCloseTo((a! + b!) / 2, 14);
    expect(summary.sd).toBeCloseTo(Math.abs(a! - b!) / Math.SQRT2, 14);
    expect(result.points[0]!.summary.p99Ms!.mean).toBeGreaterThan(0);

    // One stream: every (point, seed) pair, with a time-left estimate after the first run.
    const pairs = new Set(progress.map((p) => `${p.point}/${p.points} ${p.seedIndex}/${p.seeds}`));
    expect([...pairs]).toEqual(['1/2 1/2', '2/2 1/2', '1/2 2/2', '2/2 2/2']);
    expect(progress[0]!.remainingMs).toBeNull();
    expect(progress.at(-1)!.remainingMs).toBeGreaterThan(0);
  });

  it('refits the rows and matrices but not the pipeline when the downsampling rate varies', async () => {
    const sweep = parseSweep({
      base: gbdt(),
      vary: { path: 'imbalance.negativeRate', values: [1, 0.5] },
      seeds: 1,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.reuse.stages).toEqual({
      rows: 2,
      pipeline: 1,
      trainingSet: 2,
      evaluationSets: 1,
    });
    const separate = await alone(sweep.configs[1]!);
    expect(result.points[1]!.runs[0]!.metrics).toEqual(separate.metrics);
  });

  it('trains one model per seed for a tree sweep and scores its prefixes like separate fits', async () => {
    const sweep = parseSweep({
      base: gbdt(),
      vary: { path: 'model.trees', values: [2, 9, 5] },
      seeds: 1,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.reuse.modelsTrained).toBe(1);
    for (const [i, point] of result.points.entries()) {
      const separate = await alone(sweep.configs[i]!);
      expect(point.runs[0]!.metrics, `trees = ${point.value}`).toEqual(separate.metrics);
      expect(point.runs[0]!.model).toEqual(separate.model);
    }
  });

  it('reads an epoch sweep from one training per seed: each checkpoint equals a separate fit of that many epochs', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const sweep = parseSweep({
      base: smallConfig({ family: 'mlp', hidden: [8], batchSize: 256, dropout: 0.1 }),
      vary: { path: 'model.epochs', values: [1, 4, 2] },
      seeds: 2,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.reuse.modelsTrained).toBe(2);
    for (const [i, point] of result.points.entries()) {
      for (const run of point.runs) {
        const separate = await alone({ ...sweep.configs[i]!, seed: run.seed });
        expect(run.metrics, `epochs = ${point.value}, seed ${run.seed}`).toEqual(separate.metrics);
        expect(run.model).toEqual(separate.model);
      }
    }
    // Every checkpoint was scored and freed.
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains each point of an epoch sweep when early stopping may restore other weights', async () => {
    const sweep = parseSweep({
      base: smallConfig({ family: 'mlp', hidden: [4], earlyStoppingPatience: 1 }),
      vary: { path: 'model.epochs', values: [1, 2] },
      seeds: 1,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.reuse.modelsTrained).toBe(2);
  });

  it('stops at the next checkpoint once cancelled', async () => {
    const controller = new AbortController();
    const sweep = parseSweep({
      base: gbdt(),
      vary: { path: 'model.maxDepth', values: [2, 3] },
      seeds: 2,
    });
    const running = runSweep(sweep, {
      backend: 'cpu',
      load,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.point === 2) controller.abort();
      },
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
  });
});
