import { denseFromSparseRows, sparseRowsBytes, type SparseRows } from './sparseRows.ts';

/**
 * The one layout of model inputs used everywhere: a row-major float32 matrix, dense or in CSR
 * form when most cells are zeros (wide one-hot, hashing, crosses), plus integer id columns that
 * feed embedding tables.
 */
export interface IdColumn {
  /** Source column name. */
  name: string;
  /** One id per row; 0 is reserved for unknown / missing (out of vocabulary). */
  ids: Int32Array;
  /** Number of distinct ids including the reserved 0, i.e. the embedding table's row count. */
  vocabSize: number;
  /** The embedding dimension the feature spec gives this column (its `dim`), when one is known. */
  dim?: number;
}

export interface FeatureMatrix {
  rows: number;
  cols: number;
  /** Row-major, rows x cols; empty when the features are held in `sparse` instead. */
  x: Float32Array;
  /**
   * Every feature in CSR form (rows x cols), present instead of `x` when the pipeline's output is
   * mostly zeros: logistic regression and the first layer of networks loop over non-zeros only.
   */
  sparse?: SparseRows;
  /** One name per dense feature, e.g. "origin=JFK" or "distance". */
  names: string[];
  /** The source column of each dense feature. */
  origins: string[];
  idColumns: IdColumn[];
  /**
   * Per dense feature: the number of category codes when the feature holds a 'native' categorical
   * code 0..n-1 (gradient-boosted trees split such a feature on sets of codes), else 0. Absent when
   * no feature does.
   */
  categories?: Int32Array;
}

/** Bytes the matrix takes in memory. */
export function featureMatrixBytes(m: FeatureMatrix): number {
  const features = m.sparse ? sparseRowsBytes(m.sparse) : m.x.byteLength;
  return features + m.idColumns.reduce((sum, c) => sum + c.ids.byteLength, 0);
}

/** The dense rows x cols cells, made from the CSR form when the matrix is sparse. */
export function denseFeatures(m: FeatureMatrix): Float32Array {
  return m.sparse ? denseFromSparseRows(m.sparse) : m.x;
}
