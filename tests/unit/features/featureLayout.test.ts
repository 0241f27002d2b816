import { describe, expect, it } from 'vitest';
import { denseFeatures } from '../../../src/lib/features/featureMatrix.ts';
import {
  featureLayout,
  featureLayoutBytes,
  nonZerosPerRow,
} from '../../../src/lib/features/featureLayout.ts';
import { fitFeaturePipeline, transformRows } from '../../../src/lib/features/pipeline.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';
import { ALL_ROWS, LABELS, TRAIN_ROWS, smallTable } from './smallTable.ts';

const OPTIONS = { target: 'label', labels: LABELS, seed: 11 };

// Every block kind: quantile one-hot with indicator, one-hot, hashing with indicator, text, cross.
const SPEC: FeatureSpec = {
  default: { numeric: 'standardize', categorical: 'onehot', missing: 'median', textBuckets: 16 },
  columns: {
    num: { numeric: 'quantile', quantileBins: 3, quantileOutput: 'onehot', indicator: true },
    flag: { categorical: 'hashing', hashBuckets: 2 ** 18, indicator: true },
  },
  crosses: [['city', 'flag', 64]],
};

describe('the sparse feature layout', () => {
  const pipeline = fitFeaturePipeline(smallTable(), TRAIN_ROWS, SPEC, OPTIONS);

  it('holds exactly the cells of the dense layout, in CSR form with sorted columns', () => {
    const dense = transformRows(pipeline, smallTable(), ALL_ROWS);
    const sparse = transformRows(pipeline, smallTable(), ALL_ROWS, 'sparse');
    expect(sparse.x.length).toBe(0);
    const csr = sparse.sparse!;
    expect(csr.indptr.length).toBe(ALL_ROWS.length + 1);
    for (let r = 0; r < csr.rows; r++) {
      for (let i = csr.indptr[r]! + 1; i < csr.indptr[r + 1]!; i++) {
        expect(csr.indices[i]!).toBeGreaterThan(csr.indices[i - 1]!);
      }
    }
    expect(csr.values.every((v) => v !== 0)).toBe(true);
    const cells = denseFeatures(sparse);
    expect(cells.length).toBe(dense.x.length);
    let nonZeros = 0;
    const differing: number[] = [];
    dense.x.forEach((v, i) => {
      if (v !== 0) nonZeros++;
      if (cells[i] !== v) differing.push(i);
    });
    expect(differing).toEqual([]);
    expect(csr.values.length).toBe(nonZeros);
  });

  it('is chosen for wide, mostly-zero pipelines and counts their non-zeros, not cells', () => {
    expect(pipeline.cols).toBeGreaterThan(2 ** 18);
    expect(featureLayout(pipeline)).toBe('sparse');
    // At most: 2 numeric-quantile cells (bucket, indicator), 1 city, 2 flag, 1 cross, when (1), text mean.
    const perRow = nonZerosPerRow(pipeline);
    expect(perRow).toBeGreaterThan(6);
    expect(perRow).toBeLessThan(12);
    const rows = 200_000;
    expect(featureLayoutBytes(pipeline, 'sparse', rows)).toBeLessThan(20e6);
    expect(featureLayoutBytes(pipeline, 'dense', rows)).toBeGreaterThan(200e9);
    const narrow = fitFeaturePipeline(
      smallTable(),
      TRAIN_ROWS,
      { default: { textBuckets: 16 } },
      OPTIONS,
    );
    expect(featureLayout(narrow)).toBe('dense');
  });
});
