/**
 * The one layout of model inputs used everywhere: a dense row-major float32 matrix,
 * plus integer id columns that feed embedding tables.
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
  /** Row-major, rows x cols. */
  x: Float32Array;
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
  return m.x.byteLength + m.idColumns.reduce((sum, c) => sum + c.ids.byteLength, 0);
}
