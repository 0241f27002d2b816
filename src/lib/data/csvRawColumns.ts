import { ABSENT, FieldDictionary } from './csvDictionary.ts';
import { parsePlainNumber } from './csvNumber.ts';
import { isMissingToken } from './missing.ts';
import { decimalMarksToTry } from './schemaInfer.ts';
import { hasLeadingZero, leadingZeroAt, parseNumber, type DecimalMark } from './schemaParsers.ts';

/**
 * A column as read from the file, before typing: each distinct trimmed value once, plus one
 * Int32 code per row. Repeated values (categories, small integers, dates) cost 4 bytes a row.
 */
export interface RawColumn {
  /** Distinct trimmed, non-missing values in order of first appearance. */
  distinct: string[];
  /** Per row: index into `distinct`, -1 for a missing value. Length = row count. */
  codes: Int32Array;
  /** The missing tokens met in this column ("NA", "?", ...), in order of first appearance. */
  missingTokens: string[];
}

/**
 * A many-valued column whose values were all numbers: parsed while reading instead of
 * dictionary-encoded, since a dictionary of a million distinct number strings would cost
 * several times the Float64Array.
 */
export interface RawNumericColumn {
  /** Per row, NaN for missing. */
  values: Float64Array;
  decimalMark: DecimalMark;
  missingTokens: string[];
}

/** A dictionary column switches to parsing numbers once it has this many distinct values. */
export const NUMERIC_SWITCH_DISTINCT = 1 << 16;
/**
 * After the first chunk of this many rows, a column already this many-valued whose values are
 * all numbers switches at once: interning its strings (a lookup and a retained string per new
 * value) was the largest cost of an import, and such a column is numeric either way.
 */
const EARLY_SWITCH_ROWS = 1024;
const EARLY_SWITCH_DISTINCT = 256;
const MISSING = -1;
/** A finished column keeps its buffer when at least this share of it is used (see #trimmed). */
const KEEP_BUFFER_SHARE = 0.5;

/** One column under construction: dictionary-encoded, or parsed as numbers (see above). */
interface ColumnState {
  lookup: FieldDictionary | null;
  distinct: string[];
  codes: Int32Array;
  values: Float64Array | null;
  mark: DecimalMark;
  missingTokens: string[];
}

/**
 * Accumulates rows into raw columns, field by field from the tokenizer's char ranges: a number
 * is read from char codes (parsePlainNumber), a categorical value is looked up without a new
 * string (FieldDictionary); only unusual fields (spaces, thousands separators, decimal commas,
 * missing tokens) are sliced into strings. Buffers grow by doubling unless reserved ahead.
 */
export class RawColumnsBuilder {
  readonly #columns: ColumnState[];
  readonly #delimiter: string;
  #capacity: number;
  #rowCount = 0;

