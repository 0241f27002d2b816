import Papa from 'papaparse';

/** How a file separates fields and records. */
export interface CsvDialect {
  delimiter: string;
  linebreak: '\n' | '\r\n' | '\r';
}

/** Delimiters tried, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_CHARS = 64 * 1024;

/**
 * Detects the line break and, unless given, the delimiter from the start of the file. The
 * delimiter is papaparse's guess over the first 20 complete records: the candidate giving the
 * most consistent field count (then the most fields) wins; a one-column file falls back to ",".
 */
export function detectDialect(text: string, delimiter?: string): CsvDialect {
  let sample = text.slice(0, SAMPLE_CHARS);
  const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  // A cut-off final record would look ragged to the guess.
  if (sample.length < text.length && lastBreak > 0) sample = sample.slice(0, lastBreak);
  const result = Papa.parse<string[]>(sample, {
    preview: 20,
    skipEmptyLines: true,
    delimitersToGuess: [...CANDIDATE_DELIMITERS],
    ...(delimiter === undefined ? {} : { delimiter }),
  });
  const linebreak = result.meta.linebreak;
  return {
    delimiter: delimiter ?? result.meta.delimiter,
    linebreak: linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n',
  };
}
