/**
 * What the fitted feature pipeline adds to what a server must ship beside the model's parameters
 * (docs/design.md "Capacity and cost"): numbers count as float32 (4 bytes), strings as their
 * UTF-8 bytes. Hashing (categorical and crosses) stores nothing: the hash function is the table.
 * Embedding tables are model parameters and count in the model's own bytes.
 */
import type { FittedCategorical } from './categoricalEncoding.ts';
import type { FittedNumeric } from './numericTransform.ts';
import type { FeaturePipeline } from './pipeline.ts';

/** Bytes of the fitted pipeline by kind of table. */
export interface PipelineSize {
  /** Level strings of one-hot, embedding, frequency and target vocabularies (UTF-8 bytes). */
  vocabularies: number;
  /** Per-level values: frequency shares, target means and the target prior (float32). */
  levelTables: number;
  /** Scaler and imputer statistics: shift and factor, quantile edges, fill values (float32). */
  scalerStatistics: number;
  /** Text TF-IDF: one idf per bucket (float32). */
  idf: number;
  /** All of the above. */
  bytes: number;
}

const FLOAT32 = 4;
const utf8 = new TextEncoder();

/** Bytes of every table a fitted pipeline needs at serving time. */
export function pipelineSize(pipeline: FeaturePipeline): PipelineSize {
  let vocabularies = 0;
  let levelTables = 0;
  let scalerStatistics = 0;
  let idf = 0;
  for (const column of pipeline.columns) {
    if (column.kind === 'numeric') scalerStatistics += numericBytes(column);
    else if (column.kind === 'text') idf += column.idf.length * FLOAT32;
    else {
      vocabularies += vocabularyBytes(column);
      levelTables += levelTableBytes(column);
    }
  }
  return {
    vocabularies,
    levelTables,
    scalerStatistics,
    idf,
    bytes: vocabularies + levelTables + scalerStatistics + idf,
  };
}

function numericBytes(f: FittedNumeric): number {
  const fill = f.fill === null ? 0 : FLOAT32;
  switch (f.scaling) {
    case 'standardize':
    case 'minmax':
      return fill + 2 * FLOAT32;
    case 'quantile':
      return fill + f.edges.length * FLOAT32;
    case 'log1p':
    case 'none':
      return fill;
  }
}

function vocabularyBytes(f: FittedCategorical): number {
  let bytes = 0;
  for (const level of f.levels) bytes += utf8.encode(level).length;
  return bytes;
}

function levelTableBytes(f: FittedCategorical): number {
  if (f.encoding === 'frequency') return f.frequencies.length * FLOAT32;
  // Served rows read the full-training means and the prior; fold values are used in training only.
  if (f.encoding === 'target' && f.target !== null) return (f.target.values.length + 1) * FLOAT32;
  return 0;
}

/** What a model's `bytes` includes, in plain words, given its pipeline's tables. */
export function describeModelBytes(pipeline: PipelineSize): string {
  return (
    'Parameters as float32 (embedding tables included) plus the feature pipeline: ' +
    `vocabularies ${pipeline.vocabularies} B, per-level tables ${pipeline.levelTables} B, ` +
    `scaler statistics ${pipeline.scalerStatistics} B, text idf ${pipeline.idf} B ` +
    '(hashing stores nothing).'
  );
}
