import { detectEncoding, ENCODING_SAMPLE_BYTES, type CsvEncoding } from './csvEncoding.ts';

/**
 * Reads CSV input as a sequence of text pieces, the same way for a string (tests) and a
 * Blob or File (browser worker, CLI). Blobs are read with `stream()` and a streaming
 * TextDecoder, which exist in workers and in Node; FileReader (what papaparse's own file
 * streamer uses) exists only in browsers.
 */

export interface TextChunk {
  text: string;
  /** Input consumed so far: bytes for a Blob, UTF-16 code units for a string. */
  bytesRead: number;
  /** True for the final piece (which may be empty). */
  last: boolean;
  /** How the bytes were decoded (a string is already text: 'utf-8'). */
  encoding: CsvEncoding;
}

/** Size of the input in the unit of TextChunk.bytesRead. */
export function inputSize(input: Blob | string): number {
  return typeof input === 'string' ? input.length : input.size;
}

/**
 * Most bytes decoded at a time, should a stream hand over larger pieces than Node's 64 KiB:
 * reading a 100 MB file as 1 MiB slices, each decoded whole, raised the peak of memory by about
 * 70 MB of dead buffers and text (37 of it the text); its stream's 64 KiB pieces, by nothing
 * measurable (docs/design.md, "CSV import").
 */
const DECODE_BYTES = 64 * 1024;

/**
 * Yields the input in pieces that never cross a multiple of `chunkSize` units (a string: chunks
 * of `chunkSize`; a Blob: at most DECODE_BYTES and its stream's pieces, which may be smaller), so
 * a reader can act once per chunk where `bytesRead` is a multiple of it. Always yields at least
 * one piece, the last one with `last` set.
 */
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
  // it); `stream` keeps a character split across two pieces whole; ignoreBOM keeps a BOM so the
  // reader strips and reports it the same way as for a string. The Blob is read as a stream,
  // not as slices: see DECODE_BYTES.
  const reader = input.stream().getReader();
  let bytesRead = 0;
  try {
    let bytes = await readHead(reader);
    const encoding = bytes ? detectEncoding(bytes) : 'utf-8';
    const decoder = new TextDecoder(encoding, { ignoreBOM: true });
    while (bytes !== undefined) {
      for (let at = 0; at < bytes.length;) {
        const toChunkEnd = chunkSize - (bytesRead % chunkSize);
        const piece = bytes.subarray(
          at,
          Math.min(bytes.length, at + DECODE_BYTES, at + toChunkEnd),
        );
        at += piece.length;
        bytesRead += piece.length;
        const last = bytesRead >= size;
        yield { text: decoder.decode(piece, { stream: !last }), bytesRead, last, encoding };
        if (last) return;
      }
      const next = await reader.read();
      bytes = next.done ? undefined : next.value;
    }
    // An empty file, or one that shrank while read: end the text, keeping a cut character.
    yield { text: decoder.decode(), bytesRead, last: true, encoding };
  } finally {
    await reader.cancel();
  }
}

/**
 * The stream's first pieces, joined until they hold ENCODING_SAMPLE_BYTES (or the whole of a
 * shorter file), so that the encoding is told from as many bytes whatever the stream's piece
 * size; undefined for an empty file.
 */
async function readHead(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | undefined> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  while (length < ENCODING_SAMPLE_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces.push(value);
    length += value.length;
  }
  if (pieces.length <= 1) return pieces[0];
  const head = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    head.set(piece, at);
    at += piece.length;
  }
  return head;
}
