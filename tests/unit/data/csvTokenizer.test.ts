import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../src/lib/data/csvDialect.ts';
import { CsvTokenizer, type FieldSink } from '../../../src/lib/data/csvTokenizer.ts';
import { createRng } from '../../../src/lib/random.ts';

/** What the tokenizer hands on: records as strings, the lines they start on, stray quotes. */
function tokenize(text: string, dialect: CsvDialect, chunkSizes: number[]) {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let strays = 0;
  const sink: FieldSink = {
    field(t, start, end, recordLine) {
      record.push(t.slice(start, end));
      if (recordLine === 0) return;
      records.push(record);
      lines.push(recordLine);
      record = [];
    },
    strayQuote: () => void strays++,
    unclosedQuote: (line) => {
      throw new Error(`unclosed at line ${line}`);
    },
  };
  const tokenizer = new CsvTokenizer(dialect, sink);
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    const size = chunkSizes[k % chunkSizes.length] as number;
    tokenizer.push(text.slice(at, at + size), at + size >= text.length);
    at += size;
  }
  return { records, lines, strays };
}

/** papaparse's Parser on the whole text, the behaviour the tokenizer keeps. */
function papaparse(text: string, dialect: CsvDialect) {
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.linebreak });
  const result = parser.parse(text, 0, false) as Papa.ParseResult<string[]>;
  const records = result.data;
  // papaparse reads the end of a file that ends with a line break as one more empty record.
  if (text.endsWith(dialect.linebreak)) records.pop();
  const strays = result.errors.filter((e) => e.code === 'InvalidQuotes').length;
  const unclosed = result.errors.some((e) => e.code === 'MissingQuotes');
  return { records, strays, unclosed };
}

/** Random CSV text with quoted fields, doubled and stray quotes, lone \r and \n, spaces. */
function randomCsv(rng: ReturnType<typeof createRng>, dialect: CsvDialect): string {
  const pieces = ['a', 'b7', '1.5', ' ', '  ', '"', '""', '\r', '\n', '\r\n', dialect.delimiter];
  const records: string[] = [];
  for (let r = 1 + rng.int(12); r > 0; r--) {
    const fields: string[] = [];
    for (let f = 1 + rng.int(5); f > 0; f--) {
      let value = '';
      for (let k = rng.int(5); k > 0; k--) value += pieces[rng.int(pieces.length)];
      const quoted = rng.next() < 0.4;
      if (!quoted) value = value.replaceAll('"', '').split(dialect.linebreak).join('');
      const after = rng.next() < 0.2 ? ' ' : '';
      fields.push(quoted ? `"${value}"${after}` : value);
    }
    records.push(fields.join(dialect.delimiter));
  }
  return records.join(dialect.linebreak) + dialect.linebreak;
}

const DIALECTS: CsvDialect[] = [
  { delimiter: ',', linebreak: '\n' },
  { delimiter: ';', linebreak: '\r\n' },
  { delimiter: '\t', linebreak: '\r' },
];

describe('CsvTokenizer', () => {
  it('splits 6,000 random files as papaparse does, whatever the chunk sizes', () => {
    const rng = createRng(21);
    let unclosed = 0;
    let strays = 0;
    for (let k = 0; k < 6000; k++) {
      const dialect = DIALECTS[k % DIALECTS.length] as CsvDialect;
      const text = randomCsv(rng, dialect);
      const expected = papaparse(text, dialect);
      for (const chunks of [[text.length], [1], [1 + rng.int(7), 1 + rng.int(13)]]) {
        if (expected.unclosed) {
          expect(() => tokenize(text, dialect, chunks)).toThrow(/^unclosed/);
          continue;
        }
        const got = tokenize(text, dialect, chunks);
        if (JSON.stringify(got.records) !== JSON.stringify(expected.records)) {
          expect({ text, chunks, records: got.records }).toEqual({
            text,
            chunks,
            records: expected.records,
          });
        }
        expect(got.strays).toBe(expected.strays);
      }
      if (expected.unclosed) unclosed++;
      strays += expected.strays;
    }
    // The generator reaches the hard cases.
    expect(unclosed).toBeGreaterThan(100);
    expect(strays).toBeGreaterThan(100);
  });

  it('gives each record the file line it starts on, counting breaks inside quotes', () => {
    const text = 'h1,h2\n"a\nb",1\nc,"d\n\ne"\n\nf,2\n';
    const { lines, records } = tokenize(text, DIALECTS[0] as CsvDialect, [3, 5]);
    expect(records).toEqual([['h1', 'h2'], ['a\nb', '1'], ['c', 'd\n\ne'], [''], ['f', '2']]);
    expect(lines).toEqual([1, 2, 4, 7, 8]);
  });

  it('counts a lone \\n inside an unquoted field of a \\r\\n file as a line, not a record', () => {
    const text = 'a,b\r\nx\ny,1\r\nz,2';
    const { lines, records } = tokenize(text, { delimiter: ',', linebreak: '\r\n' }, [4]);
    expect(records).toEqual([
      ['a', 'b'],
      ['x\ny', '1'],
      ['z', '2'],
    ]);
    expect(lines).toEqual([1, 2, 4]);
  });
});
