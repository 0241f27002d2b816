import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeHistogramThreads } from '../../../src/cli/nodeHistogramThreads.ts';
import { createEngineApi } from '../../../src/lib/engineApi.ts';

describe('training cost with GBDT histogram threads', () => {
  it("counts the helper thread's work, not only the training thread's time", async () => {
    const engine = createEngineApi({
      readData: (path) => readFile(resolve('public', path), 'utf8'),
      histogramThreads: nodeHistogramThreads(2),
    });
    const outcome = await engine.train(1, {
      seed: 3,
      backend: 'cpu',
      data: {
        source: { synthetic: { kind: 'ctr', rows: 40_000, baseRate: 0.1 } },
        target: 'click',
        task: 'binary',
        positiveClass: '1',
      },
      model: { family: 'gbdt', trees: 8, maxDepth: 6 },
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const { trainMs, data, capacity } = outcome.value;
    const cpuMs = (capacity.trainCpuSecondsPerMillionRows * data.sampledTrainRows) / 1e3;
    // On one thread the two are equal (capacity.ts); the helper built a share of every large node.
    expect(cpuMs).toBeGreaterThan(trainMs * 1.01);
  });
});
