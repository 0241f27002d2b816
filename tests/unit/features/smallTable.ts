/** A small hand-checkable table for the feature tests: rows 0-5 train, rows 6-7 test. */
import type { Table } from '../../../src/lib/data/table.ts';

export const TRAIN_ROWS = Int32Array.from([0, 1, 2, 3, 4, 5]);
export const TEST_ROWS = Int32Array.from([6, 7]);
export const ALL_ROWS = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);

/** Labels aligned with rows. */
export const LABELS = Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0]);

export function smallTable(): Table {
  return {
    rowCount: 8,
    columns: [
      { kind: 'numeric', name: 'num', values: Float64Array.from([1, 2, 3, NaN, 5, 6, 100, NaN]) },
      {
        kind: 'categorical',
        name: 'city',
        // a, b, a, c, missing, a | z (never in training), b
        codes: Int32Array.from([0, 1, 0, 2, -1, 0, 3, 1]),
        dictionary: ['a', 'b', 'c', 'z'],
      },
      {
        kind: 'boolean',
        name: 'flag',
        codes: Int32Array.from([1, 0, 1, 1, 0, -1, 1, 0]),
        dictionary: ['false', 'true'],
      },
      {
        kind: 'text',
        name: 'note',
        values: [
          'good food',
          'bad service',
          null,
          'good good service',
          'ok',
          'food was bad',
          'new words',
          null,
        ],
      },
      {
        kind: 'datetime',
        name: 'when',
        values: Float64Array.from([
          0,
          86_400_000,
          2 * 86_400_000,
          NaN,
          4 * 86_400_000,
          5 * 86_400_000,
          1e12,
          0,
        ]),
        raw: [
          '1970-01-01',
          '1970-01-02',
          '1970-01-03',
          null,
          '1970-01-05',
          '1970-01-06',
          '2001-09-09',
          '1970-01-01',
        ],
      },
      { kind: 'numeric', name: 'label', values: Float64Array.from(LABELS) },
    ],
  };
}

/** A deep copy whose column arrays can be changed without touching the original. */
export function cloneTable(table: Table): Table {
  return structuredClone(table);
}
