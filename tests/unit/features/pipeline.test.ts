import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, Table } from '../../../src/lib/data/table.ts';
import { createRng } from '../../../src/lib/random.ts';
import {
  fitFeaturePipeline,
  transformRows,
  type FeaturePipeline,
} from '../../../src/lib/features/pipeline.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';
import {
  createRecordBuffers,
  transformRecord,
  type RawValue,
} from '../../../src/lib/features/transformRecord.ts';
import { ALL_ROWS, LABELS, TEST_ROWS, TRAIN_ROWS, cloneTable, smallTable } from './smallTable.ts';

const OPTIONS = { target: 'label', labels: LABELS, seed: 11 };

// Every encoding at once: numeric default, quantile, datetime, boolean, text, target, cross.
const RICH_SPEC: FeatureSpec = {
  default: { numeric: 'standardize', categorical: 'onehot', missing: 'median', textBuckets: 16 },
  columns: {
    num: { numeric: 'quantile', quantileBins: 3, indicator: true },
    city: { categorical: 'target', missing: 'category', targetSmoothing: 1, targetFolds: 2 },
    flag: { categorical: 'hashing', hashBuckets: 4, indicator: true },
    when: { numeric: 'minmax', missing: 'mean' },
  },
  crosses: [['city', 'flag', 8]],
};

/** A row of the table as the raw record a server would receive. */
function recordOf(table: Table, row: number): Map<string, RawValue> {
  const record = new Map<string, RawValue>();
  for (const c of table.columns) {
    if (c.kind === 'numeric' || c.kind === 'datetime') {
      const v = c.values[row]!;
      record.set(c.name, Number.isNaN(v) ? null : v);
    } else if (c.kind === 'text') {
      record.set(c.name, c.values[row] ?? null);
    } else {
      record.set(c.name, c.codes[row]! < 0 ? null : c.dictionary[c.codes[row]!]);
    }
  }
  return record;
}

/** In both layouts: the dense cells, or the non-zeros of the CSR row (same columns, order and values). */
function expectRecordsEqualRows(pipeline: FeaturePipeline, table: Table, rows: Int32Array): void {
  const matrix = transformRows(pipeline, table, rows);
  const csr = transformRows(pipeline, table, rows, 'sparse').sparse!;
  const out = createRecordBuffers(pipeline);
  const sparseOut = createRecordBuffers(pipeline, 'sparse');
  rows.forEach((row, i) => {
    const { x, ids } = transformRecord(pipeline, recordOf(table, row), out);
    expect(Array.from(x), `row ${row}`).toEqual(
      Array.from(matrix.x.subarray(i * matrix.cols, (i + 1) * matrix.cols)),
    );
    expect(Array.from(ids)).toEqual(matrix.idColumns.map((c) => c.ids[i]));
    const record = transformRecord(pipeline, recordOf(table, row), sparseOut);
    const { nonZeros, indices, values } = record.sparse!;
    const [start, end] = [csr.indptr[i]!, csr.indptr[i + 1]!];
    expect(Array.from(indices.subarray(0, nonZeros)), `row ${row}`).toEqual(
      Array.from(csr.indices.subarray(start, end)),
    );
    expect(Array.from(values.subarray(0, nonZeros))).toEqual(
      Array.from(csr.values.subarray(start, end)),
    );
    expect(Array.from(record.ids)).toEqual(Array.from(ids));
    // The scratch row is left at zeros for the next record.
    expect(record.x.every((v) => v === 0)).toBe(true);
  });
}

