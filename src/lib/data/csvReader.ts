import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import { checkText, type CsvEncoding } from './csvEncoding.ts';
import { CsvError } from './csvError.ts';
import { detectDialect, type CsvDialect } from './csvDialect.ts';
import { RecordSink, type RawCsv } from './csvRecordSink.ts';
import { CsvTokenizer } from './csvTokenizer.ts';
import { inputSize, readTextChunks } from './csvSource.ts';
import { formatBytes } from '../text/format.ts';

export type { ImportReport, RawCsv, RowIssue } from './csvRecordSink.ts';

/** Progress of a CSV read, reported once per chunk (1 MiB), never per row. */
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
  /**
   * Chunk size in bytes (string: code units): progress once per chunk, and no piece of text
   * longer. Default DEFAULT_CHUNK_SIZE; tests make it tiny.
   */
  chunkSize?: number;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/**
 * 1 MiB: how often progress is reported and a cancel can arrive. A string is cut into pieces of
 * this size (slices of it, no copies); a Blob into its stream's smaller pieces, since larger
 * ones raised the peak of memory (see readTextChunks).
 */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Text needed before the dialect is guessed, unless the file is shorter. */
const DIALECT_SAMPLE = 16 * 1024;

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
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  // Pieces may be smaller than a chunk (see readTextChunks): progress, the reservation and a turn
  // of the event loop come once per chunk, at a multiple of chunkSize, and at the end.
  for await (const chunk of readTextChunks(input, chunkSize)) {
    throwIfAborted(options.signal);
    encoding = chunk.encoding;
    checkText(chunk.text, encoding, decoded);
    decoded += chunk.text.length;
    chunks.push(chunk.text, chunk.last);
    if (!chunk.last && chunk.bytesRead % chunkSize !== 0) continue;
    if (!reserved && chunks.rowCount > 0 && !chunk.last) {
      reserved = true;
      chunks.sink?.reserve((chunks.rowCount * totalBytes * 1.05) / chunk.bytesRead + 16);
    }
    options.onProgress?.({ bytes: chunk.bytesRead, totalBytes, rows: chunks.rowCount });
    if (!chunk.last) {
      await yieldToEventLoop();
      throwIfAborted(options.signal);
    }
  }
  const raw = chunks.finish(totalBytes);
  if (encoding !== 'utf-8') {
    const order = encoding === 'utf-16le' ? 'little-endian' : 'big-endian';
    raw.report.warnings.unshift(`The file is UTF-16 text (${order}): it was read as such.`);
  }
  return raw;
}

/**
 * Strips a byte order mark, guesses the dialect from the first DIALECT_SAMPLE characters, then
 * hands every chunk to the char-code tokenizer, which carries a field cut by a chunk boundary
 * (even a quoted one holding line breaks) over to the next chunk.
 */
class ChunkedRecords {
  sink: RecordSink | null = null;
  bomRemoved = false;
  readonly #delimiter: string | undefined;
  #dialect: CsvDialect | null = null;
  #tokenizer: CsvTokenizer | null = null;
  #head = '';
  #started = false;

  constructor(delimiter: string | undefined) {
    this.#delimiter = delimiter;
  }

  get rowCount(): number {
    return this.sink?.rowCount ?? 0;
  }

  get dialect(): CsvDialect {
    return this.#dialect ?? { delimiter: this.#delimiter ?? ',', linebreak: '\n' };
  }

  push(chunkText: string, last: boolean): void {
    let text = chunkText;
    if (!this.#tokenizer) {
      text = this.#head + chunkText;
      if (!this.#started && text.length > 0) {
        this.#started = true;
        if (text.charCodeAt(0) === 0xfeff) {
          text = text.slice(1);
          this.bomRemoved = true;
        }
      }
      if (!last && text.length < DIALECT_SAMPLE) {
        this.#head = text;
        return;
      }
      this.#head = '';
      this.#dialect = detectDialect(text, this.#delimiter);
      this.sink = new RecordSink(this.#dialect.delimiter);
      this.#tokenizer = new CsvTokenizer(this.#dialect, this.sink);
    }
    this.#tokenizer.push(text, last);
  }

  /** The raw columns and the report; throws when the file has no header or no rows. */
  finish(bytes: number): RawCsv {
    return (this.sink ?? new RecordSink(this.dialect.delimiter)).finish(
      bytes,
      this.dialect,
      this.bomRemoved,
    );
  }
}
