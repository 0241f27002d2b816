import { describe, expect, it } from 'vitest';
import { tableRecord } from '../../../src/lib/data/tableRecord.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { requestScorer } from '../../../src/lib/experiment/measureCapacity.ts';
import { createPostprocessor } from '../../../src/lib/experiment/postprocess.ts';
import { fitFeaturePipeline, transformRows } from '../../../src/lib/features/pipeline.ts';
import { fitLogistic } from '../../../src/lib/models/logistic.ts';
import { measureRequestLatency, MIN_REQUESTS } from '../../../src/lib/serving/requestLatency.ts';
import { ALL_ROWS, LABELS, TRAIN_ROWS, smallTable } from '../features/smallTable.ts';

describe('measureRequestLatency', () => {
  it('times at least 200 requests after the warm-up, each index once, in order', async () => {
    const seen: number[] = [];
    const report = await measureRequestLatency(
      async (i) => {
        seen.push(i);
      },
      { candidates: 500, requests: 50, warmup: 5 },
    );
    expect(report.requests).toBe(MIN_REQUESTS);
    expect(report.candidates).toBe(500);
    expect(seen).toEqual(Array.from({ length: 5 + MIN_REQUESTS * report.blockSize }, (_, i) => i));
    expect(report.p99Ms).toBeGreaterThanOrEqual(report.p50Ms);
    expect(report.note).toMatch(/500 candidates/);
  });
});

describe('requestScorer', () => {
  it('scores k raw records as one batch: the same probabilities as the batch path', async () => {
    const table = smallTable();
    const config = parseConfig({
      data: { source: 'builtin:x', target: 'label', task: 'binary' },
      model: { family: 'logistic' },
      imbalance: { negativeRate: 0.5 },
      features: { default: { textBuckets: 8 } },
    });
    const pipeline = fitFeaturePipeline(table, TRAIN_ROWS, config.features, {
      target: 'label',
      labels: LABELS,
      seed: 1,
    });
    const y = Float32Array.from(TRAIN_ROWS, (r) => LABELS[r]!);
    const model = await fitLogistic(
      { features: transformRows(pipeline, table, TRAIN_ROWS), y },
      { maxIterations: 20 },
      { task: 'binary', numClasses: 2, seed: 1 },
    );
    // Re-calibration for w = 0.5 runs on every request too.
    const post = createPostprocessor(config, new Float32Array(), new Float32Array(), 1);
    const records = Array.from(ALL_ROWS, (row) => tableRecord(table, row));
    const score = requestScorer(pipeline, 'dense', model, post, records, 3);

    // Request 1 holds records 3, 4, 5; request 2 holds 6, 7 and wraps to 0.
    for (const [i, rows] of [
      [1, [3, 4, 5]],
      [2, [6, 7, 0]],
    ] as const) {
      const expected = post.applyBatch(
        await model.predict(transformRows(pipeline, table, Int32Array.from(rows))),
      );
      const got = await score(i);
      expect(got).toHaveLength(3);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });
});
