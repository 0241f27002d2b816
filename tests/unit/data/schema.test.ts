import { describe, expect, it } from 'vitest';
import { parseCsv, retypeColumn, setColumnExcluded } from '../../../src/lib/data/csvImport.ts';
import { RAW_KEEP_MAX_DISTINCT } from '../../../src/lib/data/schema.ts';
import { booleanMapping, parseDatetime, parseNumber } from '../../../src/lib/data/schemaParsers.ts';
import { bytesPerRow, tableBytes } from '../../../src/lib/data/tableStats.ts';
import type { Table } from '../../../src/lib/data/table.ts';
import { numbers, strings } from './csvHelpers.ts';

/** A CSV string from named columns of equal length. */
function csvOf(columns: Record<string, readonly (string | number)[]>): string {
  const names = Object.keys(columns);
  const rows = (columns[names[0] as string] ?? []).map((_, i) =>
    names.map((name) => String(columns[name]?.[i] ?? '')).join(','),
  );
  return [names.join(','), ...rows].join('\n') + '\n';
}

const range = (n: number, f: (i: number) => string | number): (string | number)[] =>
  Array.from({ length: n }, (_, i) => f(i));

describe('schema inference', () => {
  it('infers numeric, categorical, boolean, text and datetime columns', async () => {
    const { schema } = await parseCsv(
      csvOf({
        amount: range(12, (i) => (i * 1.5).toFixed(1)),
        city: range(12, (i) => ['Paris', 'Lyon', 'Nice'][i % 3] as string),
        active: range(12, (i) => (i % 2 ? 'Yes' : 'no')),
        clicked: range(12, (i) => i % 2),
        review: range(12, (i) => `"this product was fine number ${i}, would buy again"`),
        signup: range(12, (i) => `2024-03-${String(i + 1).padStart(2, '0')}T08:30:00Z`),
        visit: range(12, (i) => `2024/03/${String(i + 1).padStart(2, '0')} 17:05`),
      }),
    );
    expect(schema.map((s) => [s.name, s.kind])).toEqual([
      ['amount', 'numeric'],
      ['city', 'categorical'],
      ['active', 'boolean'],
      ['clicked', 'boolean'],
      ['review', 'text'],
      ['signup', 'datetime'],
      ['visit', 'datetime'],
    ]);
    expect(schema.every((s) => !s.idLike && !s.excluded)).toBe(true);
    expect(schema[1]?.cardinality).toBe(3);
  });

  it('keeps 0/1 boolean only when both occur alone; other small integer sets stay numeric', () => {
    expect(Array.from(booleanMapping(['1', '0']) ?? [])).toEqual([1, 0]);
    expect(booleanMapping(['1'])).toBeNull();
    expect(booleanMapping(['0', '1', '2'])).toBeNull();
    expect(Array.from(booleanMapping(['TRUE', 'false', 'True']) ?? [])).toEqual([1, 0, 1]);
    expect(Array.from(booleanMapping(['y']) ?? [])).toEqual([1]);
    expect(booleanMapping(['yes', 'true'])).toBeNull();
  });

  it('flags unique integer and string ids, not unique measurements', async () => {
    const { schema } = await parseCsv(
      csvOf({
        row: range(20, (i) => 1000 + i),
        customer_id: range(20, (i) => 7 + i * 9973),
        order: range(20, (i) => `ORD-${i * 17}`),
        weight: range(20, (i) => (i * 3.7 + 0.1).toFixed(2)),
        population: range(20, (i) => 1000 + i * i * 977),
      }),
    );
    const flags = schema.map((s) => [s.name, s.kind, s.idLike, s.excluded]);
    expect(flags).toEqual([
      ['row', 'numeric', true, true],
      ['customer_id', 'numeric', true, true],
      ['order', 'categorical', true, true],
      ['weight', 'numeric', false, false],
      ['population', 'numeric', false, false],
    ]);
  });

  it('keeps integer codes with leading zeros (zip codes) as categorical strings', async () => {
    const { table, schema } = await parseCsv(csvOf({ zip: ['02134', '10001', '02134'] }));
    expect(schema[0]?.kind).toBe('categorical');
    expect(strings(table, 'zip')).toEqual(['02134', '10001', '02134']);
  });

  it('counts missing values and reports missing share, cardinality and top values', async () => {
    const colors = ['red', 'red', 'NA', 'blue', 'red', '?', 'green', 'blue', '', 'red'];
    // Two columns: in a one-column file an empty field is a blank line, which is skipped.
    const { schema } = await parseCsv(csvOf({ color: colors, n: range(10, (i) => i) }));
    expect(schema[0]).toMatchObject({
      kind: 'categorical',
      missingCount: 3,
      missingShare: 0.3,
      cardinality: 3,
      missingTokens: ['NA', '?', ''],
      topValues: [
        { value: 'red', count: 4 },
        { value: 'blue', count: 2 },
        { value: 'green', count: 1 },
      ],
    });
  });

  it('keeps at most 10 top values, most frequent first', async () => {
    const values = range(60, (i) => `v${String(i % 12).padStart(2, '0')}`);
    values.push('v11', 'v11', 'v03');
    const { schema } = await parseCsv(csvOf({ code: values }));
    const top = schema[0]?.topValues ?? [];
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ value: 'v11', count: 7 });
    expect(top[1]).toEqual({ value: 'v03', count: 6 });
    expect(top[2]).toEqual({ value: 'v00', count: 5 });
  });

  it('gives numeric columns a 20-bin histogram with min and max', async () => {
    const { schema } = await parseCsv(csvOf({ x: [...range(100, (i) => i), 'NA'] }));
    const histogram = schema[0]?.histogram;
    expect(histogram?.counts).toEqual(new Array(20).fill(5));
    expect([histogram?.edges.length, histogram?.edges[0], histogram?.edges[20]]).toEqual([
      21, 0, 99,
    ]);
    expect(schema[0]?.missingCount).toBe(1);
    expect(schema[0]?.memoryBytes).toBe(101 * 8);
  });

  it('marks an all-missing column excluded', async () => {
    const { schema } = await parseCsv(csvOf({ a: [1, 2], empty: ['NA', ''] }));
    expect(schema[1]).toMatchObject({ excluded: true, missingCount: 2, cardinality: 0 });
  });
});

