import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/lib/data/table.ts';
import { describeFeatures } from '../../../src/lib/features/describeFeatures.ts';
import { fitFeaturePipeline } from '../../../src/lib/features/pipeline.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';
import { LABELS, TRAIN_ROWS, smallTable } from './smallTable.ts';

/** n rows with an ID-like column of n levels and a numeric column. */
function wideTable(n: number): Table {
  return {
    rowCount: n,
    columns: [
      {
        kind: 'categorical',
        name: 'user',
        codes: Int32Array.from({ length: n }, (_, i) => i),
        dictionary: Array.from({ length: n }, (_, i) => `u${i}`),
      },
      {
        kind: 'numeric',
        name: 'amount',
        values: Float64Array.from({ length: n }, (_, i) => i % 7),
      },
      { kind: 'numeric', name: 'label', values: new Float64Array(n) },
    ],
  };
}

describe('describeFeatures', () => {
  it('counts the same features as the fitted pipeline, without fitting it', () => {
    const specs: FeatureSpec[] = [
      { default: {} },
      {
        default: { categorical: 'hashing', hashBuckets: 5, textBuckets: 3, indicator: true },
        columns: {
          num: { numeric: 'quantile', quantileBins: 4 },
          flag: { categorical: 'embedding' },
        },
        crosses: [['city', 'flag', 6]],
      },
      {
        default: {
          categorical: 'onehot',
          topK: 2,
          missing: 'category',
          numeric: 'quantile',
          quantileBins: 50,
        },
      },
      {
        default: { categorical: 'frequency' },
        columns: { city: { categorical: 'target' }, note: { drop: true } },
      },
    ];
    for (const spec of specs) {
      const plan = describeFeatures(smallTable(), TRAIN_ROWS, spec, {
        target: 'label',
        rows: 1000,
      });
      const p = fitFeaturePipeline(smallTable(), TRAIN_ROWS, spec, {
        target: 'label',
        labels: LABELS,
        seed: 1,
      });
      expect(plan.features).toBe(p.cols);
      expect(plan.idColumns).toBe(p.idColumns.length);
      expect(plan.columns.map((c) => c.features)).toEqual(
        [...p.columns, ...p.crosses].map((c) => c.width),
      );
      expect(plan.matrixBytes).toBe(1000 * 4 * (p.cols + p.idColumns.length));
    }
  });

  it('warns about a wide one-hot and suggests hashing or an embedding', () => {
    const table = wideTable(3000);
    const rows = Int32Array.from({ length: 3000 }, (_, i) => i);
    const plan = describeFeatures(table, rows, { default: { topK: 5000 } }, { target: 'label' });
    expect(plan.columns[0]).toMatchObject({ name: 'user', features: 3001, levels: 3000 });
    expect(plan.warnings.join('\n')).toMatch(
      /One-hot "user" makes 3,001 columns: consider hashing or an embedding/,
    );
    expect(plan.warnings.join('\n')).toMatch(/looks like an ID/);
  });

  it('warns when most rows would fall in "<other>" and when the matrix exceeds the memory budget', () => {
    const table = wideTable(3000);
    const rows = Int32Array.from({ length: 3000 }, (_, i) => i);
    const plan = describeFeatures(
      table,
      rows,
      { default: { topK: 50 } },
      {
        target: 'label',
        rows: 1_000_000,
        memoryBudgetBytes: 100 * 1024 * 1024,
      },
    );
    const text = plan.warnings.join('\n');
    expect(text).toMatch(
      /keeps 50 of its 3000 levels in the training split; 98% of rows fall in "<other>"/,
    );
    // (51 + 1) features x 4 bytes x 1e6 rows = 208 MB.
    expect(plan.matrixBytes).toBe(52 * 4 * 1_000_000);
    expect(text).toMatch(/would take 198 MiB \(budget 100 MiB\)/);
  });

  it('plans an embedding as one id column and no dense features', () => {
    const table = wideTable(500);
    const rows = Int32Array.from({ length: 400 }, (_, i) => i);
    const plan = describeFeatures(
      table,
      rows,
      { default: { categorical: 'embedding' } },
      { target: 'label' },
    );
    expect(plan.columns[0]).toMatchObject({ features: 0, vocabSize: 401 });
    expect(plan.features).toBe(1);
    expect(plan.bytesPerRow).toBe(8);
  });
});
