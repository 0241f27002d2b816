/**
 * The feature pipeline: fitted on the training rows only, then turns any rows of a table into the one
 * FeatureMatrix layout (dense float32 block per column in table order, then crosses; embedding ids aside).
 * The fitted state is plain JSON: JSON.parse(JSON.stringify(p)) transforms identically.
 */
import { getColumn, type CategoricalColumn, type Column, type Table } from '../data/table.ts';
import type { FeatureMatrix, IdColumn } from './featureMatrix.ts';
import { nonZerosPerRow } from './featureLayout.ts';
import { takeBlockCells, type BlockPlacement } from './blockCells.ts';
import { SparseRowsBuilder, type SparseRows } from './sparseRows.ts';
import {
  categoricalFeatureNames,
  categoricalSlot,
  encodeCategorical,
  fitCategorical,
  type FittedCategorical,
} from './categoricalEncoding.ts';
import { gatherValues, selectFeatureColumns } from './featureColumns.ts';
import { crossFeatureNames, crossHash, encodeCross, type FittedCross } from './hashedCross.ts';
import {
  encodeNumeric,
  fitNumeric,
  numericFeatureNames,
  type FittedNumeric,
} from './numericTransform.ts';
import { MISSING_LEVEL, type FeatureSpec } from './spec.ts';
import { targetFold } from './targetEncoding.ts';
import { encodeText, fitText, textFeatureNames, type FittedText } from './textTfidf.ts';
import { quoteInput } from '../text/quoteInput.ts';

export type FittedColumn = FittedNumeric | FittedCategorical | FittedText;

export interface FeaturePipeline {
  version: 1;
  seed: number;
  /** Feature columns in table order. */
  columns: FittedColumn[];
  crosses: FittedCross[];
  /** Dense feature count. */
  cols: number;
  names: string[];
  origins: string[];
  /** One per embedding column, in FeatureMatrix.idColumns order; dim is the spec's embedding dimension. */
  idColumns: { name: string; vocabSize: number; dim: number }[];
  trainRowCount: number;
}

export interface FitFeatureOptions {
  target: string;
  exclude?: string[];
  /** Labels aligned with table rows: needed by target encoding only. */
  labels?: ArrayLike<number>;
  /**
   * The validation rows: an 'in-sample' target encoding (the leakage mistake) fits its means on
   * them as well as on `trainRows`, as when the data was encoded before validation was split off.
   * Every other statistic ignores them.
   */
  validationRows?: Int32Array;
  seed: number;
}

// Training rows of a pipeline that target-encodes, kept in memory only (not in the JSON): rows of the fitted
// table that were trained on get out-of-fold target encodings. A restored pipeline serves full-training values.
const trainingMembership = new WeakMap<FeaturePipeline, { table: Table; member: Uint8Array }>();

/** Fits every feature column's statistics on `trainRows` of `table`. */
export function fitFeaturePipeline(
  table: Table,
  trainRows: Int32Array,
  spec: FeatureSpec,
  options: FitFeatureOptions,
): FeaturePipeline {
  const columns: FittedColumn[] = [];
  const idColumns: FeaturePipeline['idColumns'] = [];
  let offset = 0;
  for (const { column, spec: columnSpec } of selectFeatureColumns(
    table,
    spec,
    options.target,
    options.exclude,
  )) {
    let fitted: FittedColumn;
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      const values = gatherValues(column.values, trainRows);
      fitted = fitNumeric(column.name, column.kind, values, columnSpec, offset);
    } else if (column.kind === 'text') {
      fitted = fitText(column.name, column.values, trainRows, columnSpec, offset);
    } else {
      const leaked =
        columnSpec.categorical === 'target' && columnSpec.targetFit === 'in-sample'
          ? options.validationRows
          : undefined;
      const fitRows = leaked ? concatRows(trainRows, leaked) : trainRows;
      fitted = fitCategorical(column, fitRows, columnSpec, offset, {
        idIndex: idColumns.length,
        labels: options.labels,
        seed: options.seed,
      });
      if (fitted.encoding === 'embedding') {
        idColumns.push({ name: column.name, vocabSize: fitted.levels.length + 1, dim: fitted.dim });
      }
    }
    columns.push(fitted);
    offset += fitted.width;
  }
  const crosses: FittedCross[] = [];
  for (const [a, b, buckets] of spec.crosses ?? []) {
    categoricalColumn(table, a);
    categoricalColumn(table, b);
    const width = Math.max(1, Math.floor(buckets));
    crosses.push({ kind: 'cross', a, b, offset, width });
    offset += width;
  }
  const names: string[] = [];
  const origins: string[] = [];
  for (const c of columns) {
    const own =
      c.kind === 'numeric'
        ? numericFeatureNames(c)
        : c.kind === 'text'
          ? textFeatureNames(c)
          : categoricalFeatureNames(c);
    for (const name of own) {
      names.push(name);
      origins.push(c.name);
    }
  }
  for (const c of crosses) {
    for (const name of crossFeatureNames(c)) {
      names.push(name);
      origins.push(`${c.a}*${c.b}`);
    }
  }
  const pipeline: FeaturePipeline = {
    version: 1,
    seed: options.seed,
    columns,
    crosses,
    cols: offset,
    names,
    origins,
    idColumns,
    trainRowCount: trainRows.length,
  };
  if (columns.some((c) => c.kind === 'categorical' && c.encoding === 'target')) {
    const member = new Uint8Array(table.rowCount);
    for (let i = 0; i < trainRows.length; i++) member[trainRows[i]!] = 1;
    trainingMembership.set(pipeline, { table, member });
  }
  return pipeline;
}

