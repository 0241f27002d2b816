import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { DatasetStore } from '../../../src/lib/experiment/datasetStore.ts';
import { runExperiment } from '../../../src/lib/experiment/runExperiment.ts';
import { toStoredRun } from '../../../src/lib/persistence/storedRun.ts';
import { storedRunBytes } from '../../../src/lib/persistence/storedRunBytes.ts';
import { smallConfig } from '../../helpers/engine.ts';

const store = new DatasetStore((path) => readFile(resolve('public', path), 'utf8'));

describe('storedRunBytes', () => {
  it("is within a tenth of the structured clone's size (what IndexedDB writes), predictions dominating", async () => {
    const config = parseConfig(smallConfig());
    const { testPredictions, ...result } = await runExperiment(
      config,
      await store.load(config.data.source, { seed: config.seed }),
      { backend: 'cpu' },
    );
    const run = { id: 3, name: 'Run 3', createdAt: 1, result, predictions: testPredictions! };
    // V8's serializer is the structured clone Chromium hands to IndexedDB.
    const cloned = serialize(toStoredRun(run)).byteLength;
    const estimate = storedRunBytes(run);
    expect(Math.abs(estimate / cloned - 1)).toBeLessThan(0.1);
    // 800 test rows: a byte per label and four per probability.
    const { predictions: _, ...withoutPredictions } = run;
    expect(estimate - storedRunBytes(withoutPredictions)).toBeGreaterThanOrEqual(800 * 5);
  });
});
