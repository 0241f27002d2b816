import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfigInput } from '../../../src/lib/experiment/config.ts';
import { runsToCsv } from '../../../src/lib/export/exportRuns.ts';
import {
  describeSetup,
  modelName,
  referenceRun,
  sameProblem,
} from '../../../src/lib/experiment/runSetup.ts';
import { exampleConfig, makeRun } from './runFixture.ts';

/** The example config with `change` applied to a copy (loosely typed: tests write any field). */
type Loose = any;
function variant(change: (c: Loose) => void): ExperimentConfigInput {
  const config: Loose = structuredClone(exampleConfig());
  change(config);
  return config as ExperimentConfigInput;
}

const logistic = (categorical: string, extra: object = {}) =>
  variant((c) => {
    c.model = { family: 'logistic' };
    c.features = { default: { categorical, ...extra } };
    c.imbalance = {};
  });

describe('describeSetup', () => {
  it('tells one-hot, hashing and embedding runs apart', () => {
    const labels = [
      logistic('onehot'),
      logistic('hashing', { hashBuckets: 1024 }),
      logistic('embedding', { dim: 8 }),
    ].map((c) => describeSetup(parseConfig(c)));
    expect(labels).toEqual([
      'logistic regression, onehot',
      'logistic regression, hashing 1024 buckets',
      'logistic regression, embedding dim 8',
    ]);
  });

  it('names only what differs from the other run: per-column encodings, w, sizes', () => {
    const base = parseConfig(exampleConfig());
    const perColumn = parseConfig(
      variant((c) => (c.features.columns.origin = { categorical: 'hashing', hashBuckets: 64 })),
    );
    expect(describeSetup(perColumn, base)).toBe('origin hashing 64 buckets');
    const w = parseConfig(variant((c) => (c.imbalance.negativeRate = 0.05)));
    expect(describeSetup(w, base)).toBe('w=0.05 recal.');
    const size = parseConfig(variant((c) => (c.model.hidden = [128])));
    expect(describeSetup(size, base)).toBe('MLP 128');
    expect(describeSetup(base, base)).toBe('same setup');
  });
});

describe('comparable runs', () => {
  it('compares only runs on the same data, target and task', () => {
    const flights = parseConfig(exampleConfig());
    const weather = parseConfig(
      variant(
        (c) =>
          (c.data = {
            source: 'builtin:seattle-weather',
            target: 'temp_max_tomorrow',
            task: 'regression',
          }),
      ),
    );
    expect(sameProblem(flights, flights)).toBe(true);
    expect(sameProblem(flights, weather)).toBe(false);
  });

  it('skips runs on other data when choosing the previous run, and a baseline on other data', () => {
    const weatherConfig = variant(
      (c) =>
        (c.data = {
          source: 'builtin:seattle-weather',
          target: 'temp_max_tomorrow',
          task: 'regression',
        }),
    );
    const runs = [makeRun(1, 'a'), makeRun(2, 'b', weatherConfig), makeRun(3, 'c')];
    expect(referenceRun(runs, runs[2]!)?.name).toBe('a');
    expect(referenceRun(runs, runs[1]!)).toBeNull();
    expect(referenceRun(runs, runs[2]!, 2)?.name).toBe('a');
    expect(referenceRun(runs, runs[0]!, 3)?.name).toBe('c');
  });

  it('calls a logistic-family regression linear regression', () => {
    const config = parseConfig(
      variant((c) => {
        c.data = {
          source: 'builtin:seattle-weather',
          target: 'temp_max_tomorrow',
          task: 'regression',
        };
        c.model = { family: 'logistic' };
      }),
    );
    expect(modelName(config)).toBe('linear regression');
  });

  it('labels runs in the CSV export by what differs from the previous run', () => {
    const runs = [makeRun(1, 'a', logistic('onehot')), makeRun(2, 'b', logistic('hashing'))];
    const csv = runsToCsv(runs);
    expect(csv).toContain(',"logistic regression, onehot",');
    expect(csv).toContain(',vs a: hashing,');
  });
});
