/**
 * A CSV problem a user can act on. The message names the problem and, where there is one,
 * the line (1-based physical line of the file, the header being line 1) and the column.
 */
export class CsvError extends Error {
  /** 1-based physical line in the file where the offending record starts, when known. */
  readonly line: number | undefined;
  /** Column name, when the problem belongs to one column. */
  readonly column: string | undefined;

  constructor(message: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.name = 'CsvError';
    this.line = where.line;
    this.column = where.column;
  }
}
