import { describe, expect, it } from 'vitest';
import {
  NUMERIC_SWITCH_DISTINCT,
  RawColumnsBuilder,
  type RawColumn,
  type RawNumericColumn,
} from '../../../src/lib/data/csvRawColumns.ts';

/** Feeds one-column rows and returns the finished column. */
function build(values: readonly string[], delimiter = ','): RawColumn | RawNumericColumn {
  const builder = new RawColumnsBuilder(1, delimiter, 16);
  for (const value of values) builder.addRow([value]);
  return builder.finish()[0] as RawColumn | RawNumericColumn;
}

const manyNumbers = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => (i + 0.5).toFixed(2));

describe('RawColumnsBuilder', () => {
  it('dictionary-encodes trimmed values with -1 for missing tokens and short rows', () => {
    const builder = new RawColumnsBuilder(2, ',');
    builder.addRow([' a ', 'x']);
    builder.addRow(['NA', 'y']);
    builder.addRow(['a']);
    const [first, second] = builder.finish() as RawColumn[];
    expect(first).toEqual({
      distinct: ['a'],
      codes: Int32Array.from([0, -1, 0]),
      missingTokens: ['NA'],
    });
    expect(second?.codes).toEqual(Int32Array.from([0, 1, -1]));
  });

  it('switches a many-valued numeric column to parsed numbers, missing tokens included', () => {
    const values = manyNumbers(NUMERIC_SWITCH_DISTINCT + 10);
    values.splice(5, 0, 'NA');
    values.push('?', '1,234.5');
    const column = build(values);
    expect('values' in column).toBe(true);
    const numeric = column as RawNumericColumn;
    expect(numeric.values.length).toBe(values.length);
    expect(Array.from(numeric.values.subarray(0, 7))).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, NaN, 5.5]);
    expect(Array.from(numeric.values.subarray(-3))).toEqual([65545.5, NaN, 1234.5]);
    expect(numeric.missingTokens).toEqual(['NA', '?']);
  });

  it('reads decimal commas in a semicolon file once switched', () => {
    const values = manyNumbers(NUMERIC_SWITCH_DISTINCT + 1).map((v) => v.replace('.', ','));
    const numeric = build(values, ';') as RawNumericColumn;
    expect(numeric.decimalMark).toBe('comma');
    expect(numeric.values[NUMERIC_SWITCH_DISTINCT]).toBe(65536.5);
  });

  it('goes back to a dictionary when a non-number follows the switch', () => {
    const values = [...manyNumbers(NUMERIC_SWITCH_DISTINCT + 2), 'NA', 'n/a value', '0042'];
    const column = build(values) as RawColumn;
    expect('codes' in column).toBe(true);
    const text = Array.from(column.codes, (code) => (code < 0 ? null : column.distinct[code]));
    // Numbers read before the switch back are written with String(): "0.50" -> "0.5".
    expect(text.slice(0, 2)).toEqual(['0.5', '1.5']);
    expect(text.slice(-4)).toEqual(['65537.5', null, 'n/a value', '0042']);
    expect(column.missingTokens).toEqual(['NA']);
  });

  it('keeps a many-valued column with leading zeros as strings', () => {
    const values = Array.from({ length: NUMERIC_SWITCH_DISTINCT + 1 }, (_, i) =>
      String(i).padStart(6, '0'),
    );
    const column = build(values) as RawColumn;
    expect(column.distinct[7]).toBe('000007');
  });

  it('switches after the first 1,024 rows when a column already has 256 distinct numbers', () => {
    // 2,000 rows cycling through 300 values: far from 65,536 distinct, numeric from row 1,024.
    const values = Array.from({ length: 2000 }, (_, i) => ((i % 300) + 0.25).toFixed(2));
    const column = build(values) as RawNumericColumn;
    expect('values' in column).toBe(true);
    expect(column.values.length).toBe(2000);
    expect(Array.from(column.values.subarray(1023, 1026))).toEqual([123.25, 124.25, 125.25]);
  });

  it('keeps a few-valued numeric column (a code, a label) as a dictionary', () => {
    const values = Array.from({ length: 2000 }, (_, i) => String(i % 20));
    expect('codes' in build(values)).toBe(true);
  });
});
