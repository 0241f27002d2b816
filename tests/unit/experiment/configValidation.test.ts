import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ExperimentConfigSchema,
  parseConfig,
} from '../../../src/lib/experiment/config.ts';
import { decodeShareLink } from '../../../src/lib/links/shareLink.ts';
import { readStoredRun, STORED_RUN_VERSION } from '../../../src/lib/persistence/storedRun.ts';
import { createEngineApi } from '../../../src/lib/engineApi.ts';

const base = {
  data: { source: 'builtin:flights', target: 'delayed', task: 'binary' },
  model: { family: 'logistic' },
};

function message(input: unknown): string {
  try {
    parseConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parseConfig accepted the config');
}

function hashOf(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `#v1=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

describe('unknown config keys', () => {
  it('refuses a misspelt key, naming it, where it is and the closest valid key', () => {
    expect(message({ ...base, imbalance: { negativeRat: 0.1 } })).toBe(
      'Unknown key "negativeRat" at imbalance; did you mean "negativeRate"?',
    );
    expect(message({ ...base, model: { family: 'gbdt', max_depth: 3 } })).toBe(
      'Unknown key "max_depth" at model; did you mean "maxDepth"?',
    );
    expect(message({ ...base, seeds: 1 })).toBe(
      'Unknown key "seeds" at the top level; did you mean "seed"?',
    );
  });

  it('suggests from the schema at the key: a model family, a column, a synthetic source', () => {
    // learningRate exists on gbdt, embeddingDim only on embedding-mlp.
    expect(message({ ...base, model: { family: 'mlp', embeddingDim: 4 } })).toMatch(
      /^Unknown key "embeddingDim" at model; did you mean "/,
    );
    expect(message({ ...base, features: { columns: { origin: { categorcal: 'hashing' } } } })).toBe(
      'Unknown key "categorcal" at features.columns.origin; did you mean "categorical"?',
    );
    const synthetic = { synthetic: { kind: 'ctr', row: 10 } };
    expect(message({ ...base, data: { ...base.data, source: synthetic } })).toBe(
      'Unknown key "row" at data.source.synthetic; did you mean "rows"?',
    );
  });

  it('quotes a hostile key short and with control characters escaped', () => {
    const key = `\u001b[31m${'k'.repeat(5000)}`;
    const text = message({ ...base, imbalance: { [key]: 1 } });
    expect(text.length).toBeLessThan(250);
    expect(text).not.toMatch(/[\u0000-\u001f]/);
    expect(text).toContain('\\u001b[31m');
  });

  it('keeps every object in the schema strict, including fields added later', () => {
    const loose: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      if (schema['type'] === 'object' || schema['type'] === 'loose_object') loose.push(path);
      for (const [key, child] of Object.entries(schema)) {
        if (key === 'pipe' || key === '~standard') continue;
        walk(child, key === 'entries' ? path : `${path}.${key}`);
      }
    };
    walk(ExperimentConfigSchema, 'config');
    expect(loose).toEqual([]);
  });

  it('refuses an unknown key in a share link and in a stored run', () => {
    const link = decodeShareLink(hashOf({ ...base, imbalance: { negativeRat: 0.1 } }));
    expect(link).toMatchObject({ ok: false, problem: 'invalid' });
    expect(link.ok ? '' : link.reason).toContain('did you mean "negativeRate"?');
    const config = parseConfig(base);
    const record = {
      id: 1,
      name: 'Run 1',
      createdAt: 1,
      schemaVersion: STORED_RUN_VERSION,
      result: {
        config: { ...config, model: { family: 'gbdt', max_depth: 3 } },
        metrics: { test: {}, validation: {} },
        data: {},
        curves: {},
        latency: {},
        model: {},
        capacity: {},
        trainingCurve: [],
        warnings: [],
      },
    };
    const read = readStoredRun(record);
    expect(read.ok ? '' : read.reason).toContain('Unknown key "max_depth" at model');
  });
});

describe('config shape messages', () => {
  it('says a config must be an object, not an array or text', () => {
    expect(message([base])).toBe(
      'A config must be a JSON object ({ "data": ..., "model": ... }), not an array.',
    );
    expect(message('hello')).toMatch(/^A config must be a JSON object .*not the text "hello"\.$/);
    expect(message({ ...base, imbalance: [1] })).toBe(
      'Invalid config at imbalance: expected an object ({ ... }), not an array.',
    );
  });
});

describe('per-column settings keyed by any column name', () => {
  const hostile = ['constructor', '__proto__', 'prototype', 'toString'];

  it('keeps overrides and type overrides for columns named like Object members', () => {
    const columns = JSON.parse(
      `{${hostile.map((name) => `"${name}": { "drop": true }`).join(',')}}`,
    ) as unknown;
    const types = JSON.parse(
      `{${hostile.map((name) => `"${name}": "categorical"`).join(',')}}`,
    ) as unknown;
    const config = parseConfig({
      ...base,
      data: { ...base.data, types },
      features: { columns },
    });
    const kept = config.features.columns!;
    expect(Object.getPrototypeOf(kept)).toBeNull();
    expect(Object.keys(kept)).toEqual(hostile);
    for (const name of hostile) {
      expect(Object.getOwnPropertyDescriptor(kept, name)?.value).toEqual({ drop: true });
      expect(Object.getOwnPropertyDescriptor(config.data.types, name)?.value).toBe('categorical');
    }
    expect(({} as Record<string, unknown>)['drop']).toBeUndefined();
    // JSON (share links) and structured clone (the worker, IndexedDB) keep them as own keys.
    expect(Object.keys(parseConfig(JSON.parse(JSON.stringify(config))).features.columns!)).toEqual(
      hostile,
    );
    expect(Object.keys(parseConfig(structuredClone(config)).features.columns!)).toEqual(hostile);
  });

  it('names the column of a bad override value', () => {
    const columns = JSON.parse('{"__proto__": { "topK": -1 }}') as unknown;
    expect(message({ ...base, features: { columns } })).toMatch(
      /^Invalid config at features\.columns\.__proto__\.topK: /,
    );
  });

  it('leaves a column named "constructor" out of the features when the config drops it', async () => {
    const csv = [
      'constructor,x,y',
      ...Array.from({ length: 40 }, (_, i) => `${i % 2},${i},${i % 2}`),
    ];
    const engine = createEngineApi({ readData: async () => '' });
    const imported = await engine.importCsv(1, 'leak.csv', new Blob([csv.join('\n')]));
    expect(imported.ok).toBe(true);
    const config = {
      data: { source: 'upload:leak.csv', target: 'y', task: 'binary' },
      model: { family: 'logistic' },
    };
    const names = async (extra: object) => {
      const outcome = await engine.plan({ ...config, ...extra });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.value.features.columns.map((c) => c.name);
    };
    expect(await names({})).toContain('constructor');
    const dropped = JSON.parse('{"columns": {"constructor": {"drop": true}}}') as unknown;
    expect(await names({ features: dropped })).not.toContain('constructor');
  });
});

describe('the schema walk', () => {
  it('accepts every example config as it is', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.json'))) {
      expect(() => parseConfig(JSON.parse(readFileSync(`examples/${file}`, 'utf8')))).not.toThrow();
    }
    expect(v.is(ExperimentConfigSchema, parseConfig(base))).toBe(true);
  });
});

describe('config errors across the engine', () => {
  it('keep the field at fault as their cause, beside the message', async () => {
    const engine = createEngineApi({ readData: async () => '' });
    expect(await engine.plan({ ...base, imbalance: { negativeRat: 0.1 } })).toMatchObject({
      ok: false,
      message: 'Unknown key "negativeRat" at imbalance; did you mean "negativeRate"?',
      cause: { name: 'ConfigError', field: 'imbalance.negativeRat' },
    });
    expect(await engine.plan({ ...base, model: { family: 'logistic', l2: -1 } })).toMatchObject({
      cause: { name: 'ConfigError', field: 'model.l2' },
    });
    const native = { ...base, features: { default: { categorical: 'native' } } };
    expect(await engine.plan(native)).toMatchObject({
      cause: { name: 'ConfigError', field: 'features.default.categorical' },
    });
  });
});
