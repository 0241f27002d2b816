import type { ColumnKind } from './table.ts';
import type { RawColumn } from './csvRawColumns.ts';
import { distinctCount } from './distinctCount.ts';
import {
  booleanMapping,
  hasLeadingZero,
  parseDatetime,
  parseNumber,
  type DecimalMark,
} from './schemaParsers.ts';

/** What inference decided for one column, with the per-distinct-value parse it relied on. */
export interface KindDecision {
  kind: ColumnKind;
  /** Unique per row (an id): shown, but excluded from features by default. */
  idLike: boolean;
  /** Numeric only: the decimal mark the values were read with. */
  decimalMark?: DecimalMark;
  /** Numeric and datetime: the parsed value of each distinct raw value. */
  parsed?: Float64Array;
  /** Boolean only: 0/1 for each distinct raw value. */
  truth?: Uint8Array;
}

/** Fewer rows than this are never called id-like: a toy table is often unique by chance. */
const MIN_ROWS_FOR_ID = 10;
const ID_NAME = /^id$|^id[_ ]|[_ ]id$|uuid|guid/i;
const CAMEL_ID_NAME = /[a-z]Id$/;
/** Text: most values contain whitespace, are this long on average, and mostly differ. */
const TEXT_MIN_MEAN_LENGTH = 15;
const TEXT_MIN_SPACE_SHARE = 0.5;
const TEXT_MIN_DISTINCT_SHARE = 0.5;

/**
 * Decides a column's kind from its distinct values (each parsed once), in this order:
 * boolean (see booleanMapping), numeric (every value a number; integer codes with a leading
 * zero such as "02134" keep it categorical), datetime (every value ISO-like), text (long
 * free-form strings with spaces, mostly distinct), else categorical. Id-like: no missing
 * values, unique per row, and either integers named like an id or spanning at most 2x the row
 * count, or strings without spaces.
 * @param delimiter the file's delimiter: in a ";" or tab file a decimal comma is tried first.
 */
export function inferKind(
  name: string,
  raw: RawColumn,
  rowCount: number,
  delimiter: string,
): KindDecision {
  const { distinct } = raw;
  if (distinct.length === 0) return { kind: 'categorical', idLike: false };
  const truth = booleanMapping(distinct);
  if (truth) return { kind: 'boolean', idLike: false, truth };
  const uniquePerRow = rowCount >= MIN_ROWS_FOR_ID && distinct.length === rowCount;

  if (!distinct.some(hasLeadingZero)) {
    for (const mark of decimalMarksToTry(distinct, delimiter)) {
      const parsed = parseAll(distinct, (s) => parseNumber(s, mark));
      if (parsed) {
        const idLike = uniquePerRow && looksLikeIntegerId(name, parsed, rowCount);
        return { kind: 'numeric', idLike, decimalMark: mark, parsed };
      }
    }
  }
  const dates = parseAll(distinct, parseDatetime);
  if (dates) return { kind: 'datetime', idLike: false, parsed: dates };

  let totalLength = 0;
  let withSpace = 0;
  for (const value of distinct) {
    totalLength += value.length;
    if (/\s/.test(value)) withSpace++;
  }
  const nonMissing = countNonMissing(raw.codes);
  const isText =
    totalLength / distinct.length >= TEXT_MIN_MEAN_LENGTH &&
    withSpace / distinct.length >= TEXT_MIN_SPACE_SHARE &&
    distinct.length / nonMissing >= TEXT_MIN_DISTINCT_SHARE;
  if (isText) return { kind: 'text', idLike: false };
  return { kind: 'categorical', idLike: uniquePerRow && withSpace === 0 };
}

/**
 * Decimal marks to try, in order. Comma-delimited files use dots only. Elsewhere a value with a
 * comma puts the decimal comma first ("3,14"); otherwise dot first, so "3.140" stays 3.14 and
 * only values like "2.148.000" fall through to the comma reading.
 */
export function decimalMarksToTry(distinct: readonly string[], delimiter: string): DecimalMark[] {
  if (delimiter === ',') return ['dot'];
  return distinct.some((value) => value.includes(',')) ? ['comma', 'dot'] : ['dot', 'comma'];
}

/** Parses every distinct value; null as soon as one fails. */
function parseAll(distinct: readonly string[], parse: (s: string) => number): Float64Array | null {
  const parsed = new Float64Array(distinct.length);
  for (let i = 0; i < distinct.length; i++) {
    const value = parse(distinct[i] as string);
    if (Number.isNaN(value)) return null;
    parsed[i] = value;
  }
  return parsed;
}

function looksLikeIntegerId(name: string, parsed: Float64Array, rowCount: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const value of parsed) {
    if (!Number.isInteger(value)) return false;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return ID_NAME.test(name) || CAMEL_ID_NAME.test(name) || max - min + 1 <= 2 * rowCount;
}

/**
 * Id-like test for a column parsed while reading (one value per row): no missing values, all
 * unique integers, named like an id or spanning at most 2x the row count. The cheap tests come
 * first, so that a column of fractions or with a missing value is never counted.
 */
export function isUniqueIntegerId(name: string, values: Float64Array, rowCount: number): boolean {
  if (rowCount < MIN_ROWS_FOR_ID) return false;
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return distinctCount(values) === values.length && looksLikeIntegerId(name, values, rowCount);
}

function countNonMissing(codes: Int32Array): number {
  let count = 0;
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) >= 0) count++;
  return count;
}
