import { isMissingToken } from './missing.ts';

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

const MISSING = -1;

/** Accumulates rows into dictionary-encoded raw columns; grows its buffers by doubling. */
export class RawColumnsBuilder {
  readonly #lookups: Map<string, number>[];
  readonly #distinct: string[][];
  readonly #missingTokens: string[][];
  #codes: Int32Array[];
  #capacity: number;
  #rowCount = 0;

  constructor(columnCount: number, initialCapacity = 1024) {
    this.#capacity = Math.max(16, initialCapacity);
    this.#lookups = Array.from({ length: columnCount }, () => new Map<string, number>());
    this.#distinct = Array.from({ length: columnCount }, () => []);
    this.#missingTokens = Array.from({ length: columnCount }, () => []);
    this.#codes = Array.from({ length: columnCount }, () => new Int32Array(this.#capacity));
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  /** Makes room for at least `rows` rows in total (an estimate from the bytes read so far). */
  reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    this.#capacity = Math.ceil(rows);
    this.#codes = this.#codes.map((old) => {
      const grown = new Int32Array(this.#capacity);
      grown.set(old);
      return grown;
    });
  }

  /** Appends one record; missing trailing fields become missing, extra fields are ignored. */
  addRow(fields: readonly string[]): void {
    const row = this.#rowCount;
    if (row === this.#capacity) this.reserve(this.#capacity * 2);
    const columnCount = this.#codes.length;
    for (let c = 0; c < columnCount; c++) {
      const field = fields[c];
      (this.#codes[c] as Int32Array)[row] =
        field === undefined ? MISSING : this.#codeOf(c, field.trim());
    }
    this.#rowCount = row + 1;
  }

  #codeOf(column: number, value: string): number {
    const lookup = this.#lookups[column] as Map<string, number>;
    const known = lookup.get(value);
    if (known !== undefined) return known;
    let code = MISSING;
    if (isMissingToken(value)) {
      (this.#missingTokens[column] as string[]).push(value);
    } else {
      const distinct = this.#distinct[column] as string[];
      code = distinct.length;
      distinct.push(value);
    }
    lookup.set(value, code);
    return code;
  }

  /** The finished columns; the builder must not be used afterwards. */
  finish(): RawColumn[] {
    return this.#codes.map((codes, c) => ({
      distinct: this.#distinct[c] as string[],
      // slice, not subarray: release the unused capacity.
      codes: codes.length === this.#rowCount ? codes : codes.slice(0, this.#rowCount),
      missingTokens: this.#missingTokens[c] as string[],
    }));
  }
}
