import { CsvError } from './csvError.ts';
import type { CsvDialect } from './csvDialect.ts';
import { MAX_COLUMNS, uniqueHeaderNames, type RenamedHeader } from './csvHeader.ts';
import { RawColumnsBuilder, type RawColumn, type RawNumericColumn } from './csvRawColumns.ts';
import { isTrimSpace, type FieldSink } from './csvTokenizer.ts';
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

/**
 * Turns the tokenizer's fields into the header and raw columns, counting what was odd: blank
 * lines, short and long rows, stray quotes.
 */
export class RecordSink implements FieldSink {
  #names: string[] | null = null;
  #renamed: RenamedHeader[] = [];
  #builder: RawColumnsBuilder | null = null;
  #columns = 0;
  /** Fields read so far in the current record. */
  #fields = 0;
  #header: string[] = [];
  readonly #delimiter: string;
  #blankLines = 0;
  readonly #short: RowIssue = { count: 0, firstLines: [] };
  readonly #long: RowIssue = { count: 0, firstLines: [] };
  readonly #badQuotes: RowIssue = { count: 0, firstLines: [] };

  /** @param delimiter the file's, needed to read decimal commas. */
  constructor(delimiter: string) {
    this.#delimiter = delimiter;
  }

  get rowCount(): number {
    return this.#builder?.rowCount ?? 0;
  }

  reserve(rows: number): void {
    this.#builder?.reserve(rows);
  }

  field(text: string, start: number, end: number, recordLine: number): void {
    const index = this.#fields;
    const builder = this.#builder;
    if (recordLine === 0) {
      this.#fields = index + 1;
      if (index < this.#columns) (builder as RawColumnsBuilder).put(index, text, start, end);
      else if (!builder && index < MAX_COLUMNS) this.#header.push(text.slice(start, end));
      return;
    }
    this.#fields = 0;
    if (index === 0 && isBlank(text, start, end)) {
      this.#blankLines++;
      return;
    }
    if (!builder) {
      if (index < MAX_COLUMNS) this.#header.push(text.slice(start, end));
      this.#startColumns(index + 1, recordLine);
      return;
    }
    if (index < this.#columns) builder.put(index, text, start, end);
    if (index + 1 !== this.#columns) {
      note(index + 1 < this.#columns ? this.#short : this.#long, recordLine);
    }
    builder.endRow(index + 1);
  }

  strayQuote(recordLine: number): void {
    note(this.#badQuotes, recordLine);
  }

  unclosedQuote(recordLine: number): never {
    const column = this.#names?.[this.#fields];
    throw new CsvError(
      `Line ${recordLine}${column === undefined ? '' : `, column ${quoteInput(column)}`}: a quoted field ` +
        'is opened but never closed (an unmatched " character), so the rest of the file ' +
        'would be read as one value.',
      { line: recordLine, ...(column === undefined ? {} : { column }) },
    );
  }

  /** The header record, of `count` fields, is read: name the columns. */
  #startColumns(count: number, line: number): void {
    if (count > MAX_COLUMNS) {
      throw new CsvError(
        `The header has ${count.toLocaleString('en-US')} columns; at most ` +
          `${MAX_COLUMNS.toLocaleString('en-US')} are supported. Is the delimiter right, ` +
          'or is this a file of one long line? Keep the columns you need.',
        { line },
      );
    }
    const header = uniqueHeaderNames(this.#header);
    this.#header = [];
    this.#names = header.names;
    this.#renamed = header.renamed;
    this.#columns = header.names.length;
    this.#builder = new RawColumnsBuilder(this.#columns, this.#delimiter);
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

/** True when text[start, end) is empty or white space only. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isTrimSpace(text.charCodeAt(i))) return false;
  return true;
}
