import { describe, expect, it } from 'vitest';
import type { CategoricalColumn } from '../../../src/lib/data/table.ts';
import { fitFeaturePipeline } from '../../../src/lib/features/pipeline.ts';
import { pipelineSize } from '../../../src/lib/features/pipelineSize.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';
import { LABELS, TRAIN_ROWS, cloneTable, smallTable } from './smallTable.ts';

const OPTIONS = { target: 'label', labels: LABELS, seed: 11 };

// Training rows 0-5 of smallTable: num 1, 2, 3, NaN, 5, 6; city a, b, a, c, missing, a;
// flag true, false, true, true, false, missing; note: text; when: days 0, 1, 2, NaN, 4, 5.
describe('pipelineSize (hand-counted)', () => {
  it('counts scaler statistics, one-hot vocabularies and idf', () => {
    const spec: FeatureSpec = {
      default: {
        numeric: 'standardize',
        categorical: 'onehot',
        missing: 'median',
        textBuckets: 16,
      },
    };
    const size = pipelineSize(fitFeaturePipeline(smallTable(), TRAIN_ROWS, spec, OPTIONS));
    // num and when: shift, factor and the median fill, 3 x 4 bytes each.
    // city: "a" (missing filled with the mode) "b" "c" = 3 bytes; flag: "true" "false" = 9 bytes.
    // note: 16 idf values x 4 bytes.
    expect(size).toEqual({
      vocabularies: 12,
      levelTables: 0,
      scalerStatistics: 24,
      idf: 64,
      bytes: 100,
    });
  });

  it('counts target and frequency tables with their UTF-8 level strings; crosses are free', () => {
    const table = cloneTable(smallTable());
    (table.columns[1] as CategoricalColumn).dictionary[1] = 'café';
    const spec: FeatureSpec = {
      default: { numeric: 'standardize', categorical: 'onehot', missing: 'median' },
      columns: {
        num: { numeric: 'quantile', quantileBins: 3, missing: 'category' },
        city: { categorical: 'target', missing: 'category', targetSmoothing: 1, targetFolds: 2 },
        flag: { categorical: 'frequency', missing: 'constant', constant: 'unk' },
        note: { drop: true },
        when: { numeric: 'log1p', missing: 'mean' },
      },
      crosses: [['city', 'flag', 8]],
    };
    const size = pipelineSize(fitFeaturePipeline(table, TRAIN_ROWS, spec, OPTIONS));
    // num: quantile edges of 1, 2, 3, 5, 6 at 1/3 and 2/3 = 2.33, 4.33 (8 bytes), no fill under 'category';
    // when: the mean fill (4 bytes), log1p stores nothing.
    // city: "a" "café" "c" "<missing>" = 1 + 5 + 1 + 9 = 16 bytes; 4 means + the prior = 20 bytes.
    // flag: "true" "false" "unk" = 12 bytes; 3 shares = 12 bytes.
    expect(size).toEqual({
      vocabularies: 28,
      levelTables: 32,
      scalerStatistics: 12,
      idf: 0,
      bytes: 72,
    });
  });

  it('counts an embedding vocabulary (not its table, a model parameter) and nothing for hashing', () => {
    const spec: FeatureSpec = {
      default: { numeric: 'none', missing: 'median', textBuckets: 8 },
      columns: {
        num: { missing: 'constant', constant: 0 },
        city: { categorical: 'embedding', dim: 4 },
        flag: { categorical: 'hashing', hashBuckets: 4 },
        when: { missing: 'category' },
      },
    };
    const size = pipelineSize(fitFeaturePipeline(smallTable(), TRAIN_ROWS, spec, OPTIONS));
    // num: the constant fill (4); city: "a" "b" "c" (3); flag: nothing; when: nothing; note: 8 idf (32).
    expect(size).toEqual({
      vocabularies: 3,
      levelTables: 0,
      scalerStatistics: 4,
      idf: 32,
      bytes: 39,
    });
  });
});
