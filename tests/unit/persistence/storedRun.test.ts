import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import {
  STORED_RUN_VERSION,
  nextRunId,
  readStoredRun,
  readStoredRuns,
  skippedRunsMessage,
  toStoredRun,
} from '../../../src/lib/persistence/storedRun.ts';
import { makeRun } from '../experiment/runFixture.ts';

/** A record as IndexedDB would hand it back: a structured clone of what was stored. */
function stored(id: number, name = `Run ${id}`, createdAt = 1_000 + id): Record<string, unknown> {
  return structuredClone(toStoredRun(makeRun(id, name, undefined, createdAt))) as never;
}

describe('toStoredRun', () => {
  it("keeps the run's own fields and adds the format version", () => {
    const run = makeRun(4, 'mine');
    const record = toStoredRun({ ...run, extra: 'ui state' } as typeof run);
    expect(record).toEqual({ ...run, schemaVersion: STORED_RUN_VERSION });
    expect(record).not.toHaveProperty('extra');
    expect(STORED_RUN_VERSION).toBe(2);
  });
});

describe('readStoredRun', () => {
  it('reads back a stored run unchanged', () => {
    const record = stored(2);
    expect(readStoredRun(record)).toEqual({ ok: true, run: record });
  });

  it('fills in config defaults added since the run was saved', () => {
    const record = stored(2);
    const result = record['result'] as { config: Record<string, unknown> };
    delete result.config['frame'];
    delete result.config['seed'];
    const read = readStoredRun(record);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.run.result.config.frame).toEqual({ metric: 'logLoss', latencyBudgetMs: 1 });
      expect(read.run.result.config.seed).toBe(42);
    }
  });

  it.each([
    ['a non-object', null, 'it is not an object'],
    ['an array', [], 'it is not an object'],
    [
      'a missing version',
      { ...stored(1), schemaVersion: undefined },
      'it has no known format version (undefined)',
    ],
    ['an older version', { ...stored(1), schemaVersion: 0 }, 'it has no known format version (0)'],
    [
      'a newer version',
      { ...stored(1), schemaVersion: 3 },
      'it was saved by a newer version of Tradeoff Lab (format 3)',
    ],
    ['a bad id', { ...stored(1), id: 1.5 }, 'its id is not a positive integer'],
    ['a zero id', { ...stored(1), id: 0 }, 'its id is not a positive integer'],
    ['a name that is not text', { ...stored(1), name: 7 }, 'its name is not text'],
    ['a bad time', { ...stored(1), createdAt: '2025' }, 'its creation time is not a number'],
    ['no result', { ...stored(1), result: 'x' }, 'its result has no result'],
  ])('skips %s', (_, record, reason) => {
    expect(readStoredRun(record)).toEqual({ ok: false, reason });
  });

  it('skips a result missing a part the app reads', () => {
    for (const part of [
      'metrics',
      'data',
      'curves',
      'latency',
      'model',
      'trainingCurve',
      'warnings',
      'capacity',
    ]) {
      const record = stored(1);
      delete (record['result'] as Record<string, unknown>)[part];
      expect(readStoredRun(record)).toEqual({ ok: false, reason: `its result has no ${part}` });
    }
  });

  it('reads a format-1 run (no capacity, size without the pipeline) and says what its size counts', () => {
    const record = stored(5);
    const result = record['result'] as Record<string, unknown>;
    delete result['capacity'];
    result['model'] = {
      family: 'mlp',
      engine: 'tfjs',
      parameters: 10,
      bytes: 40,
      description: 'x',
    };
    const read = readStoredRun({ ...record, schemaVersion: 1 });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { model, capacity } = read.run.result;
    expect(read.run.schemaVersion).toBe(STORED_RUN_VERSION);
    expect(model).toMatchObject({ bytes: 40, parameterBytes: 40, pipeline: null });
    expect(model.sizeIncludes).toMatch(/before the feature pipeline was counted/);
    // From its own latency: 1,000 qps x 1 candidate x 1.5 / 250,000 rows/s -> 1 core.
    expect(capacity).toMatchObject({
      rowsPerSecPerCore: 250000,
      coresAtPeak: 1,
      requestP99Ms: null,
      requestWithinBudget: null,
      memoryBytesPerReplica: 40,
      trainingRowsShare: 40 / 70,
    });
  });

  it('reads a format-1 logistic run trained by Adam, keeping its numbers and saying so', () => {
    const record = stored(6);
    const result = record['result'] as Record<string, unknown>;
    delete result['capacity'];
    const config = result['config'] as Record<string, unknown>;
    result['config'] = { ...config, model: { family: 'logistic', epochs: 10, learningRate: 0.05 } };
    const read = readStoredRun({ ...record, schemaVersion: 1 });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.run.result.config.model).toEqual({ family: 'logistic' });
    expect(read.run.result.warnings.at(-1)).toMatch(
      /trained logistic regression by Adam \(epochs 10, learningRate 0.05\)/,
    );
    // Today's format keeps refusing the same keys: they would silently do nothing.
    const now = stored(7);
    const nowResult = now['result'] as Record<string, unknown>;
    nowResult['config'] = result['config'];
    const current = readStoredRun(now);
    expect(current.ok ? '' : current.reason).toMatch(/Unknown key "epochs" at model/);
  });

  it("skips an invalid config with parseConfig's message", () => {
    const record = stored(1);
    (record['result'] as { config: { model: unknown } }).config.model = { family: 'svm' };
    const read = readStoredRun(record);
    expect(read).toEqual({
      ok: false,
      reason: expect.stringMatching(/^its config is not valid: Invalid config at model/),
    });
  });
});

describe('readStoredRuns', () => {
  it('sorts readable runs by creation time then id, and counts the rest', () => {
    const broken = { ...stored(9), schemaVersion: 3 };
    const records = [stored(3, 'c', 500), broken, stored(1, 'a', 900), 'junk', stored(2, 'b', 500)];
    const { runs, skipped } = readStoredRuns(records);
    expect(runs.map((r) => r.name)).toEqual(['b', 'c', 'a']);
    expect(runs[0]!.result.config).toEqual(parseConfig(runs[0]!.result.config));
    expect(skipped).toEqual([
      { id: 9, reason: 'it was saved by a newer version of Tradeoff Lab (format 3)' },
      { id: null, reason: 'it is not an object' },
    ]);
  });
});

describe('skippedRunsMessage', () => {
  it('says nothing when all were read, and counts in plain words otherwise', () => {
    expect(skippedRunsMessage(0)).toBeNull();
    expect(skippedRunsMessage(1)).toBe(
      '1 saved run could not be read (it is damaged or from another version) and is not shown.',
    );
    expect(skippedRunsMessage(3)).toBe(
      '3 saved runs could not be read (they are damaged or from another version) and are not shown.',
    );
  });
});

describe('nextRunId', () => {
  it('is one more than the largest id in use, 1 when none', () => {
    expect(nextRunId([])).toBe(1);
    expect(nextRunId([{ id: 3 }, { id: 11 }, { id: 5 }])).toBe(12);
  });
});
