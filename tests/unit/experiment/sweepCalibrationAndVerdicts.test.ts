import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import { DatasetStore } from '../../../src/lib/experiment/datasetStore.ts';
import { withTypes } from '../../../src/lib/experiment/loadSource.ts';
import { combineSeeds } from '../../../src/lib/experiment/neighbourVerdicts.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { runSweep } from '../../../src/lib/experiment/runSweep.ts';
import { parseSweep } from '../../../src/lib/experiment/sweep.ts';
import type { PairedComparison, Verdict } from '../../../src/lib/metrics/comparePredictions.ts';
import { smallConfig } from '../../helpers/engine.ts';

const store = new DatasetStore((path) => readFile(resolve('public', path), 'utf8'));
const load = async (config: ExperimentConfig) =>
  withTypes(await store.load(config.data.source, { seed: config.seed }), config.data.types);

describe('a downsampling sweep with re-calibration', () => {
  it('keeps the raw figures beside the re-calibrated ones', async () => {
    const w = 0.2;
    const sweep = parseSweep({
      base: { ...smallConfig(), imbalance: { recalibrate: true } },
      vary: { path: 'imbalance.negativeRate', values: [1, w] },
      seeds: 2,
    });
    const finals: RunResult[][] = [[], []];
    const result = await runSweep(sweep, {
      backend: 'cpu',
      load,
      onRun: (i, run) => void finals[i]!.push(run),
    });
    // w = 1: nothing re-calibrates, so the raw output is the final one.
    const [full, sampled] = result.points;
    expect(full!.rawSummary!.logLoss!.mean).toBe(full!.summary.logLoss!.mean);
    // w < 1: undo q = p / (p + (1 - p) / w) on the final probabilities (logit p = logit q - ln w)
    // and recompute the calibration ratio by hand.
    for (const [j, run] of finals[1]!.entries()) {
      const { y, p } = run.testPredictions!;
      const raw = Array.from(p, (q) => 1 / (1 + Math.exp(-(Math.log(q / (1 - q)) - Math.log(w)))));
      const ratio = raw.reduce((s, v) => s + v, 0) / y.reduce((s, v) => s + v, 0);
      expect(sampled!.runs[j]!.rawMetrics!.calibrationRatio).toBeCloseTo(ratio, 4);
    }
    // Trained on a fifth of the negatives, the raw model over-predicts; re-calibration repairs it.
    expect(sampled!.rawSummary!.calibrationRatio!.mean).toBeGreaterThan(2);
    expect(Math.abs(sampled!.summary.calibrationRatio!.mean! - 1)).toBeLessThan(0.3);
  });

  it('has no raw figures when no point re-calibrates', async () => {
    const sweep = parseSweep({
      base: smallConfig(),
      vary: { path: 'model.l2', values: [0.001, 0.01] },
      seeds: 1,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.points.every((p) => p.rawSummary === undefined)).toBe(true);
  });
});

describe('verdicts between neighbouring sweep points', () => {
  it('finds no difference between identical points and a real one in calibration', async () => {
    const sweep = parseSweep({
      base: { ...smallConfig(), imbalance: { recalibrate: false } },
      vary: { path: 'imbalance.negativeRate', values: [1, 1, 0.1] },
      seeds: 2,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.neighbours).toHaveLength(2);
    const [same, shifted] = result.neighbours;
    expect(same!.seeds).toBe(2);
    for (const m of Object.values(same!.metrics)) {
      expect(m.verdict).toBe('within-noise');
    }
    // Without re-calibration, w = 0.1 predicts several times the positives: w = 1 is better.
    expect(shifted!.metrics.calibrationRatio.verdict).toBe('a-better');
    expect(shifted!.metrics.logLoss.verdict).toBe('a-better');
  });

  it('leaves out pairs scored on different rows', async () => {
    const sweep = parseSweep({
      base: smallConfig(),
      vary: { path: 'data.source.synthetic.rows', values: [3000, 4000] },
      seeds: 1,
    });
    const result = await runSweep(sweep, { backend: 'cpu', load });
    expect(result.neighbours).toEqual([null]);
  });

  it('gives a verdict only when every seed agrees', () => {
    const comparison = (verdict: Verdict) =>
      ({
        metrics: Object.fromEntries(
          ['rocAuc', 'logLoss', 'brier', 'ece', 'calibrationRatio'].map((k) => [k, { verdict }]),
        ),
      }) as unknown as PairedComparison;
    const combined = combineSeeds([
      [comparison('a-better'), comparison('within-noise'), null],
      [comparison('a-better'), comparison('b-better'), null],
      [null, comparison('b-better'), null],
    ]);
    expect(combined[0]).toMatchObject({
      index: 0,
      seeds: 2,
      metrics: { rocAuc: { verdict: 'a-better', counts: { 'a-better': 2 } } },
    });
    expect(combined[1]!.metrics.ece).toEqual({
      verdict: 'mixed',
      counts: { 'a-better': 0, 'within-noise': 1, 'b-better': 2 },
    });
    expect(combined[2]).toBeNull();
  });
});