/** 300 seeded rows with missing values, 40 city levels, words and dates. */
function randomTable(): Table {
  const n = 300;
  const rng = createRng(5);
  const words = ['cheap', 'fast', 'late', 'on', 'time', 'café', 'ok', 'bad', 'great', 'service'];
  const text = (): string | null =>
    rng.next() < 0.1
      ? null
      : Array.from({ length: 1 + rng.int(6) }, () => words[rng.int(words.length)]).join(' ');
  const codes = (levels: number, missing: number): Int32Array =>
    Int32Array.from({ length: n }, () =>
      rng.next() < missing ? -1 : Math.floor(levels * rng.next() ** 2),
    );
  return {
    rowCount: n,
    columns: [
      {
        kind: 'numeric',
        name: 'x1',
        values: Float64Array.from({ length: n }, () =>
          rng.next() < 0.1 ? NaN : rng.normal() * 3 + 1,
        ),
      },
      {
        kind: 'numeric',
        name: 'x2',
        values: Float64Array.from({ length: n }, () => Math.floor(rng.next() * 1000)),
      },
      {
        kind: 'categorical',
        name: 'city',
        codes: codes(40, 0.05),
        dictionary: Array.from({ length: 40 }, (_, i) => `c${i}`),
      },
      {
        kind: 'categorical',
        name: 'shop',
        codes: codes(12, 0.1),
        dictionary: Array.from({ length: 12 }, (_, i) => `s${i}`),
      },
      { kind: 'boolean', name: 'flag', codes: codes(2, 0.05), dictionary: ['false', 'true'] },
      { kind: 'text', name: 'review', values: Array.from({ length: n }, text) },
      {
        kind: 'datetime',
        name: 'at',
        values: Float64Array.from({ length: n }, () => 1.6e12 + rng.int(1e9)),
        raw: new Array<string | null>(n).fill(null),
      },
      {
        kind: 'numeric',
        name: 'label',
        values: Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0)),
      },
    ],
  };
}

