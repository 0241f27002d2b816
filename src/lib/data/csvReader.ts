import Papa from 'papaparse';
import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import { CsvError } from './csvError.ts';
import { detectDialect, type CsvDialect } from './csvDialect.ts';
import { uniqueHeaderNames, type RenamedHeader } from './csvHeader.ts';
import { RawColumnsBuilder, type RawColumn } from './csvRawColumns.ts';
import { inputSize, readTextChunks } from './csvSource.ts';

/** Progress of a CSV read, reported once per chunk (a few MiB), never per row. */
export interface CsvProgress {
  /** Input consumed: bytes for a Blob, UTF-16 code units for a string. */
  bytes: number;
  totalBytes: number;
  /** Data rows read so far. */
  rows: number;
}

export interface CsvReadOptions {
  /** Aborting makes the read throw CancelledError between chunks. */
  signal?: AbortSignal;
  onProgress?: (progress: CsvProgress) => void;
  /** Largest input accepted, in bytes (string: UTF-16 code units). Default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /** Field delimiter; detected among , ; tab | when absent. */
  delimiter?: string;
  /** Chunk size in bytes (string: code units). Default DEFAULT_CHUNK_SIZE; tests make it tiny. */
  chunkSize?: number;
}

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
  columns: RawColumn[];
  report: ImportReport;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
const REPORTED_LINES = 5;
/** Text needed before the dialect is guessed, unless the file is shorter. */
const DIALECT_SAMPLE = 16 * 1024;
/** A record longer than this is an unclosed quote, not data: stop before re-parsing it forever. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Human size: "1.5 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Streams a CSV/TSV file into raw columns, a chunk at a time, yielding to the event loop
 * between chunks so that a cancel can arrive.
 * @throws CsvError for an empty, header-only or over-budget file or an unclosed quote;
 *   CancelledError when `signal` aborts.
 */
export async function readCsvRaw(
  input: Blob | string,
  options: CsvReadOptions = {},
): Promise<RawCsv> {
  const totalBytes = inputSize(input);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (totalBytes > maxBytes) {
    throw new CsvError(
      `The file is ${formatBytes(totalBytes)}, over the ${formatBytes(maxBytes)} memory budget ` +
        'for one data set. Import a smaller sample of it.',
    );
  }
  const chunks = new ChunkedRecords(options.delimiter);
  let reserved = false;
  for await (const chunk of readTextChunks(input, options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
    throwIfAborted(options.signal);
    chunks.push(chunk.text, chunk.last);
    const sink = chunks.sink;
    if (!reserved && sink.rowCount > 0 && !chunk.last) {
      reserved = true;
      sink.reserve((sink.rowCount * totalBytes * 1.05) / chunk.bytesRead + 16);
    }
    options.onProgress?.({ bytes: chunk.bytesRead, totalBytes, rows: sink.rowCount });
    if (!chunk.last) {
      await yieldToEventLoop();
      throwIfAborted(options.signal);
    }
  }
  return chunks.sink.finish(totalBytes, chunks.dialect, chunks.bomRemoved);
}

/**
 * Feeds text chunks to papaparse's low-level Parser with ignoreLastRow, so a record cut by a
 * chunk boundary (even inside a quoted field holding newlines) is carried over and parsed
 * whole with the next chunk; tracks the file line where the carried text starts.
 */
class ChunkedRecords {
  readonly sink = new RecordSink();
  bomRemoved = false;
  readonly #delimiter: string | undefined;
  #dialect: CsvDialect | null = null;
  #parser: Papa.Parser | null = null;
  #carry = '';
  #line = 1;
  #started = false;

  constructor(delimiter: string | undefined) {
    this.#delimiter = delimiter;
  }

  get dialect(): CsvDialect {
    return this.#dialect ?? { delimiter: this.#delimiter ?? ',', linebreak: '\n' };
  }

  push(chunkText: string, last: boolean): void {
    let text = this.#carry + chunkText;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.bomRemoved = true;
      }
    }
    if (!this.#dialect && !last && text.length < DIALECT_SAMPLE) {
      this.#carry = text;
      return;
    }
    const dialect = (this.#dialect ??= detectDialect(text, this.#delimiter));
    this.#parser ??= new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.linebreak });
    const result = this.#parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
    const rows = result.data;
    // papaparse reads the end of a file that ends with a line break as one more empty record.
    const lastRow = rows.at(-1);
    if (last && text.endsWith(dialect.linebreak) && lastRow?.length === 1 && lastRow[0] === '') {
      rows.pop();
    }
    const breakChar = dialect.linebreak === '\r' ? '\r' : '\n';
    this.sink.addRecords(
      rows,
      new RecordLines(rows, this.#line, text.includes('"'), breakChar),
      result.errors,
    );
    const consumed = last ? text.length : result.meta.cursor;
    this.#line += countChar(text, breakChar, consumed);
    this.#carry = text.slice(consumed);
    if (this.#carry.length > MAX_RECORD_CHARS) {
      throw new CsvError(
        `Line ${this.#line}: a quoted field is opened but not closed within ` +
          `${formatBytes(MAX_RECORD_CHARS)}; check for an unmatched " character.`,
        { line: this.#line },
      );
    }
  }
}

/** Counts `char` in text[0, end). */
function countChar(text: string, char: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && i < end; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/**
 * The file line where each record of a chunk starts. Without quotes in the chunk a record is
 * one line; otherwise quoted fields may hold line breaks, counted lazily only when asked.
 */
class RecordLines {
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
class RecordSink {
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

  addRecords(rows: string[][], lines: RecordLines, errors: Papa.ParseError[]): void {
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r] as string[];
      if (fields.length === 1 && (fields[0] as string).trim() === '') {
        this.#blankLines++;
        continue;
      }
      if (!this.#builder) {
        const header = uniqueHeaderNames(fields);
        this.#names = header.names;
        this.#renamed = header.renamed;
        this.#builder = new RawColumnsBuilder(header.names.length);
        continue;
      }
      const expected = (this.#names as string[]).length;
      if (fields.length !== expected) {
        note(fields.length < expected ? this.#short : this.#long, lines.lineOf(r));
      }
      this.#builder.addRow(fields);
    }
    for (const error of errors) {
      // After the records, so that the header names the column. Errors of the cut-off last record come back when it is parsed whole.
      if (error.row === undefined || error.row >= rows.length) continue;
      const line = lines.lineOf(error.row);
      if (error.code === 'MissingQuotes') {
        const fields = rows[error.row] ?? [];
        const column = this.#names?.[fields.length - 1];
        throw new CsvError(
          `Line ${line}${column === undefined ? '' : `, column "${column}"`}: a quoted field ` +
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
        `The file has a header row (${names.length} columns: ${names.slice(0, 5).join(', ')}` +
          `${names.length > 5 ? ', ...' : ''}) but no data rows.`,
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
    for (const { index, from, to } of this.#renamed) {
      warnings.push(
        from === ''
          ? `Column ${index + 1} has no name in the header: named it "${to}".`
          : `Column ${index + 1} repeats the name "${from}": renamed it "${to}".`,
      );
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
