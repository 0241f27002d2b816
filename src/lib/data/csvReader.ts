import Papa from 'papaparse';
import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import { checkText, type CsvEncoding } from './csvEncoding.ts';
import { CsvError } from './csvError.ts';
import { detectDialect, type CsvDialect } from './csvDialect.ts';
import { countChar, RecordLines, RecordSink, type RawCsv } from './csvRecordSink.ts';
import { inputSize, readTextChunks } from './csvSource.ts';
import { formatBytes } from '../text/format.ts';

export type { ImportReport, RawCsv, RowIssue } from './csvRecordSink.ts';

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

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
/** Text needed before the dialect is guessed, unless the file is shorter. */
const DIALECT_SAMPLE = 16 * 1024;
/** A record longer than this is an unclosed quote, not data: stop before re-parsing it forever. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

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
  let decoded = 0;
  let encoding: CsvEncoding = 'utf-8';
  for await (const chunk of readTextChunks(input, options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
    throwIfAborted(options.signal);
    encoding = chunk.encoding;
    checkText(chunk.text, encoding, decoded);
    decoded += chunk.text.length;
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
  const raw = chunks.sink.finish(totalBytes, chunks.dialect, chunks.bomRemoved);
  if (encoding !== 'utf-8') {
    const order = encoding === 'utf-16le' ? 'little-endian' : 'big-endian';
    raw.report.warnings.unshift(`The file is UTF-16 text (${order}): it was read as such.`);
  }
  return raw;
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
      dialect.delimiter,
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
