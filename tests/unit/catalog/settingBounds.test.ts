import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFamily } from '../../../src/lib/catalog/modelSettings.ts';
import { NUMBER_SETTINGS } from '../../../src/lib/catalog/settings.ts';
import type { NumberSetting } from '../../../src/lib/catalog/setting.ts';
import { createEngineApi } from '../../../src/lib/engineApi.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { withConfigPath } from '../../../src/lib/experiment/configPath.ts';

/**
 * A config the schema accepts trains: every number setting of the catalog, at its schema minimum
 * and maximum, trains end to end, and a value just outside is refused with a message naming the
 * path. The runs use the first 40 rows of examples/data/tiny.csv: the maxima cost in proportion to
 * rows times their size (2^14 hash buckets are a dense 2^14-column matrix; 5,000 trees; 1,000
 * epochs), and 40 rows still exercise every one of them end to end while keeping the test quick.
 */

const TINY = 'examples/data/tiny.csv';
const ROWS = 40;

const engine = createEngineApi({
  // What is checked is that each config trains end to end: one round of latency timing does that,
  // five took a third of this file's time (the latency figures are tested in tests/unit/serving).
  latencyRounds: 1,
  readData: async (path) => {
    if (path !== TINY) throw new Error(`only ${TINY} is read here, not ${path}`);
    return (await readFile(TINY, 'utf8'))
      .split('\n')
      .slice(0, ROWS + 1)
      .join('\n');
  },
});

/** The cheapest model of each family, so the setting under test is what costs. */
const MODELS: Record<ModelFamily, Record<string, unknown>> = {
  logistic: { family: 'logistic' },
  gbdt: { family: 'gbdt', trees: 3, maxDepth: 2 },
  mlp: { family: 'mlp', hidden: [4], epochs: 1 },
  'embedding-mlp': { family: 'embedding-mlp', hidden: [4], epochs: 1 },
};

/** What a setting needs to take effect: the encoding it sizes, the column it reads. */
const CONTEXT: Record<string, Record<string, unknown>> = {
  'features.default.quantileBins': { 'features.default.numeric': 'quantile' },
  'features.default.hashBuckets': { 'features.default.categorical': 'hashing' },
  'features.default.dim': { 'features.default.categorical': 'embedding' },
  'features.default.maxVocab': { 'features.default.categorical': 'embedding' },
  'features.default.targetFolds': { 'features.default.categorical': 'target' },
  'features.default.targetSmoothing': { 'features.default.categorical': 'target' },
  'features.default.textBuckets': { 'data.types': { region: 'text' } },
  'model.embeddingDim': { 'features.default.categorical': 'embedding' },
  // One optimizer step per epoch: 1,000 epochs of one step each.
  'model.epochs': { 'model.batchSize': 65_536 },
};

function configWith(setting: NumberSetting, family: ModelFamily, value: number) {
  let config: Record<string, unknown> = {
    seed: 3,
    data: {
      source: `csv:${TINY}`,
      target: 'defaulted',
      task: 'binary',
      positiveClass: 'yes',
      split: { method: 'random', test: 0.2, validation: 0.1 },
    },
    model: MODELS[family],
  };
  const parts: Record<string, unknown> = { ...CONTEXT[setting.path] };
  if (setting.path === 'model.hidden.length') parts['model.hidden'] = Array(value).fill(4);
  else if (setting.path === 'model.hidden.*') parts['model.hidden'] = [value];
  else if (setting.path === 'features.crosses.*.2')
    parts['features.crosses'] = [['region', 'has_card', value]];
  else parts[setting.path] = value;
  for (const [path, part] of Object.entries(parts)) config = withConfigPath(config, path, part);
  return config;
}

/** The path a validation message names for this setting: its first array item, or the array. */
function messagePath(setting: NumberSetting): string {
  return setting.path.replace(/\.length$/, '').replace('*', '0');
}

/** Just outside the range: below the minimum (or at an exclusive one) and above the maximum. */
function outside(setting: NumberSetting): number[] {
  const step = setting.type === 'integer' ? 1 : Math.max(Math.abs(setting.max) * 1e-6, 1e-9);
  const below = setting.minExclusive ? setting.min : setting.min - step;
  return [below, setting.max + step];
}

/** The schema's minimum, or just above an exclusive one. */
function lowest(setting: NumberSetting): number {
  return setting.minExclusive ? setting.min + 1e-6 : setting.min;
}

const cases = NUMBER_SETTINGS.map(({ setting, families }) => ({
  setting,
  family: families?.[0] ?? ('logistic' as const),
}));

describe('every number setting of the catalog', () => {
  beforeAll(async () => {
    await engine.init('cpu');
  });

  it('is walked: each path of each family once', () => {
    const keys = cases.map((c) => `${c.family} ${c.setting.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('gbdt model.maxLeaves');
  });

  it.each(cases)(
    '$setting.path ($family) trains at its schema minimum and maximum',
    async ({ setting, family }) => {
      for (const value of [lowest(setting), setting.max]) {
        const outcome = await engine.train(1, configWith(setting, family, value));
        expect(outcome.ok ? 'trained' : outcome.message, `${setting.path} = ${value}`).toBe(
          'trained',
        );
      }
    },
  );

  it.each(cases)(
    '$setting.path refuses a value just outside its range, naming the path',
    ({ setting, family }) => {
      // A layer count below 0 or between integers is no array at all: only too many layers applies.
      const values =
        setting.path === 'model.hidden.length'
          ? [setting.max + 1]
          : [...outside(setting), ...(setting.type === 'integer' ? [setting.min + 0.5] : [])];
      for (const value of values) {
        expect(() => parseConfig(configWith(setting, family, value)), `${value}`).toThrow(
          `Invalid config at ${messagePath(setting)}:`,
        );
      }
    },
  );
});