  /** @param delimiter the file's delimiter, which decides whether "3,14" can be a number. */
  constructor(columnCount: number, delimiter: string, initialCapacity = 1024) {
    this.#delimiter = delimiter;
    this.#capacity = Math.max(16, initialCapacity);
    this.#columns = Array.from({ length: columnCount }, () => ({
      lookup: new FieldDictionary(),
      distinct: [],
      codes: new Int32Array(this.#capacity),
      values: null,
      mark: 'dot',
      missingTokens: [],
    }));
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  /** Makes room for at least `rows` rows in total (an estimate from the bytes read so far). */
  reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    this.#capacity = Math.ceil(rows);
    for (const column of this.#columns) {
      if (column.values) column.values = grow(column.values, this.#capacity);
      else column.codes = grow(column.codes, this.#capacity);
    }
  }

  /** Appends one record; missing trailing fields become missing, extra fields are ignored. */
  addRow(fields: readonly string[]): void {
    const count = Math.min(fields.length, this.#columns.length);
    for (let c = 0; c < count; c++) {
      const field = fields[c] as string;
      this.put(c, field, 0, field.length);
    }
    this.endRow(fields.length);
  }

  /**
   * Sets column `c` of the row being read to the field text[start, end) (trimmed here).
   * Columns not put before endRow are missing.
   */
  put(c: number, text: string, start: number, end: number): void {
    const column = this.#columns[c] as ColumnState;
    const row = this.#rowCount;
    const values = column.values;
    if (values !== null && column.mark === 'dot') {
      const value = parsePlainNumber(text, start, end);
      if (value === value && !leadingZeroAt(text, start, end)) {
        values[row] = value;
        return;
      }
    }
    // Trim ASCII white space by char codes; anything else at either end goes through trim().
    while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
    while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
    if (start < end && (text.charCodeAt(start) >= 0x80 || text.charCodeAt(end - 1) >= 0x80)) {
      text = text.slice(start, end).trim();
      start = 0;
      end = text.length;
    }
    if (values !== null) {
      const parsed = this.#numberOf(column, text.slice(start, end));
      if (column.values) {
        column.values[row] = parsed;
        return;
      }
    }
    const lookup = column.lookup as FieldDictionary;
    const known = lookup.get(text, start, end);
    // A switch to numbers inside #newCode stores this row's number itself.
    column.codes[row] = known === ABSENT ? this.#newCode(column, text.slice(start, end)) : known;
  }

  /** Ends the row being read, which had `fieldCount` fields; columns beyond them are missing. */
  endRow(fieldCount: number): void {
    const row = this.#rowCount;
    const columns = this.#columns;
    for (let c = fieldCount; c < columns.length; c++) {
      const column = columns[c] as ColumnState;
      if (column.values) column.values[row] = NaN;
      else column.codes[row] = MISSING;
    }
    this.#rowCount = row + 1;
    if (this.#rowCount === this.#capacity) this.reserve(this.#capacity * 2);
    if (this.#rowCount === EARLY_SWITCH_ROWS) {
      for (const column of columns)
        if (!column.values && column.distinct.length >= EARLY_SWITCH_DISTINCT)
          this.#tryNumeric(column);
    }
  }

  /** The code of a value not in the column's dictionary yet, which it adds. */
  #newCode(column: ColumnState, value: string): number {
    const lookup = column.lookup as FieldDictionary;
    if (isMissingToken(value)) {
      column.missingTokens.push(value);
      lookup.set(value, MISSING);
      return MISSING;
    }
    const code = column.distinct.length;
    column.distinct.push(value);
    lookup.set(value, code);
    if (code + 1 === NUMERIC_SWITCH_DISTINCT) this.#tryNumeric(column);
    return code;
  }

  /** Switches a many-valued column to parsed numbers when every value so far is one. */
  #tryNumeric(column: ColumnState): void {
    if (column.distinct.some(hasLeadingZero)) return;
    for (const mark of decimalMarksToTry(column.distinct, this.#delimiter)) {
      const parsed = column.distinct.map((value) => parseNumber(value, mark));
      if (parsed.some(Number.isNaN)) continue;
      const values = new Float64Array(this.#capacity);
      for (let row = 0; row < this.#rowCount; row++) {
        const code = column.codes[row] as number;
        values[row] = code < 0 ? NaN : (parsed[code] as number);
      }
      // Called from #newCode, the row being read holds the newest distinct value (called
      // between rows, the slot is written again by the next row).
      values[this.#rowCount] = parsed[column.distinct.length - 1] as number;
      Object.assign(column, { values, mark, lookup: null, distinct: [], codes: new Int32Array(0) });
      return;
    }
  }

  /** The number in a field of a switched column; NaN, after switching back, for a non-number. */
  #numberOf(column: ColumnState, value: string): number {
    const parsed = parseNumber(value, column.mark);
    if (!Number.isNaN(parsed) && !hasLeadingZero(value)) return parsed;
    if (isMissingToken(value)) {
      if (!column.missingTokens.includes(value)) column.missingTokens.push(value);
      return NaN;
    }
    this.#backToDictionary(column, this.#rowCount);
    return NaN;
  }

  /**
   * A non-number after the switch: re-encode the numbers read so far as strings (String(v):
   * "1.50" becomes "1.5", the only loss) and go on as a dictionary column.
   */
  #backToDictionary(column: ColumnState, row: number): void {
    const values = column.values as Float64Array;
    const lookup = new FieldDictionary();
    for (const token of column.missingTokens) lookup.set(token, MISSING);
    const distinct: string[] = [];
    const codes = new Int32Array(this.#capacity);
    for (let i = 0; i < row; i++) {
      const value = values[i] as number;
      if (Number.isNaN(value)) {
        codes[i] = MISSING;
        continue;
      }
      const text = String(value);
      let code = lookup.get(text, 0, text.length);
      if (code === ABSENT) {
        code = distinct.length;
        distinct.push(text);
        lookup.set(text, code);
      }
      codes[i] = code;
    }
    Object.assign(column, { values: null, lookup, distinct, codes });
  }

  /** The finished columns; the builder must not be used afterwards. */
  finish(): (RawColumn | RawNumericColumn)[] {
    return this.#columns.map((column) =>
      column.values
        ? {
            values: this.#trimmed(column.values),
            decimalMark: column.mark,
            missingTokens: column.missingTokens,
          }
        : {
            distinct: column.distinct,
            codes: this.#trimmed(column.codes),
            missingTokens: column.missingTokens,
          },
    );
  }

  /**
   * The first rowCount entries. A buffer at least half used (grown by doubling, or reserved from
   * an estimate) is kept as a view: its unused tail was never written, and copying every column
   * at the end would hold the table twice until the old buffers are collected (about 100 MB
   * more at the peak of a 100 MB import). A mostly empty one is copied, releasing the rest.
   */
  #trimmed<T extends Float64Array | Int32Array>(array: T): T {
    const rows = this.#rowCount;
    if (array.length === rows) return array;
    return (
      rows >= KEEP_BUFFER_SHARE * array.length ? array.subarray(0, rows) : array.slice(0, rows)
    ) as T;
  }
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function grow<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (n: number) => T)(capacity);
  grown.set(array);
  return grown;
}