describe('value parsers', () => {
  it('reads numbers with thousands separators and decimal marks', () => {
    expect(parseNumber('1,234,567.5', 'dot')).toBe(1234567.5);
    expect(parseNumber('1 234', 'dot')).toBe(1234);
    expect(parseNumber('-.5e3', 'dot')).toBe(-500);
    expect(parseNumber('1,23', 'dot')).toBeNaN();
    expect(parseNumber('12abc', 'dot')).toBeNaN();
    expect(parseNumber('Infinity', 'dot')).toBeNaN();
    expect(parseNumber('3,14', 'comma')).toBe(3.14);
    expect(parseNumber('1.234,5', 'comma')).toBe(1234.5);
    expect(parseNumber('3.14', 'comma')).toBeNaN();
  });

  it('reads ISO dates and date-times as UTC epoch milliseconds', () => {
    expect(parseDatetime('2024-01-05')).toBe(Date.UTC(2024, 0, 5));
    expect(parseDatetime('2024-01-05T10:00')).toBe(Date.UTC(2024, 0, 5, 10));
    expect(parseDatetime('2024-01-05 10:00:30.250')).toBe(Date.UTC(2024, 0, 5, 10, 0, 30, 250));
    expect(parseDatetime('2024-01-05T10:00:00+02:00')).toBe(Date.UTC(2024, 0, 5, 8));
    expect(parseDatetime('2024-01-05T10:00:00-0130')).toBe(Date.UTC(2024, 0, 5, 11, 30));
    expect(parseDatetime('2024/1/5 09:07')).toBe(Date.UTC(2024, 0, 5, 9, 7));
    expect(parseDatetime('2024-02-30')).toBeNaN();
    expect(parseDatetime('2024-13-01')).toBeNaN();
    expect(parseDatetime('05/01/2024')).toBeNaN();
  });
});

