import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, experimentConfigJsonSchema } from '../../../scripts/configSchema.ts';
import { toJsonSchema } from '../../../src/cli/valibotJsonSchema.ts';
import { ConfigError, parseConfig } from '../../../src/lib/experiment/config.ts';
import { schemaErrors } from './jsonSchemaCheck.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const committed = JSON.parse(readFileSync(`${ROOT}${CONFIG_SCHEMA_FILE}`, 'utf8'));
const examples = readdirSync(`${ROOT}examples`).filter((f) => f.endsWith('.json'));
const readExample = (name: string): unknown =>
  JSON.parse(readFileSync(`${ROOT}examples/${name}`, 'utf8'));

describe('the committed config JSON Schema', () => {
  it('is what scripts/configSchema.ts generates now (run `npx tsx scripts/configSchema.ts` if not)', () => {
    expect(committed).toEqual(experimentConfigJsonSchema());
  });

  it('states draft 2020-12 and the contract fields of docs/design.md', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.required).toEqual(['data', 'model']);
    const { data, model, imbalance, seed } = committed.properties;
    expect(seed).toEqual({ type: 'integer', minimum: 0, maximum: 2 ** 31 - 1, default: 42 });
    expect(data.required).toEqual(['source', 'target', 'task']);
    expect(data.properties.task.enum).toEqual(['binary', 'multiclass', 'regression']);
    expect(
      model.oneOf.map((m: { properties: { family: unknown } }) => m.properties.family),
    ).toEqual([
      { const: 'logistic' },
      { const: 'gbdt' },
      { const: 'mlp' },
      { const: 'embedding-mlp' },
    ]);
    expect(imbalance.properties.negativeRate).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      default: 1,
      // The settings catalog's help, for editors.
      description: expect.stringMatching(/fraction w of the negatives/),
    });
  });
});

describe('the example configs', () => {
  it('are at least five', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('%s passes parseConfig and the JSON Schema', (name) => {
    const input = readExample(name);
    expect(() => parseConfig(input)).not.toThrow();
    expect(schemaErrors(committed, input)).toEqual([]);
  });
});

describe('the JSON Schema and parseConfig', () => {
  const base = readExample('gbdt-flights.json') as Record<string, Record<string, unknown>>;
  const broken: [string, unknown][] = [
    ['zero trees', { ...base, model: { family: 'gbdt', trees: 0 } }],
    ['a fractional seed', { ...base, seed: 1.5 }],
    ['an unknown task', { ...base, data: { ...base.data, task: 'ranking' } }],
    ['a source without a scheme', { ...base, data: { ...base.data, source: 'flights.csv' } }],
    ['no target', { ...base, data: { ...base.data, target: undefined } }],
    ['an empty target', { ...base, data: { ...base.data, target: '' } }],
    ['negativeRate 0', { ...base, imbalance: { negativeRate: 0 } }],
    ['an unknown model family', { ...base, model: { family: 'svm' } }],
    ['an MLP layer of width 0', { ...base, model: { family: 'mlp', hidden: [0] } }],
    ['nine MLP layers', { ...base, model: { family: 'mlp', hidden: Array(9).fill(4) } }],
    ['a cross with one column', { ...base, features: { crosses: [['origin', 64]] } }],
    ['a wrong column type', { ...base, data: { ...base.data, types: { origin: 'id' } } }],
    [
      'a synthetic kind other than ctr',
      { ...base, data: { ...base.data, source: { synthetic: { kind: 'x' } } } },
    ],
  ];

  it.each(broken)('both reject %s', (_, input) => {
    const json = JSON.parse(JSON.stringify(input));
    expect(() => parseConfig(json)).toThrow(ConfigError);
    expect(schemaErrors(committed, json)).not.toEqual([]);
  });
});

describe('toJsonSchema', () => {
  it('maps number pipes to integer, inclusive and exclusive bounds', () => {
    const schema = v.object({
      count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
      rate: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
    });
    expect(toJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1, maximum: 10 },
        rate: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      },
      required: ['count', 'rate'],
    });
  });

  it('leaves optional properties out of required and keeps their defaults', () => {
    const schema = v.object({
      name: v.optional(v.pipe(v.string(), v.minLength(2), v.description('who')), 'ab'),
      on: v.optional(v.boolean()),
    });
    expect(toJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 2, description: 'who', default: 'ab' },
        on: { type: 'boolean' },
      },
    });
  });

  it('maps picklist, literal, union, variant, record, array and tuple', () => {
    const schema = v.object({
      pick: v.picklist(['a', 'b']),
      mixed: v.union([v.number(), v.pipe(v.string(), v.regex(/^x+$/))]),
      shape: v.variant('kind', [
        v.object({ kind: v.literal('dot') }),
        v.object({ kind: v.literal('box'), side: v.number() }),
      ]),
      weights: v.record(v.string(), v.number()),
      list: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(3)),
      pair: v.tuple([v.string(), v.number()]),
    });
    expect(toJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        pick: { type: 'string', enum: ['a', 'b'] },
        mixed: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^x+$' }] },
        shape: {
          oneOf: [
            { type: 'object', properties: { kind: { const: 'dot' } }, required: ['kind'] },
            {
              type: 'object',
              properties: { kind: { const: 'box' }, side: { type: 'number' } },
              required: ['kind', 'side'],
            },
          ],
        },
        weights: { type: 'object', additionalProperties: { type: 'number' } },
        list: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2 },
      },
      required: ['pick', 'mixed', 'shape', 'weights', 'list', 'pair'],
    });
  });

  it('refuses constructs it cannot express instead of writing a wrong schema', () => {
    expect(() => toJsonSchema(v.nullable(v.string()))).toThrow('"nullable"');
    expect(() => toJsonSchema(v.pipe(v.string(), v.trim()))).toThrow('"trim"');
    expect(() => toJsonSchema(v.pipe(v.string(), v.regex(/a/i)))).toThrow('regex flags');
    expect(() => toJsonSchema(v.optional(v.string()))).toThrow('"optional"');
    expect(() => toJsonSchema(v.object({ at: v.optional(v.number(), () => 1) }))).toThrow(
      'function',
    );
  });
});
