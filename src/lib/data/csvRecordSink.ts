import type Papa from 'papaparse';
import { CsvError } from './csvError.ts';
import type { CsvDialect } from './csvDialect.ts';
import { MAX_COLUMNS, uniqueHeaderNames, type RenamedHeader } from './csvHeader.ts';
import { RawColumnsBuilder, type RawColumn, type RawNumericColumn } from './csvRawColumns.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** Rows counted for one kind of problem, with where the first few are. */
export interface RowIssue {
  count: number;
  /** 1-based physical lines of the file (header = line 1) where the first few records start. */
  firstLines: number[];
}

/** What the importer found and did, for the user to read. */
export interface ImportReport {
  /** Data rows imported (header and blank lines excluded). */
  rows: number;
  columns: number;
  /** Input size: bytes for a Blob, UTF-16 code units for a string. */
  bytes: number;
  delimiter: string;
  linebreak: CsvDialect['linebreak'];
  bomRemoved: boolean;
  /** Blank (or whitespace-only) lines skipped. */
  blankLines: number;
  /** Records with fewer fields than the header: padded with missing values. */
  shortRows: RowIssue;
  /** Records with more fields than the header: the extra fields were dropped. */
  longRows: RowIssue;
  /** Quoted fields with a stray quote inside (e.g. "a"b"): read as they stand, quote kept. */
  malformedQuotes: RowIssue;
  renamedHeaders: RenamedHeader[];
  /** One plain-language sentence per problem above. */
  warnings: string[];
}

/** The file as raw dictionary-encoded columns, before schema inference. */
export interface RawCsv {
  names: string[];
  /** Dictionary-encoded, or already numbers for many-valued numeric columns. */
  columns: (RawColumn | RawNumericColumn)[];
  report: ImportReport;
}

const REPORTED_LINES = 5;

/** Counts `char` in text[0, end). */
export function countChar(text: string, char: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && i < end; i = text.indexOf(char, i + 1)) count++;
  return count;
}
/**
 * The file line where each record of a chunk starts. Without quotes in the chunk a record is
 * one line; otherwise quoted fields may hold line breaks, counted lazily only when asked.
 */
export class RecordLines {
  #row = 0;
  #line: number;
  readonly #rows: string[][];
  readonly #startLine: number;
  readonly #mayHaveBreaks: boolean;
  readonly #breakChar: string;

  constructor(rows: string[][], startLine: number, mayHaveBreaks: boolean, breakChar: string) {
    this.#rows = rows;
    this.#startLine = startLine;
    this.#line = startLine;
    this.#mayHaveBreaks = mayHaveBreaks;
    this.#breakChar = breakChar;
  }

