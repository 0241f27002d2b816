import type { Column, ColumnKind } from './table.ts';
import type { RawColumn, RawNumericColumn } from './csvRawColumns.ts';
import {
  decimalMarksToTry,
  inferKind,
  isUniqueIntegerId,
  type KindDecision,
} from './schemaInfer.ts';
import { booleanMapping, parseDatetime, parseNumber, type DecimalMark } from './schemaParsers.ts';
import { summarizeColumn, type ColumnSummary } from './schemaSummary.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** One column as the data step shows it; `kind` and `excluded` are what the user can change. */
export interface ColumnSchema extends ColumnSummary {
  name: string;
  kind: ColumnKind;
  /** True when inference chose the kind; false after a user override. */
  inferred: boolean;
  /** Unique per row (an id): excluded from features by default. */
  idLike: boolean;
  /** Left out of the features (id-like and all-missing columns start excluded). */
  excluded: boolean;
  /** Missing tokens met in the file ("NA", "?", ...). */
  missingTokens: string[];
  /** Numeric only: "3.14" ('dot') or "3,14" ('comma'). */
  decimalMark?: DecimalMark;
  /** Rows whose value could not be read as this kind after an override, now missing. */
  unreadable: number;
  /** Numeric: values beyond float64 (1e309 reads as Infinity), now missing. */
  overflowed: number;
  /** Plain-language notes for the user. */
  notes: string[];
}

/** A typed column, its schema, and the raw form kept for later overrides (see keepRawFor). */
export interface BuiltColumn {
  column: Column;
  schema: ColumnSchema;
  /** null when the typed column itself holds the raw strings, or holding them would cost too much. */
  source: RawColumn | null;
}

/**
 * Numeric and boolean columns with at most this many distinct raw values keep their raw form
 * (4 bytes a row plus the few strings), so that e.g. numeric -> categorical shows "4.50" and
 * "yes" exactly as written. Above it the raw form would rival the file's size; overrides then
 * re-create it from the typed values (String(value)), losing only formatting.
 */
export const RAW_KEEP_MAX_DISTINCT = 4096;

const ID_NOTE = 'Unique for every row, like an id: excluded from features.';

/** Infers a column's kind from its raw values and builds it. */
export function inferColumn(
  name: string,
  raw: RawColumn,
  rowCount: number,
  delimiter: string,
): BuiltColumn {
  const decision = inferKind(name, raw, rowCount, delimiter);
  const notes: string[] = [];
  if (raw.distinct.length === 0) notes.push('Every value is missing: excluded.');
  if (decision.idLike) notes.push(ID_NOTE);
  return build(name, raw, decision, {
    inferred: true,
    idLike: decision.idLike,
    excluded: decision.idLike || raw.distinct.length === 0,
    notes,
  });
}

/**
 * Builds a column of the kind the user chose from its raw form. Values that cannot be read as
 * that kind become missing and are counted in `unreadable`.
 * @throws Error when `kind` is 'boolean' and the column has more than two distinct values
 *   that are not boolean words.
 */
export function buildColumnAs(
  name: string,
  raw: RawColumn,
  kind: ColumnKind,
  delimiter: string,
  excluded: boolean,
): BuiltColumn {
  const decision: KindDecision = { kind, idLike: false };
  if (kind === 'numeric') {
    const mark = bestDecimalMark(raw.distinct, delimiter);
    decision.decimalMark = mark;
    decision.parsed = parseEach(raw.distinct, (s) => parseNumber(s, mark));
  } else if (kind === 'datetime') {
    decision.parsed = parseEach(raw.distinct, parseDatetime);
  } else if (kind === 'boolean') {
    decision.truth = booleanMapping(raw.distinct) ?? twoValueTruth(name, raw.distinct);
  }
  return build(name, raw, decision, { inferred: false, idLike: false, excluded, notes: [] });
}

interface SchemaFlags {
  inferred: boolean;
  idLike: boolean;
  excluded: boolean;
  notes: string[];
}

function build(
  name: string,
  raw: RawColumn,
  decision: KindDecision,
  flags: SchemaFlags,
): BuiltColumn {
  const { codes, distinct } = raw;
  const rows = codes.length;
  let column: Column;
  let unreadable = 0;
  let overflow = 0;
  switch (decision.kind) {
    case 'numeric':
    case 'datetime': {
      const parsed = decision.parsed as Float64Array;
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const code = codes[i] as number;
        values[i] = code < 0 ? NaN : (parsed[code] as number);
        if (code >= 0 && Number.isNaN(values[i] as number)) unreadable++;
      }
      overflow = overflowToMissing(values);
      column =
        decision.kind === 'numeric'
          ? { kind: 'numeric', name, values }
          : { kind: 'datetime', name, values, raw: stringsOf(raw) };
      break;
    }
    case 'boolean': {
      const truth = decision.truth as Uint8Array;
      // Values met false first, then true ("0" before "1"): the raw codes already are the
      // boolean codes, so share them (the raw form is never written to) instead of a copy.
      const identity = truth.every((side, code) => side === code);
      const boolCodes = identity ? codes : new Int32Array(rows);
      for (let i = 0; !identity && i < rows; i++) {
        const code = codes[i] as number;
        boolCodes[i] = code < 0 ? -1 : (truth[code] as number);
      }
      column = { kind: 'boolean', name, codes: boolCodes, dictionary: booleanSpelling(raw, truth) };
      break;
    }
    case 'categorical':
      // The raw form is already a dictionary encoding: share it, no copy.
      column = { kind: 'categorical', name, codes, dictionary: distinct };
      break;
    case 'text':
      column = { kind: 'text', name, values: stringsOf(raw) };
      break;
  }
  const notes = [...flags.notes];
  if (overflow > 0) notes.push(overflowNote(overflow));
  if (unreadable > 0) {
    notes.push(`${unreadable} values could not be read as ${decision.kind}: now missing.`);
  }
  const schema = schemaOf(column, { ...flags, notes }, raw.missingTokens, unreadable, overflow);
  if (decision.decimalMark !== undefined) schema.decimalMark = decision.decimalMark;
  return { column, schema, source: keepRawFor(decision.kind, raw) };
}