describe('schema overrides', () => {
  const csv = csvOf({
    rating: range(30, (i) => ['4.50', '3', '5'][i % 3] as string),
    city: range(30, (i) => ['Paris', 'Lyon', '12'][i % 3] as string),
    flag: range(30, (i) => (i % 2 ? 'on' : 'off')),
  });

  it('turns a numeric column into categorical with the values as written', async () => {
    const imported = await parseCsv(csv);
    expect(imported.schema[0]?.kind).toBe('numeric');
    const retyped = retypeColumn(imported, 'rating', 'categorical');
    expect(retyped.schema[0]).toMatchObject({
      kind: 'categorical',
      inferred: false,
      cardinality: 3,
    });
    expect(strings(retyped.table, 'rating').slice(0, 3)).toEqual(['4.50', '3', '5']);
    // The original import is unchanged and other columns are shared.
    expect(imported.schema[0]?.kind).toBe('numeric');
    expect(retyped.table.columns[1]).toBe(imported.table.columns[1]);
  });

  it('turns categorical into numeric, counting unreadable values as missing', async () => {
    const retyped = retypeColumn(await parseCsv(csv), 'city', 'numeric');
    expect(numbers(retyped.table, 'city').slice(0, 3)).toEqual([NaN, NaN, 12]);
    expect(retyped.schema[1]).toMatchObject({ kind: 'numeric', unreadable: 20, missingCount: 20 });
    expect(retyped.schema[1]?.notes).toContain(
      '20 values could not be read as numeric: now missing.',
    );
  });

  it('turns categorical into text and a two-valued column into boolean', async () => {
    const imported = await parseCsv(csv);
    expect(imported.schema[2]?.kind).toBe('categorical');
    const text = retypeColumn(imported, 'city', 'text');
    expect(strings(text.table, 'city').slice(0, 3)).toEqual(['Paris', 'Lyon', '12']);
    const bool = retypeColumn(imported, 'flag', 'boolean');
    // "on" sorts after "off", so it is true; both keep their spelling.
    expect(strings(bool.table, 'flag').slice(0, 2)).toEqual(['off', 'on']);
    expect(bool.table.columns.find((c) => c.name === 'flag')).toMatchObject({
      dictionary: ['off', 'on'],
    });
    expect(() => retypeColumn(imported, 'city', 'boolean')).toThrow(
      'Column "city" has 3 different values; a boolean column can have at most two.',
    );
  });

  it('re-creates a high-cardinality numeric column from its values, not a kept copy', async () => {
    const n = RAW_KEEP_MAX_DISTINCT + 100;
    const imported = await parseCsv(csvOf({ x: range(n, (i) => (i / 4).toFixed(2)) }));
    expect(imported.sources[0]).toBeNull();
    const retyped = retypeColumn(imported, 'x', 'categorical');
    // Formatting is not kept ("0.50" -> "0.5"), the value is.
    expect(strings(retyped.table, 'x').slice(0, 3)).toEqual(['0', '0.25', '0.5']);
    expect(retyped.schema[0]?.cardinality).toBe(n);
  });

  it('excludes and re-includes a column', async () => {
    const imported = await parseCsv(csv);
    const excluded = setColumnExcluded(imported, 'city', true);
    expect(excluded.schema[1]?.excluded).toBe(true);
    expect(setColumnExcluded(excluded, 'city', false).schema[1]?.excluded).toBe(false);
    expect(() => setColumnExcluded(imported, 'nope', true)).toThrow('No column named "nope"');
  });
});

describe('tableBytes', () => {
  it('adds typed array bytes and each distinct string once', () => {
    const table: Table = {
      rowCount: 3,
      columns: [
        { kind: 'numeric', name: 'x', values: new Float64Array(3) },
        { kind: 'categorical', name: 'c', codes: new Int32Array(3), dictionary: ['ab', 'é'] },
        { kind: 'text', name: 't', values: ['hi', null, 'hi'] },
        { kind: 'text', name: 'u', values: ['日本'] },
      ],
    };
    // 24 + (12 + 2*8 + (16+2) + (16+1)) + (3*8 + (16+2)) + (8 + (16+2*2))
    const expected = 24 + 63 + 42 + 28;
    expect(tableBytes(table)).toBe(expected);
    expect(bytesPerRow(table)).toBe(expected / 3);
  });
});