  lineOf(row: number): number {
    if (!this.#mayHaveBreaks) return this.#startLine + row;
    if (row < this.#row) {
      this.#row = 0;
      this.#line = this.#startLine;
    }
    for (; this.#row < row; this.#row++) {
      let breaks = 1;
      for (const field of this.#rows[this.#row] ?? []) {
        breaks += countChar(field, this.#breakChar, field.length);
      }
      this.#line += breaks;
    }
    return this.#line;
  }
}

/** Turns parsed records into the header and raw columns, counting what was odd. */
export class RecordSink {
  #names: string[] | null = null;
  #renamed: RenamedHeader[] = [];
  #builder: RawColumnsBuilder | null = null;
  #blankLines = 0;
  readonly #short: RowIssue = { count: 0, firstLines: [] };
  readonly #long: RowIssue = { count: 0, firstLines: [] };
  readonly #badQuotes: RowIssue = { count: 0, firstLines: [] };

  get rowCount(): number {
    return this.#builder?.rowCount ?? 0;
  }

  reserve(rows: number): void {
    this.#builder?.reserve(rows);
  }

  /** Takes one chunk's records; `delimiter` is the file's, needed to read decimal commas. */
  addRecords(
    rows: string[][],
    lines: RecordLines,
    errors: Papa.ParseError[],
    delimiter: string,
  ): void {
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r] as string[];
      if (fields.length === 1 && (fields[0] as string).trim() === '') {
        this.#blankLines++;
        continue;
      }
      if (!this.#builder) {
        if (fields.length > MAX_COLUMNS) {
          throw new CsvError(
            `The header has ${fields.length.toLocaleString('en-US')} columns; at most ` +
              `${MAX_COLUMNS.toLocaleString('en-US')} are supported. Is the delimiter right, ` +
              'or is this a file of one long line? Keep the columns you need.',
            { line: lines.lineOf(r) },
          );
        }
        const header = uniqueHeaderNames(fields);
        this.#names = header.names;
        this.#renamed = header.renamed;
        this.#builder = new RawColumnsBuilder(header.names.length, delimiter);
        continue;
      }
      const expected = (this.#names as string[]).length;
      if (fields.length !== expected) {
        note(fields.length < expected ? this.#short : this.#long, lines.lineOf(r));
      }
      this.#builder.addRow(fields);
    }
    for (const error of errors) {
      // Read after the records, so that the header can name the column. Errors of the cut-off
      // last record are skipped: they come back when it is parsed whole with the next chunk.
      if (error.row === undefined || error.row >= rows.length) continue;
      const line = lines.lineOf(error.row);
      if (error.code === 'MissingQuotes') {
        const fields = rows[error.row] ?? [];
        const column = this.#names?.[fields.length - 1];
        throw new CsvError(
          `Line ${line}${column === undefined ? '' : `, column ${quoteInput(column)}`}: a quoted field ` +
            'is opened but never closed (an unmatched " character), so the rest of the file ' +
            'would be read as one value.',
          { line, ...(column === undefined ? {} : { column }) },
        );
      }
      if (error.code === 'InvalidQuotes') note(this.#badQuotes, line);
    }
  }

  finish(bytes: number, dialect: CsvDialect, bomRemoved: boolean): RawCsv {
    const names = this.#names;
    const builder = this.#builder;
    if (!names || !builder) {
      throw new CsvError('The file is empty: it has no header row and no data.');
    }
    if (builder.rowCount === 0) {
      throw new CsvError(
        `The file has a header row (${names.length} columns: ${names
          .slice(0, 5)
          .map((name) => quoteInput(name, 40))
          .join(', ')}` + `${names.length > 5 ? ', ...' : ''}) but no data rows.`,
      );
    }
    const n = names.length;
    const warnings: string[] = [];
    if (this.#short.count > 0) {
      warnings.push(
        `${describe(this.#short)} had fewer than ${n} fields: the missing fields were read as missing values.`,
      );
    }
    if (this.#long.count > 0) {
      warnings.push(
        `${describe(this.#long)} had more than ${n} fields: the extra fields were dropped.`,
      );
    }
    if (this.#badQuotes.count > 0) {
      warnings.push(
        `${describe(this.#badQuotes)} had a stray " inside a quoted field: it was kept as part of the value.`,
      );
    }
    // A header of thousands of repeated names says so once, not thousands of times.
    for (const { index, from, to } of this.#renamed.slice(0, REPORTED_LINES)) {
      warnings.push(
        from === ''
          ? `Column ${index + 1} has no name in the header: named it ${quoteInput(to)}.`
          : `Column ${index + 1} repeats the name ${quoteInput(from)}: renamed it ${quoteInput(to)}.`,
      );
    }
    const unlisted = this.#renamed.length - REPORTED_LINES;
    if (unlisted > 0) {
      warnings.push(`${unlisted.toLocaleString('en-US')} more columns were renamed the same way.`);
    }
    return {
      names,
      columns: builder.finish(),
      report: {
        rows: builder.rowCount,
        columns: n,
        bytes,
        delimiter: dialect.delimiter,
        linebreak: dialect.linebreak,
        bomRemoved,
        blankLines: this.#blankLines,
        shortRows: this.#short,
        longRows: this.#long,
        malformedQuotes: this.#badQuotes,
        renamedHeaders: this.#renamed,
        warnings,
      },
    };
  }
}

function note(issue: RowIssue, line: number): void {
  issue.count++;
  if (issue.firstLines.length < REPORTED_LINES) issue.firstLines.push(line);
}

function describe(issue: RowIssue): string {
  const rows = issue.count === 1 ? '1 row' : `${issue.count} rows`;
  const more = issue.count > issue.firstLines.length ? ', ...' : '';
  const at = issue.firstLines.length === 1 ? 'line' : 'lines';
  return `${rows} (${at} ${issue.firstLines.join(', ')}${more})`;
}
