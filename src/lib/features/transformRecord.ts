/**
 * The serving path: one raw record in, the same features transformRows gives that row out, in the
 * same layout (dense cells, or the non-zeros when the layout is sparse), into reused buffers (no
 * per-call allocation beyond hashed strings and text tokens).
 */
import { parseDatetime, parseNumber } from '../data/schemaParsers.ts';
import { takeBlockCells } from './blockCells.ts';
import { categoricalSlot, encodeCategorical } from './categoricalEncoding.ts';
import { crossHash, encodeCross } from './hashedCross.ts';
import { encodeNumeric } from './numericTransform.ts';
import type { FeatureLayout, FeaturePipeline } from './pipeline.ts';
import { emptySparseRow, pushNonZero, type SparseRow } from './sparseRows.ts';
import { MISSING_LEVEL } from './spec.ts';
import { encodeText } from './textTfidf.ts';

export type RawValue = string | number | boolean | null | undefined;

/** A raw row by column name: a Map, or a plain object (read with Object.hasOwn, never through its prototype). */
export type RawRecord = ReadonlyMap<string, RawValue> | Readonly<Record<string, RawValue>>;

export interface RecordFeatures {
  /**
   * Dense layout: the pipeline.cols features. Sparse layout: a scratch row, all zeros between
   * calls, that each block is written into and read back from (blockCells.ts).
   */
  x: Float32Array;
  /** One id per pipeline.idColumns entry (0 = unknown / missing). */
  ids: Int32Array;
  /** Sparse layout: the features as non-zeros; null in the dense layout. */
  sparse: SparseRow | null;
}

/** Buffers sized for a pipeline in a layout, to pass back into transformRecord call after call. */
export function createRecordBuffers(
  pipeline: FeaturePipeline,
  layout: FeatureLayout = 'dense',
): RecordFeatures {
  return {
    x: new Float32Array(pipeline.cols),
    ids: new Int32Array(pipeline.idColumns.length),
    sparse: layout === 'sparse' ? emptySparseRow(pipeline.cols) : null,
  };
}

/**
 * Features of one raw record. Missing: null, undefined, an absent key or ''. Numbers may come as strings
 * ("1,234.5"); datetimes as epoch ms or an ISO-like string, parsed as the CSV import parses them (UTC
 * unless an offset is given); categorical values are matched as strings
 * (true -> "true", 3 -> "3"). Writes into `out` when given (it must come from createRecordBuffers),
 * in its layout: a sparse one never touches the cells a record leaves at zero, so a 2^18-bucket
 * hashed column costs a hash, not a 2^18-cell row (docs/design.md "Sparse features").
 */
export function transformRecord(
  pipeline: FeaturePipeline,
  record: RawRecord,
  out: RecordFeatures = createRecordBuffers(pipeline),
): RecordFeatures {
  const { x, ids, sparse } = out;
  if (sparse) sparse.nonZeros = 0;
  else x.fill(0);
  const push = sparse
    ? (column: number, value: number) => pushNonZero(sparse, column, value)
    : null;
  for (const f of pipeline.columns) {
    const raw = readValue(record, f.name);
    let hot = -1;
    if (f.kind === 'numeric') {
      encodeNumeric(f, f.source === 'datetime' ? toEpochMs(raw) : toNumber(raw), x, 0);
    } else if (f.kind === 'text') {
      encodeText(f, raw === null || raw === undefined ? null : String(raw), x, 0);
    } else {
      const level = toLevel(raw);
      const slot = categoricalSlot(f, level ?? f.fill);
      hot = encodeCategorical(f, slot, level === null, -1, x, 0);
      if (f.idIndex >= 0) ids[f.idIndex] = slot;
    }
    if (push) {
      const indicator = f.indicatorOffset >= 0 ? f.indicatorOffset - f.offset : -1;
      takeBlockCells({ offset: f.offset, width: f.width, indicator }, hot, x, f.offset, push);
    }
  }
  for (const c of pipeline.crosses) {
    const a = toLevel(readValue(record, c.a)) ?? MISSING_LEVEL;
    const b = toLevel(readValue(record, c.b)) ?? MISSING_LEVEL;
    const hot = encodeCross(c, crossHash(c, a, b), x, 0);
    if (push)
      takeBlockCells({ offset: c.offset, width: c.width, indicator: -1 }, hot, x, c.offset, push);
  }
  return out;
}

function readValue(record: RawRecord, name: string): RawValue {
  if (record instanceof Map) return (record as ReadonlyMap<string, RawValue>).get(name);
  const object = record as Readonly<Record<string, RawValue>>;
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

function toNumber(raw: RawValue): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (raw === null || raw === undefined) return NaN;
  const trimmed = raw.trim();
  return trimmed === '' ? NaN : parseNumber(trimmed, 'dot');
}

function toEpochMs(raw: RawValue): number {
  if (typeof raw === 'string') return parseDatetime(raw.trim());
  return toNumber(raw);
}

function toLevel(raw: RawValue): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  return String(raw);
}