function concatRows(a: Int32Array, b: Int32Array): Int32Array {
  const rows = new Int32Array(a.length + b.length);
  rows.set(a);
  rows.set(b, a.length);
  return rows;
}

/** Whether transformRows writes the dense cells or the CSR form (see featureLayout.ts). */
export type FeatureLayout = 'dense' | 'sparse';

/**
 * Features of `rows` of `table` (the fitted table or any table with the same column names), as
 * dense cells or, with layout 'sparse', in CSR form (the same numbers, zeros left out).
 * Levels never seen in training go to the other / unknown bucket. Training rows of the fitted table get
 * out-of-fold target encodings; every other row gets the full-training ones.
 */
export function transformRows(
  pipeline: FeaturePipeline,
  table: Table,
  rows: Int32Array,
  layout: FeatureLayout = 'dense',
): FeatureMatrix {
  const cols = pipeline.cols;
  const idColumns: IdColumn[] = pipeline.idColumns.map((c) => ({
    name: c.name,
    ids: new Int32Array(rows.length),
    vocabSize: c.vocabSize,
    dim: c.dim,
  }));
  const blocks = blockWriters(pipeline, table, rows, idColumns);
  let x = new Float32Array(0);
  let sparse: SparseRows | undefined;
  if (layout === 'dense') {
    x = new Float32Array(rows.length * cols);
    for (const block of blocks) for (let i = 0; i < rows.length; i++) block.write(i, x, i * cols);
  } else {
    sparse = sparseTransform(blocks, rows.length, cols, nonZerosPerRow(pipeline));
  }
  const categories = nativeCategories(pipeline);
  return {
    rows: rows.length,
    cols,
    x,
    ...(sparse ? { sparse } : {}),
    names: pipeline.names,
    origins: pipeline.origins,
    idColumns,
    ...(categories ? { categories } : {}),
  };
}

/** One feature block's encoder over the rows being transformed. */
interface BlockWriter extends BlockPlacement {
  /**
   * Writes row i's features at x[base + offset ..] (zeroed beforehand); returns the one cell a
   * one-hot, hashed or crossed block sets, relative to the block, or -1 when any cell may be set.
   */
  write(i: number, x: Float32Array, base: number): number;
}

