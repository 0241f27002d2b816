import { CsvError } from './csvError.ts';
import type { CsvDialect } from './csvDialect.ts';
import { formatBytes } from '../text/format.ts';

/** Receives a CSV's fields in file order from CsvTokenizer. */
export interface FieldSink {
  /**
   * One field: text[start, end) as written (untrimmed) for an unquoted field; for a quoted one,
   * its value (quotes removed, "" read as ") as the whole of `text`.
   * @param recordLine 0 while the record goes on; on its last field, the 1-based file line where
   *   the record starts (the header is line 1).
   */
  field(text: string, start: number, end: number, recordLine: number): void;
  /** A quote inside a quoted field that neither closes it nor is doubled: kept as text. */
  strayQuote(recordLine: number): void;
  /** The input ended inside a quoted field, the next field of the record starting at `recordLine`. */
  unclosedQuote(recordLine: number): never;
}

/** A field longer than this is an unclosed quote, not data: stop before re-reading it forever. */
export const MAX_FIELD_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text into fields with a char-code state machine, a chunk at a time, as papaparse's
 * Parser does with the same dialect: a field that starts with " is quoted (delimiters and line
 * breaks inside it are data, "" is one "); after its closing quote, white space up to the
 * delimiter or line break is skipped, and any other character makes that quote a stray one, kept
 * as text; a record ends at the dialect's line break only (a lone \r or \n elsewhere is data).
 * A field cut by the end of a chunk is carried over and read whole with the next one, so no
 * field is handed on before its end is seen. Lines are counted by the dialect's break character
 * (\n, or \r in an old-Mac file), inside quoted fields too.
 */
export class CsvTokenizer {
  readonly #sink: FieldSink;
  readonly #delimiter: number;
  /** The char that ends a record: \n (also for \r\n, where a \r must precede it) or \r. */
  readonly #breakChar: number;
  readonly #crlf: boolean;
  #carry = '';
  /** File line at the start of the carried text. */
  #line = 1;
  #recordLine = 1;
  /** A delimiter of the current record was read, so the end of input ends one more field. */
  #midRecord = false;

  constructor(dialect: CsvDialect, sink: FieldSink) {
    if (dialect.delimiter.length !== 1 || /["\r\n]/.test(dialect.delimiter)) {
      throw new CsvError('The delimiter must be one character other than a quote or line break.');
    }
    this.#sink = sink;
    this.#delimiter = dialect.delimiter.charCodeAt(0);
    this.#crlf = dialect.linebreak === '\r\n';
    this.#breakChar = dialect.linebreak === '\r' ? CR : LF;
  }

  /** Reads the next chunk of text; `last` ends the input. */
  push(chunk: string, last: boolean): void {
    const text = this.#carry + chunk;
    const length = text.length;
    const sink = this.#sink;
    const delimiter = this.#delimiter;
    const breakChar = this.#breakChar;
    const crlf = this.#crlf;
    let line = this.#line;
    let recordLine = this.#recordLine;
    let midRecord = this.#midRecord;
    let pos = 0;
    this.#carry = '';
    while (pos < length) {
      const fieldLine = line;
      let next: number;
      let end: number;
      if (text.charCodeAt(pos) !== QUOTE) {
        let i = pos;
        let c = 0;
        for (;;) {
          for (; i < length; i++) {
            c = text.charCodeAt(i);
            if (c === delimiter || c === breakChar) break;
          }
          if (i === length || c === delimiter) break;
          line++;
          // A \n without its \r in a \r\n file is data (a line of the file, not a record).
          if (!crlf || (i > pos && text.charCodeAt(i - 1) === CR)) break;
          i++;
        }
        if (i === length) {
          if (!last) {
            this.#carryFrom(text, pos, fieldLine);
            break;
          }
          sink.field(text, pos, length, recordLine);
          midRecord = false;
          pos = length;
          break;
        }
        next = i + 1;
        end = c === delimiter ? i : crlf ? i - 1 : i;
        if (c === delimiter) {
          sink.field(text, pos, end, 0);
          midRecord = true;
        } else {
          sink.field(text, pos, end, recordLine);
          recordLine = line;
          midRecord = false;
        }
        pos = next;
        continue;
      }
      // A quoted field: find its closing quote.
      let search = pos + 1;
      let strays = 0;
      let quotesInside = false;
      let close: number;
      let after: number;
      let c = 0;
      for (;;) {
        close = text.indexOf('"', search);
        if (close === -1 || close + 1 === length) break;
        c = text.charCodeAt(close + 1);
        if (c === QUOTE) {
          quotesInside = true;
          search = close + 2;
          continue;
        }
        after = close + 1;
        for (; after < length; after++) {
          c = text.charCodeAt(after);
          if (c === delimiter) break;
          if (
            c === breakChar &&
            (!crlf || (after > close + 1 && text.charCodeAt(after - 1) === CR))
          )
            break;
          if (!isTrimSpace(c)) break;
        }
        if (after === length || c === delimiter || c === breakChar) break;
        strays++;
        quotesInside = true;
        search = close + 1;
      }
      if (close === -1 || (!last && (close + 1 === length || after! === length))) {
        if (!last) {
          this.#carryFrom(text, pos, fieldLine);
          break;
        }
        sink.unclosedQuote(recordLine);
      }
      const raw = text.slice(pos + 1, close);
      const value = quotesInside ? raw.replaceAll('""', '"') : raw;
      const fieldEnd = close + 1 === length ? length : after!;
      line += countChar(text, breakChar, pos, fieldEnd);
      const endsRecord = fieldEnd === length ? last : c !== delimiter;
      if (endsRecord && fieldEnd < length) line++;
      for (let k = 0; k < strays; k++) sink.strayQuote(recordLine);
      if (endsRecord) {
        sink.field(value, 0, value.length, recordLine);
        recordLine = line;
        midRecord = false;
      } else {
        sink.field(value, 0, value.length, 0);
        midRecord = true;
      }
      pos = fieldEnd + 1;
    }
    if (last && midRecord) sink.field(text, length, length, recordLine);
    if (!this.#carry) this.#line = line;
    this.#recordLine = recordLine;
    this.#midRecord = last ? false : midRecord;
  }

  #carryFrom(text: string, start: number, line: number): void {
    this.#carry = text.slice(start);
    this.#line = line;
    if (this.#carry.length <= MAX_FIELD_CHARS) return;
    throw new CsvError(
      this.#carry.charCodeAt(0) === QUOTE
        ? `Line ${this.#recordLine}: a quoted field is opened but not closed within ` +
            `${formatBytes(MAX_FIELD_CHARS)}; check for an unmatched " character.`
        : `Line ${this.#recordLine}: one field is longer than ${formatBytes(MAX_FIELD_CHARS)}; ` +
            'check the delimiter and line breaks.',
      { line: this.#recordLine },
    );
  }
}

/** Counts `char` (a char code) in text[start, end). */
function countChar(text: string, char: number, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === char) count++;
  return count;
}

/** The characters String.prototype.trim removes. */
export function isTrimSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x80 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}
