import { detectEncoding, type CsvEncoding } from './csvEncoding.ts';

/**
 * Reads CSV input as a sequence of text chunks, the same way for a string (tests) and a
 * Blob or File (browser worker, CLI). Blobs are read with `slice().arrayBuffer()` and a
 * streaming TextDecoder, which exist in workers and in Node; FileReader (what papaparse's own
 * file streamer uses) exists only in browsers.
 */

export interface TextChunk {
  text: string;
  /** Input consumed so far: bytes for a Blob, UTF-16 code units for a string. */
  bytesRead: number;
  /** True for the final chunk (which may be empty). */
  last: boolean;
  /** How the bytes were decoded (a string is already text: 'utf-8'). */
  encoding: CsvEncoding;
}

/** Size of the input in the unit of TextChunk.bytesRead. */
export function inputSize(input: Blob | string): number {
  return typeof input === 'string' ? input.length : input.size;
}

/** Yields the input in chunks of about `chunkSize` units; always yields at least one chunk. */
export async function* readTextChunks(
  input: Blob | string,
  chunkSize: number,
): AsyncGenerator<TextChunk> {
  const size = inputSize(input);
  if (typeof input === 'string') {
    for (let start = 0; ; start += chunkSize) {
      const end = Math.min(size, start + chunkSize);
      yield { text: input.slice(start, end), bytesRead: end, last: end >= size, encoding: 'utf-8' };
      if (end >= size) return;
    }
  }
  // Invalid UTF-8 becomes U+FFFD instead of failing the import (checkText refuses a file full of
  // it); `stream` keeps a character split across two slices whole; ignoreBOM keeps a BOM so the
  // reader strips and reports it the same way as for a string.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let encoding: CsvEncoding = 'utf-8';
  for (let start = 0; ; start += chunkSize) {
    const end = Math.min(size, start + chunkSize);
    const bytes = new Uint8Array(await input.slice(start, end).arrayBuffer());
    if (decoder === undefined) {
      encoding = detectEncoding(bytes);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
    }
    const last = end >= size;
    const text = decoder.decode(bytes, { stream: !last });
    yield { text, bytesRead: end, last, encoding };
    if (last) return;
  }
}
