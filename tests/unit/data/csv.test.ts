/**
 * The nasty-CSV corpus (tests/fixtures/csv/, indexed in its README.md). Every fixture is read
 * both as a Blob in 7-byte chunks and as a string (see importFixture).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/lib/abort.ts';
import { CsvError } from '../../../src/lib/data/csvError.ts';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import type { CsvProgress } from '../../../src/lib/data/csvReader.ts';
import { fixtureBlob, importError, importFixture, numbers, strings } from './csvHelpers.ts';

describe('parseCsv on the nasty-CSV corpus', () => {
  it('strips a UTF-8 byte order mark and says so', async () => {
    const { table, report } = await importFixture('bom.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['name', 'score']);
    expect(report.bomRemoved).toBe(true);
    expect(numbers(table, 'score')).toEqual([1, 2]);
  });

  it('keeps quoted newlines, delimiters and doubled quotes inside one field (CRLF file)', async () => {
    const { table, report } = await importFixture('quoted.csv');
    expect(report.linebreak).toBe('\r\n');
    expect(table.rowCount).toBe(4);
    expect(strings(table, 'comment')).toEqual([
      'line one\r\nline two',
      'has, a comma',
      'she said "hi"',
      'plain',
    ]);
    expect(numbers(table, 'amount')).toEqual([10, 20, 30, 40]);
  });

  it('detects a semicolon delimiter and reads decimal commas and dot thousands', async () => {
    const { table, report, schema } = await importFixture('semicolon-decimal-comma.csv');
    expect(report.delimiter).toBe(';');
    expect(numbers(table, 'temp')).toEqual([3.14, -1.5, 12]);
    expect(numbers(table, 'pop')).toEqual([2148000, 513000, 342000]);
    expect(schema.find((s) => s.name === 'temp')?.decimalMark).toBe('comma');
  });

  it('detects tab (TSV) and pipe delimiters', async () => {
    const tsv = await importFixture('tab.tsv');
    expect(tsv.report.delimiter).toBe('\t');
    expect(strings(tsv.table, 'b')).toEqual(['x y', 'z']);
    expect(tsv.schema.map((s) => s.kind)).toEqual(['numeric', 'categorical', 'datetime']);
    const pipe = await importFixture('pipe.csv');
    expect(pipe.report.delimiter).toBe('|');
    expect(strings(pipe.table, 'c')).toEqual(['true', 'false', 'true']);
  });

  it('pads short rows with missing values, drops extra fields, and reports the lines', async () => {
    const { table, report } = await importFixture('ragged.csv');
    expect(table.rowCount).toBe(6);
    expect(numbers(table, 'c')).toEqual([3, NaN, 8, 12, NaN, 16]);
    expect(numbers(table, 'b')).toEqual([2, 5, 7, 11, NaN, 15]);
    expect(report.shortRows).toEqual({ count: 2, firstLines: [3, 6] });
    expect(report.longRows).toEqual({ count: 2, firstLines: [4, 7] });
    expect(report.warnings).toContain(
      '2 rows (lines 3, 6) had fewer than 3 fields: the missing fields were read as missing values.',
    );
    expect(report.warnings).toContain(
      '2 rows (lines 4, 7) had more than 3 fields: the extra fields were dropped.',
    );
  });

  it('names empty headers column_N and makes repeated headers unique', async () => {
    const { table, report } = await importFixture('headers.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2', 'b', 'a_3']);
    expect(report.renamedHeaders).toEqual([
      { index: 1, from: '', to: 'column_2' },
      { index: 2, from: 'a', to: 'a_2' },
      { index: 4, from: 'a', to: 'a_3' },
    ]);
  });

  it('treats __proto__, constructor, toString and hasOwnProperty as plain column names', async () => {
    const { table, schema } = await importFixture('proto-headers.csv');
    expect(table.columns.map((c) => c.name)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]);
    expect(schema.map((s) => s.kind)).toEqual(['numeric', 'categorical', 'boolean', 'datetime']);
    expect(numbers(table, '__proto__')).toEqual([1, 2]);
    expect(Object.prototype).not.toHaveProperty('1');
    expect(({} as Record<string, unknown>)['constructor']).toBe(Object);
  });

  it('reads thousands separators: quoted "1,234,567" and "1 234"', async () => {
    const { table } = await importFixture('thousands.csv');
    expect(numbers(table, 'big')).toEqual([1234567, 2000, 15]);
    expect(numbers(table, 'spaced')).toEqual([1234, 12345678, 7]);
  });

  it('reads every listed missing token (trimmed) as missing and lists the ones found', async () => {
    const { table, schema } = await importFixture('missing-tokens.csv');
    const v = numbers(table, 'v');
    expect(v[0]).toBe(1);
    expect(v.at(-1)).toBe(2);
    expect(v.slice(1, -1).every(Number.isNaN)).toBe(true);
    const vSchema = schema[0];
    expect(vSchema?.kind).toBe('numeric');
    expect(vSchema?.missingCount).toBe(14);
    expect(vSchema?.missingTokens).toEqual([
      'NA',
      'N/A',
      'n/a',
      'null',
      'NULL',
      'NaN',
      'nan',
      '?',
      '-',
      '--',
      'none',
      'None',
      '',
    ]);
  });

  it('skips blank and whitespace-only lines and counts them', async () => {
    const { table, report } = await importFixture('blank-lines.csv');
    expect(numbers(table, 'a')).toEqual([1, 3]);
    expect(report.blankLines).toBe(3);
  });

  it('refuses an empty file with a clear message', async () => {
    const error = await importError(fixtureBlob('empty.csv'));
    expect(error).toBeInstanceOf(CsvError);
    expect(error.message).toBe('The file is empty: it has no header row and no data.');
  });

  it('refuses a header-only file: no data rows', async () => {
    const error = await importError(fixtureBlob('header-only.csv'));
    expect(error).toBeInstanceOf(CsvError);
    expect(error.message).toBe(
      'The file has a header row (3 columns: "a", "b", "c") but no data rows.',
    );
  });

  it('refuses a file over the memory budget before parsing, naming size and budget', async () => {
    const progress: CsvProgress[] = [];
    const error = await importError(new Blob([new Uint8Array(3 * 1024 * 1024)]), {
      maxBytes: 2 * 1024 * 1024,
      onProgress: (p) => progress.push(p),
    });
    expect(error).toBeInstanceOf(CsvError);
    expect(error.message).toBe(
      'The file is 3.0 MiB, over the 2.0 MiB memory budget for one data set. Import a smaller sample of it.',
    );
    expect(progress).toEqual([]);
  });

  it('fails on an unclosed quote, naming the line and column where it opens', async () => {
    for (const chunkSize of [7, 1 << 20]) {
      const error = (await importError(fixtureBlob('unclosed-quote.csv'), {
        chunkSize,
      })) as CsvError;
      expect(error).toBeInstanceOf(CsvError);
      expect(error.line).toBe(3);
      expect(error.column).toBe('b');
      expect(error.message).toMatch(
        /^Line 3, column "b": a quoted field is opened but never closed/,
      );
    }
  });

  it('keeps a stray quote inside a quoted field and warns with the line', async () => {
    const { table, report } = await importFixture('stray-quote.csv');
    expect(strings(table, 'b')).toEqual(['fine', 'bad"quote', 'ok']);
    expect(report.malformedQuotes).toEqual({ count: 1, firstLines: [3] });
  });
});

describe('parseCsv streaming', () => {
  it('reports progress per chunk and stops with CancelledError when aborted', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(10_000);
    const controller = new AbortController();
    const seen: CsvProgress[] = [];
    const error = await parseCsv(new Blob([text]), {
      chunkSize: 4096,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (seen.length === 3) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(3);
    expect(seen[2]).toMatchObject({ bytes: 3 * 4096, totalBytes: text.length });
  });

  it('reports progress once per chunk, however the Blob stream cuts its bytes', async () => {
    // 204,004 bytes: more than one stream piece, not a multiple of the chunk size, so pieces
    // are cut at every chunk's end.
    const text = 'a,b\n' + '1234567,12345.78\n'.repeat(12_000);
    const seen: number[] = [];
    const { table } = await parseCsv(new Blob([text]), {
      chunkSize: 50_000,
      onProgress: (p) => seen.push(p.bytes),
    });
    expect(seen).toEqual([50_000, 100_000, 150_000, 200_000, 204_004]);
    expect(text.length).toBe(204_004);
    expect(table.rowCount).toBe(12_000);
    expect(numbers(table, 'b')[11_999]).toBe(12345.78);
  });

  it('reads a multi-byte character split across Blob chunks', async () => {
    const { table } = await parseCsv(new Blob(['name,n\nżółw,1\n日本語,2\n']), { chunkSize: 3 });
    expect(strings(table, 'name')).toEqual(['żółw', '日本語']);
  });

  it('parses a ~20 MB generated file across chunk boundaries', async () => {
    const rows = 480_000;
    const cities = ['Amsterdam', 'Barcelona', 'Copenhagen', 'Dubrovnik', 'Edinburgh'];
    const parts: string[] = ['id,x,label,city,note\n'];
    for (let i = 0; i < rows; i++) {
      // Every 1000th note is quoted and holds a newline and a comma, so some records straddle chunks.
      const note = i % 1000 === 0 ? `"multi\nline, ${i}"` : `note number ${i % 7}`;
      const city = cities[i % 5] as string;
      parts.push(`${i},${(i * 0.5).toFixed(1)},${i % 3 === 0 ? 'yes' : 'no'},${city},${note}\n`);
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(19_000_000);
    const { table, report, schema } = await parseCsv(new Blob([text]), { chunkSize: 1 << 20 });
    // id and x pass NUMERIC_SWITCH_DISTINCT, so they are parsed as numbers while reading.
    expect(schema.map((s) => [s.kind, s.idLike])).toEqual([
      ['numeric', true],
      ['numeric', false],
      ['boolean', false],
      ['categorical', false],
      // Few distinct notes: categorical, not free text.
      ['categorical', false],
    ]);
    expect(report.rows).toBe(rows);
    expect(report.shortRows.count + report.longRows.count).toBe(0);
    const x = numbers(table, 'x');
    expect([x[0], x[123_457], x[rows - 1]]).toEqual([0, 61728.5, 239999.5]);
    const note = strings(table, 'note');
    expect(note[479_000]).toBe('multi\nline, 479000');
    expect(note[479_001]).toBe('note number 5');
    expect(strings(table, 'city')[479_001]).toBe('Barcelona');
    expect(strings(table, 'label').slice(0, 4)).toEqual(['yes', 'no', 'no', 'yes']);
  });
});