/** Builds a column that was read as numbers while parsing; it keeps no raw form. */
export function numericColumnOf(
  name: string,
  raw: RawNumericColumn,
  rowCount: number,
): BuiltColumn {
  const overflow = overflowToMissing(raw.values);
  const idLike = isUniqueIntegerId(name, raw.values, rowCount);
  const column: Column = { kind: 'numeric', name, values: raw.values };
  const notes = idLike ? [ID_NOTE] : [];
  if (overflow > 0) notes.push(overflowNote(overflow));
  const flags = { inferred: true, idLike, excluded: idLike, notes };
  const schema = schemaOf(column, flags, raw.missingTokens, 0, overflow);
  schema.decimalMark = raw.decimalMark;
  return { column, schema, source: null };
}

/**
 * Turns numbers beyond float64 (such as 1e309, read as ±Infinity) into missing values, in place,
 * and counts them: an infinite input would make every prediction NaN.
 */
function overflowToMissing(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value === Infinity || value === -Infinity) {
      values[i] = NaN;
      count++;
    }
  }
  return count;
}

/** The schema note, and the import warning, for `count` overflowing values. */
export function overflowNote(count: number): string {
  const values = count === 1 ? '1 value is' : `${count.toLocaleString('en-US')} values are`;
  return `${values} too large for a number (beyond ±1.8e308, like 1e309): read as missing.`;
}

function schemaOf(
  column: Column,
  flags: SchemaFlags,
  missingTokens: string[],
  unreadable: number,
  overflowed: number,
): ColumnSchema {
  return {
    name: column.name,
    kind: column.kind,
    ...flags,
    missingTokens,
    unreadable,
    overflowed,
    ...summarizeColumn(column),
  };
}

function keepRawFor(kind: ColumnKind, raw: RawColumn): RawColumn | null {
  const typedLosesStrings = kind === 'numeric' || kind === 'boolean';
  return typedLosesStrings && raw.distinct.length <= RAW_KEEP_MAX_DISTINCT ? raw : null;
}

/**
 * The raw form of a built column: the kept source, else re-created from the typed values
 * (categorical shares its arrays; numeric values are written back with String()).
 */
export function rawOf(
  column: Column,
  source: RawColumn | null,
  missingTokens: string[],
): RawColumn {
  if (source) return source;
  switch (column.kind) {
    case 'categorical':
    case 'boolean':
      return { distinct: column.dictionary, codes: column.codes, missingTokens };
    case 'text':
      return encodeStrings(column.values, missingTokens);
    case 'datetime':
      return encodeStrings(column.raw, missingTokens);
    case 'numeric':
      return encodeStrings(
        Array.from(column.values, (value) => (Number.isNaN(value) ? null : String(value))),
        missingTokens,
      );
  }
}

function encodeStrings(values: readonly (string | null)[], missingTokens: string[]): RawColumn {
  const lookup = new Map<string, number>();
  const distinct: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((value, i) => {
    if (value === null) {
      codes[i] = -1;
      return;
    }
    let code = lookup.get(value);
    if (code === undefined) {
      code = distinct.length;
      distinct.push(value);
      lookup.set(value, code);
    }
    codes[i] = code;
  });
  return { distinct, codes, missingTokens };
}

function stringsOf(raw: RawColumn): (string | null)[] {
  return Array.from(raw.codes, (code) => (code < 0 ? null : (raw.distinct[code] as string)));
}

function parseEach(distinct: readonly string[], parse: (s: string) => number): Float64Array {
  return Float64Array.from(distinct, parse);
}

/** The decimal mark that reads the most distinct values. */
function bestDecimalMark(distinct: readonly string[], delimiter: string): DecimalMark {
  let best: DecimalMark = 'dot';
  let bestRead = -1;
  for (const mark of decimalMarksToTry(distinct, delimiter)) {
    let read = 0;
    for (const value of distinct) if (!Number.isNaN(parseNumber(value, mark))) read++;
    if (read > bestRead) [best, bestRead] = [mark, read];
  }
  return best;
}

/**
 * A boolean column's [false, true] labels as the file spells them ("0"/"1", "no"/"yes", "N"/"Y"):
 * the first value of each side in file order, so labels, configs and the positive class read as
 * the data does. A side that never occurs is "false" or "true".
 */
function booleanSpelling(raw: RawColumn, truth: Uint8Array): [string, string] {
  const spelling: [string | undefined, string | undefined] = [undefined, undefined];
  for (const code of raw.codes) {
    if (code < 0) continue;
    const side = truth[code]!;
    spelling[side] ??= raw.distinct[code]!;
    if (spelling[0] !== undefined && spelling[1] !== undefined) break;
  }
  return [spelling[0] ?? 'false', spelling[1] ?? 'true'];
}

/** Two arbitrary values as a boolean: the later one in sort order is "true". */
function twoValueTruth(name: string, distinct: readonly string[]): Uint8Array {
  if (distinct.length > 2) {
    throw new Error(
      `Column ${quoteInput(name)} has ${distinct.length} different values; a boolean column can have at most two.`,
    );
  }
  const trueValue = [...distinct].sort().at(-1);
  return Uint8Array.from(distinct, (value) =>
    distinct.length === 2 && value === trueValue ? 1 : 0,
  );
}
