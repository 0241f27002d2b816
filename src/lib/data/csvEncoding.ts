import { CsvError } from './csvError.ts';
import { formatPercent } from '../text/format.ts';

/** The text encodings a CSV is read in: UTF-8 unless a byte order mark or the bytes say UTF-16. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Bytes looked at to tell UTF-16 without a byte order mark from UTF-8. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/**
 * The encoding of a file from its first bytes: a UTF-16 byte order mark (FF FE little-endian,
 * FE FF big-endian), else UTF-16 text without one, whose ASCII characters leave a NUL in every
 * other byte (NULs in most odd bytes and few even ones: little-endian; the reverse: big-endian),
 * else UTF-8. Binary files have NULs too, but not in that pattern; checkText refuses them.
 */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(head.length, ENCODING_SAMPLE_BYTES) / 2);
  if (pairs < 2) return 'utf-8';
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  if (oddNuls > 0.4 * pairs && evenNuls < 0.05 * pairs) return 'utf-16le';
  if (evenNuls > 0.4 * pairs && oddNuls < 0.05 * pairs) return 'utf-16be';
  return 'utf-8';
}

/** More than this share of undecodable characters at the start of a file: not UTF-8 text. */
const MAX_REPLACEMENT_SHARE = 0.02;

/**
 * Refuses content that is not text, before any of it can reach a message: a NUL character
 * (binary files: spreadsheets, archives, images), or, in the file's first chunk, a share of
 * undecodable bytes (U+FFFD after decoding) above 2%. A few stray bytes, as in a Latin-1 name,
 * are read as U+FFFD and the import goes on.
 * @param offset where `text` starts in the decoded file, in characters, to name the position.
 * @throws CsvError naming what was found and what to do.
 */
export function checkText(text: string, encoding: CsvEncoding, offset: number): void {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new CsvError(
      `This file is not text: it holds NUL characters (the first at character ` +
        `${(offset + nul + 1).toLocaleString('en-US')}), as binary files such as spreadsheets, ` +
        'archives and images do. Save or export it as CSV or TSV text.',
    );
  }
  if (offset > 0 || encoding !== 'utf-8') return;
  const sample = text.slice(0, ENCODING_SAMPLE_BYTES);
  let replaced = 0;
  for (let i = sample.indexOf('\uFFFD'); i >= 0; i = sample.indexOf('\uFFFD', i + 1)) replaced++;
  if (sample.length > 0 && replaced / sample.length > MAX_REPLACEMENT_SHARE) {
    throw new CsvError(
      `This file is not UTF-8 text: ${formatPercent(replaced / sample.length, 0)} of its first ${sample.length.toLocaleString('en-US')} ` +
        'characters are not valid UTF-8, as in a binary file or text saved in another encoding ' +
        '(such as Windows-1252). Save it as CSV in UTF-8.',
    );
  }
}
