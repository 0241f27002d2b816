/**
 * Dense cells or CSR rows for a fitted pipeline's output. Hashing into 2^18 buckets makes a dense
 * row of 2^18 cells with one non-zero: held densely, 200k rows would take 210 GB; in CSR form they
 * take 8 bytes per non-zero (docs/design.md: mostly-zero inputs are looped over in CSR form).
 */
import type { FeatureLayout, FeaturePipeline } from './pipeline.ts';
import { SPARSE_DENSITY } from './sparseRows.ts';

/**
 * Below this many features the dense matrix is small (under 400 MB at 100k rows) and the dense
 * paths need no conversion, so the layout stays dense whatever the share of zeros.
 */
export const SPARSE_MIN_COLS = 1024;

/**
 * Non-zeros a row has at most, on average for text: every cell of numeric, frequency, target and
 * native blocks; one per one-hot, hashed or crossed block; the training rows' mean for TF-IDF
 * blocks (from each bucket's document frequency, which its idf encodes); one per indicator.
 */
export function nonZerosPerRow(pipeline: FeaturePipeline): number {
  let count = pipeline.crosses.length;
  for (const f of pipeline.columns) {
    if (f.kind === 'numeric') count += f.width;
    else if (f.kind === 'text') {
      // idf = ln((1 + n) / (1 + df)) + 1, so df = (1 + n) / e^(idf - 1) - 1.
      const n = pipeline.trainRowCount;
      let df = 0;
      for (const idf of f.idf) df += (1 + n) / Math.exp(idf - 1) - 1;
      count += (n > 0 ? df / n : 0) + (f.indicatorOffset >= 0 ? 1 : 0);
    } else if (f.encoding === 'onehot' || f.encoding === 'hashing') {
      count += 1 + (f.indicatorOffset >= 0 ? 1 : 0);
    } else count += f.width;
  }
  return Math.min(count, pipeline.cols);
}

/** 'sparse' when the pipeline is wide (>= SPARSE_MIN_COLS) and under SPARSE_DENSITY non-zero. */
export function featureLayout(pipeline: FeaturePipeline): FeatureLayout {
  const { cols } = pipeline;
  return cols >= SPARSE_MIN_COLS && nonZerosPerRow(pipeline) < SPARSE_DENSITY * cols
    ? 'sparse'
    : 'dense';
}

/** Bytes the features of `rows` rows take in a layout: 4 per cell, or 8 per non-zero plus 4 per row. */
export function featureLayoutBytes(
  pipeline: FeaturePipeline,
  layout: FeatureLayout,
  rows: number,
): number {
  return layout === 'dense'
    ? pipeline.cols * rows * 4
    : Math.ceil(nonZerosPerRow(pipeline) * rows) * 8 + (rows + 1) * 4;
}
