import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { runsToJson } from '../../../src/lib/export/exportRuns.ts';
import {
  predictionBytes,
  predictionsToDrop,
  sameTestRows,
  testRowsKey,
  type TestPredictions,
} from '../../../src/lib/experiment/testPredictions.ts';
import { comparePredictions } from '../../../src/lib/metrics/comparePredictions.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';
import { CHECK_P, CHECK_Y, makeRun } from './runFixture.ts';

const predictions = (rowsKey: string, p: readonly number[] = CHECK_P): TestPredictions => ({
  rowsKey,
  y: Uint8Array.from(CHECK_Y),
  p: Float32Array.from(p),
});

describe('test predictions', () => {
  it('share a key exactly when data, split and seed agree (not the model or imbalance)', () => {
    const a = parseConfig(smallConfig());
    const b = parseConfig({ ...smallConfig({ family: 'gbdt' }), imbalance: { negativeRate: 0.1 } });
    const c = parseConfig({ ...smallConfig(), seed: 8 });
    expect(testRowsKey(a)).toBe(testRowsKey(b));
    expect(testRowsKey(a)).not.toBe(testRowsKey(c));
  });

  it('cost a byte per label, four per probability, and the key', () => {
    expect(predictionBytes(predictions('k'))).toBe(20 + 80 + 2);
  });

  it('drop the oldest unpinned runs first, only near the quota, until enough is freed', () => {
    const run = (id: number, createdAt: number) => ({
      id,
      createdAt,
      predictions: predictions('k'),
    });
    const runs = [run(3, 30), run(1, 10), run(2, 20), run(4, 40)];
    expect(predictionsToDrop(runs, new Set(), 790, 1000)).toEqual([]);
    // 900 of 1000 used: 300 bytes must go to be back at 60%, three runs of 102 bytes each.
    expect(predictionsToDrop(runs, new Set([1]), 900, 1000)).toEqual([2, 3, 4]);
    expect(predictionsToDrop(runs, new Set(), 900, 1000)).toEqual([1, 2, 3]);
    expect(predictionsToDrop(runs, new Set(), 900, 0)).toEqual([]);
  });

  it('are left out of the JSON export', () => {
    const run = { ...makeRun(1, 'a'), predictions: predictions('k') };
    expect(JSON.parse(runsToJson([run]))[0]).not.toHaveProperty('predictions');
  });

  it('are compared by the engine only on the same rows', async () => {
    const engine = nodeEngine();
    const other = CHECK_P.map((p) => Math.min(1, p * 1.2));
    const ok = await engine.compare(predictions('k'), predictions('k', other), { resamples: 200 });
    expect(ok).toEqual({
      ok: true,
      value: comparePredictions(CHECK_Y, Float32Array.from(CHECK_P), Float32Array.from(other), {
        resamples: 200,
      }),
    });
    const differ = await engine.compare(predictions('k'), predictions('j'));
    expect(differ).toMatchObject({ ok: false, message: /not scored on the same test rows/ });
    expect(sameTestRows(predictions('k'), predictions('k', other))).toBe(true);
  });
});
