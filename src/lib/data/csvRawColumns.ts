import { isMissingToken } from './missing.ts';
import { decimalMarksToTry } from './schemaInfer.ts';
import { hasLeadingZero, parseNumber, type DecimalMark } from './schemaParsers.ts';

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
 * all numbers switches at once: interning its strings (a Map lookup and a retained string per
 * new value) was the largest cost of an import, and such a column is numeric either way.
 */
const EARLY_SWITCH_ROWS = 1024;
const EARLY_SWITCH_DISTINCT = 256;
const MISSING = -1;

/** One column under construction: dictionary-encoded, or parsed as numbers (see above). */
interface ColumnState {
  lookup: Map<string, number> | null;
  distinct: string[];
  codes: Int32Array;
  values: Float64Array | null;
  mark: DecimalMark;
  missingTokens: string[];
}

/** Accumulates rows into raw columns; grows its buffers by doubling. */
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
      lookup: new Map<string, number>(),
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
    const row = this.#rowCount;
    if (row === this.#capacity) this.reserve(this.#capacity * 2);
    const columns = this.#columns;
    if (row === EARLY_SWITCH_ROWS) {
      for (const column of columns)
        if (!column.values && column.distinct.length >= EARLY_SWITCH_DISTINCT)
          this.#tryNumeric(column);
    }
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as ColumnState;
      const field = fields[c];
      if (field === undefined) {
        if (column.values) column.values[row] = NaN;
        else column.codes[row] = MISSING;
        continue;
      }
      const value = field.trim();
      if (column.values) {
        const parsed = this.#numberOf(column, value);
        if (column.values) {
          column.values[row] = parsed;
          continue;
        }
      }
      // A switch to numbers inside #codeOf stores this row's number itself.
      column.codes[row] = this.#codeOf(column, value);
    }
    this.#rowCount = row + 1;
  }

  #codeOf(column: ColumnState, value: string): number {
    const lookup = column.lookup as Map<string, number>;
    const known = lookup.get(value);
    if (known !== undefined) return known;
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
      // Called from #codeOf, the row being added holds the newest distinct value (called before
      // a row, the slot is written again by that row).
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
    const lookup = new Map<string, number>(column.missingTokens.map((t) => [t, MISSING]));
    const distinct: string[] = [];
    const codes = new Int32Array(this.#capacity);
    for (let i = 0; i < row; i++) {
      const value = values[i] as number;
      if (Number.isNaN(value)) {
        codes[i] = MISSING;
        continue;
      }
      const text = String(value);
      let code = lookup.get(text);
      if (code === undefined) {
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
    const rows = this.#rowCount;
    // slice, not subarray: release the unused capacity.
    return this.#columns.map((column) =>
      column.values
        ? {
            values: column.values.length === rows ? column.values : column.values.slice(0, rows),
            decimalMark: column.mark,
            missingTokens: column.missingTokens,
          }
        : {
            distinct: column.distinct,
            codes: column.codes.length === rows ? column.codes : column.codes.slice(0, rows),
            missingTokens: column.missingTokens,
          },
    );
  }
}

function grow<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (n: number) => T)(capacity);
  grown.set(array);
  return grown;
}