function blockWriters(
  pipeline: FeaturePipeline,
  table: Table,
  rows: Int32Array,
  idColumns: IdColumn[],
): BlockWriter[] {
  const training = trainingMembership.get(pipeline);
  const member = training !== undefined && training.table === table ? training.member : null;
  const blocks: BlockWriter[] = [];
  for (const f of pipeline.columns) {
    const column = getColumn(table, f.name);
    const indicator = f.indicatorOffset >= 0 ? f.indicatorOffset - f.offset : -1;
    const block = { offset: f.offset, width: f.width, indicator };
    if (f.kind === 'numeric') {
      if (column.kind !== 'numeric' && column.kind !== 'datetime')
        throw kindMismatch(f.name, column);
      const values = column.values;
      blocks.push({
        ...block,
        write: (i, x, base) => (encodeNumeric(f, values[rows[i]!]!, x, base), -1),
      });
    } else if (f.kind === 'text') {
      if (column.kind !== 'text') throw kindMismatch(f.name, column);
      const values = column.values;
      blocks.push({
        ...block,
        write: (i, x, base) => (encodeText(f, values[rows[i]!] ?? null, x, base), -1),
      });
    } else {
      if (column.kind !== 'categorical' && column.kind !== 'boolean')
        throw kindMismatch(f.name, column);
      // One slot per dictionary code: each distinct level is looked up or hashed once.
      const slots = Int32Array.from(column.dictionary, (level) => categoricalSlot(f, level));
      const missingSlot = categoricalSlot(f, f.fill);
      // In-sample target means are used as fitted on their own rows: that is the leak.
      const folds = f.targetFit === 'in-sample' ? 0 : (f.target?.folds ?? 0);
      const ids = f.idIndex >= 0 ? idColumns[f.idIndex]!.ids : null;
      const codes = column.codes;
      blocks.push({
        ...block,
        write: (i, x, base) => {
          const row = rows[i]!;
          const code = codes[row]!;
          const slot = code < 0 ? missingSlot : slots[code]!;
          const fold =
            member !== null && folds > 0 && member[row] === 1
              ? targetFold(row, pipeline.seed, folds)
              : -1;
          if (ids !== null) ids[i] = slot;
          return encodeCategorical(f, slot, code < 0, fold, x, base);
        },
      });
    }
  }
  for (const c of pipeline.crosses) {
    const a = categoricalColumn(table, c.a);
    const b = categoricalColumn(table, c.b);
    const cache = new Map<number, number>(); // pair of codes -> hash
    const stride = b.dictionary.length + 1;
    blocks.push({
      offset: c.offset,
      width: c.width,
      indicator: -1,
      write: (i, x, base) => {
        const codeA = a.codes[rows[i]!]!;
        const codeB = b.codes[rows[i]!]!;
        const key = (codeA + 1) * stride + codeB + 1;
        let hash = cache.get(key);
        if (hash === undefined) {
          hash = crossHash(
            c,
            a.dictionary[codeA] ?? MISSING_LEVEL,
            b.dictionary[codeB] ?? MISSING_LEVEL,
          );
          cache.set(key, hash);
        }
        return encodeCross(c, hash, x, base);
      },
    });
  }
  return blocks;
}

/**
 * The CSR form, row by row: each block writes into a zeroed scratch row of its own width, and
 * only its cells that can be set are read back (blockCells.ts).
 */
function sparseTransform(
  blocks: BlockWriter[],
  rows: number,
  cols: number,
  expectedPerRow: number,
): SparseRows {
  const out = new SparseRowsBuilder(rows, cols, rows * expectedPerRow);
  const scratch = new Float32Array(Math.max(0, ...blocks.map((b) => b.width)));
  const push = (column: number, value: number) => out.push(column, value);
  for (let i = 0; i < rows; i++) {
    for (const block of blocks)
      takeBlockCells(block, block.write(i, scratch, -block.offset), scratch, 0, push);
    out.endRow();
  }
  return out.build();
}

/** FeatureMatrix.categories of the pipeline's output: the code count of each 'native' column. */
export function nativeCategories(pipeline: FeaturePipeline): Int32Array | undefined {
  const native = pipeline.columns.filter(
    (c): c is FittedCategorical => c.kind === 'categorical' && c.encoding === 'native',
  );
  if (native.length === 0) return undefined;
  const categories = new Int32Array(pipeline.cols);
  // Codes 0..L-1 for the kept levels, L for "<other>".
  for (const c of native) categories[c.offset] = c.levels.length + 1;
  return categories;
}

function categoricalColumn(table: Table, name: string): CategoricalColumn {
  const column = getColumn(table, name);
  if (column.kind !== 'categorical' && column.kind !== 'boolean') {
    throw new Error(
      `A feature cross needs categorical columns; ${quoteInput(name)} is ${column.kind}`,
    );
  }
  return column;
}

function kindMismatch(name: string, column: Column): Error {
  return new Error(
    `Column ${quoteInput(name)} is ${column.kind} here but was fitted as another kind`,
  );
}