describe('feature pipeline', () => {
  it('lays out one block per column in table order, then crosses, with readable names', () => {
    const spec: FeatureSpec = {
      default: { categorical: 'onehot', missing: 'category', textBuckets: 2 },
      columns: { when: { drop: true }, flag: { categorical: 'embedding' } },
      crosses: [['city', 'flag', 2]],
    };
    const p = fitFeaturePipeline(smallTable(), TRAIN_ROWS, spec, OPTIONS);
    expect(p.names).toEqual([
      'num',
      'num_missing',
      'city=a',
      'city=<missing>',
      'city=b',
      'city=c',
      'city=<other>',
      'note#hash0',
      'note#hash1',
      'city*flag#hash0',
      'city*flag#hash1',
    ]);
    expect(p.origins.slice(0, 3)).toEqual(['num', 'num', 'city']);
    expect(p.cols).toBe(11);
    // flag on training rows: true 3, false 2, missing 1 -> ids true 1, false 2, <missing> 3.
    expect(p.idColumns).toEqual([{ name: 'flag', vocabSize: 4, dim: 8 }]);
    const m = transformRows(p, smallTable(), ALL_ROWS);
    expect(m.rows).toBe(8);
    expect(Array.from(m.idColumns[0]!.ids)).toEqual([1, 2, 1, 1, 2, 3, 1, 2]);
  });

  it('computes hand-checked values for a test row, with an unseen level in "<other>"', () => {
    const spec: FeatureSpec = {
      default: { missing: 'median' },
      columns: { note: { drop: true }, when: { drop: true }, flag: { drop: true } },
    };
    const p = fitFeaturePipeline(smallTable(), TRAIN_ROWS, spec, OPTIONS);
    const m = transformRows(p, smallTable(), TEST_ROWS);
    // num: median 3 fills the missing training value; filled mean 20/6.
    const mean = 20 / 6;
    const std = Math.sqrt([1, 2, 3, 3, 5, 6].reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    expect(p.names).toEqual(['num', 'city=a', 'city=b', 'city=c', 'city=<other>']);
    expect(m.x[0]).toBeCloseTo((100 - mean) / std, 5);
    expect(Array.from(m.x.subarray(1, 5))).toEqual([0, 0, 0, 1]); // "z" never seen
    expect(m.x[5]).toBeCloseTo((3 - mean) / std, 6); // row 7: missing num
    expect(Array.from(m.x.subarray(6, 10))).toEqual([0, 1, 0, 0]);
  });

  it('fits on the training rows only: changing test rows and their labels moves no statistic', () => {
    const table = smallTable();
    const before = JSON.stringify(fitFeaturePipeline(table, TRAIN_ROWS, RICH_SPEC, OPTIONS));
    const changed = cloneTable(table);
    const labels = LABELS.slice();
    for (const row of TEST_ROWS) {
      for (const c of changed.columns) {
        if (c.kind === 'numeric' || c.kind === 'datetime') c.values[row] = 1e6 + row;
        else if (c.kind === 'text') c.values[row] = 'entirely different words here';
        else c.codes[row] = 2;
      }
      labels[row] = 1 - labels[row]!;
    }
    const after = JSON.stringify(
      fitFeaturePipeline(changed, TRAIN_ROWS, RICH_SPEC, { ...OPTIONS, labels }),
    );
    expect(after).toBe(before);
    // The comparison can fail: changing a training row does move statistics.
    (changed.columns[0] as { values: Float64Array }).values[0] = 50;
    expect(
      JSON.stringify(fitFeaturePipeline(changed, TRAIN_ROWS, RICH_SPEC, { ...OPTIONS, labels })),
    ).not.toBe(before);
  });

  it('never lets a training row see its own label in its target encoding', () => {
    const table = randomTable();
    const labels = Float32Array.from((table.columns[7] as { values: Float64Array }).values);
    const train = Int32Array.from({ length: 200 }, (_, i) => i);
    const spec: FeatureSpec = {
      default: { numeric: 'none' },
      columns: { city: { categorical: 'target' } },
    };
    const options = { target: 'label', labels, seed: 3 };
    const base = transformRows(fitFeaturePipeline(table, train, spec, options), table, train);
    const col = base.names.indexOf('city_target');
    let fullTrainingMoved = 0;
    for (const row of [0, 17, 42, 99, 150, 199]) {
      const flipped = labels.slice();
      flipped[row] = 1 - flipped[row]!;
      const p = fitFeaturePipeline(table, train, spec, { ...options, labels: flipped });
      const m = transformRows(p, table, Int32Array.of(row));
      expect(m.x[col], `row ${row}`).toBe(base.x[row * base.cols + col]);
      // The same row served (restored pipeline, full-training statistics) does move with its label.
      const served = transformRows(
        JSON.parse(JSON.stringify(p)) as FeaturePipeline,
        table,
        Int32Array.of(row),
      );
      if (served.x[col] !== m.x[col]) fullTrainingMoved++;
    }
    expect(fullTrainingMoved).toBeGreaterThan(0);
  });

  it('fits an in-sample target encoding on training and validation rows and uses it on them as is', () => {
    // Levels a a b b | b a (validation) | b c (test); labels 1 0 1 1 | 0 1 | 1 0.
    const table: Table = {
      rowCount: 8,
      columns: [
        {
          kind: 'categorical',
          name: 'ad',
          codes: Int32Array.of(0, 0, 1, 1, 1, 0, 1, 2),
          dictionary: ['a', 'b', 'c'],
        },
        { kind: 'numeric', name: 'label', values: Float64Array.of(1, 0, 1, 1, 0, 1, 1, 0) },
      ],
    };
    const labels = Float32Array.of(1, 0, 1, 1, 0, 1, 1, 0);
    const train = Int32Array.of(0, 1, 2, 3);
    const validationRows = Int32Array.of(4, 5);
    const spec: FeatureSpec = {
      default: {},
      columns: { ad: { categorical: 'target', targetSmoothing: 1, targetFit: 'in-sample' } },
    };
    const options = { target: 'label', labels, seed: 3, validationRows };
    const p = fitFeaturePipeline(table, train, spec, options);
    const x = transformRows(p, table, Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7)).x;
    // Prior over the six fitted rows: 4/6. a: rows 0, 1, 5 (labels 1, 0, 1); b: rows 2, 3, 4 (1, 1, 0).
    const prior = 4 / 6;
    const a = (2 + prior) / (3 + 1);
    const b = (2 + prior) / (3 + 1);
    const expected = [a, a, b, b, b, a, b, prior];
    expected.forEach((value, row) => expect(x[row], `row ${row}`).toBeCloseTo(value, 6));
    // The leak: flipping a training row's own label moves its own feature.
    const flipped = labels.slice();
    flipped[0] = 0;
    const moved = fitFeaturePipeline(table, train, spec, { ...options, labels: flipped });
    expect(transformRows(moved, table, Int32Array.of(0)).x[0]).toBeCloseTo((1 + 3 / 6) / 4, 6);
    // Without validation rows given, only the training rows are fitted on.
    const trainOnly = fitFeaturePipeline(table, train, spec, { target: 'label', labels, seed: 3 });
    expect(transformRows(trainOnly, table, Int32Array.of(0)).x[0]).toBeCloseTo((1 + 0.75) / 3, 6);
  });

  it('gives transformRecord exactly the numbers of transformRows, row by row', () => {
    const small = smallTable();
    const restored = JSON.parse(
      JSON.stringify(fitFeaturePipeline(small, TRAIN_ROWS, RICH_SPEC, OPTIONS)),
    ) as FeaturePipeline;
    expectRecordsEqualRows(restored, small, ALL_ROWS);
    const table = randomTable();
    const train = Int32Array.from({ length: 240 }, (_, i) => i);
    const labels = Float32Array.from((table.columns[7] as { values: Float64Array }).values);
    const spec: FeatureSpec = {
      default: {
        numeric: 'log1p',
        categorical: 'hashing',
        hashBuckets: 32,
        missing: 'mean',
        indicator: true,
        textBuckets: 64,
      },
      columns: {
        x1: { numeric: 'quantile', quantileOutput: 'ordinal', missing: 'category' },
        city: { categorical: 'embedding', maxVocab: 20, minFrequency: 2 },
        shop: { categorical: 'frequency', missing: 'constant', constant: 'none' },
        flag: { categorical: 'onehot', topK: 1 },
        at: { numeric: 'standardize' },
      },
      crosses: [['shop', 'city', 16]],
    };
    const p = fitFeaturePipeline(table, train, spec, { target: 'label', labels, seed: 1 });
    expectRecordsEqualRows(
      p,
      table,
      Int32Array.from({ length: 300 }, (_, i) => i),
    );
  });

  it('reads a plain-object record through Object.hasOwn, not its prototype', () => {
    const p = fitFeaturePipeline(
      smallTable(),
      TRAIN_ROWS,
      { default: {}, columns: { note: { drop: true }, when: { drop: true } } },
      OPTIONS,
    );
    const viaMap = Array.from(
      transformRecord(
        p,
        new Map<string, RawValue>([
          ['num', 2],
          ['city', 'b'],
          ['flag', true],
        ]),
      ).x,
    );
    const viaObject = Array.from(transformRecord(p, { num: '2', city: 'b', flag: true }).x);
    expect(viaObject).toEqual(viaMap);
    expect(Array.from(transformRecord(p, { num: '1,234.5' }).x)).toEqual(
      Array.from(transformRecord(p, { num: 1234.5 }).x),
    );
    const inherited = Object.create({ city: 'a' }) as Record<string, RawValue>;
    const missingCity = Array.from(transformRecord(p, { city: null }).x);
    expect(Array.from(transformRecord(p, inherited).x)).toEqual(missingCity);
  });

  it('reads a datetime given as an ISO string as the epoch milliseconds the table holds', () => {
    const p = fitFeaturePipeline(
      smallTable(),
      TRAIN_ROWS,
      { default: { numeric: 'minmax' } },
      OPTIONS,
    );
    const col = p.names.indexOf('when');
    const fromString = transformRecord(p, { when: '1970-01-03T00:00:00Z' }).x[col];
    expect(fromString).toBe(transformRecord(p, { when: 2 * 86_400_000 }).x[col]);
    // Training range 0 .. 5 days, median fill 2 days: day 2 scales to 0.4.
    expect(fromString).toBeCloseTo(0.4, 6);
  });

  it('transforms another table with unseen levels and a different dictionary without crashing', () => {
    const p = fitFeaturePipeline(smallTable(), TRAIN_ROWS, RICH_SPEC, OPTIONS);
    const serving = cloneTable(smallTable());
    const city = serving.columns[1] as CategoricalColumn;
    city.dictionary = ['zz', 'a', 'brand new'];
    city.codes = Int32Array.from([0, 1, 2, -1, 0, 1, 2, 1]);
    const m = transformRows(p, serving, ALL_ROWS);
    expect(m.x.every((v) => Number.isFinite(v))).toBe(true);
    const restored = JSON.parse(JSON.stringify(p)) as FeaturePipeline;
    const col = p.names.indexOf('city_target');
    // Unseen "zz" gets the training prior 0.5; "a" gets the full-training value as in the fitted table's test rows.
    expect(m.x[col]).toBeCloseTo(0.5, 6);
    const a = transformRows(restored, smallTable(), Int32Array.of(0)).x[col];
    expect(m.x[m.cols + col]).toBe(a);
  });
});
