/**
 * Numeric columns read straight into numbers while importing (csvRawColumns), checked through
 * parseCsv against values computed here from the text: Number() for every field, String() for
 * the numbers read before a column turns out not to be numeric.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { createRng } from '../../../src/lib/random.ts';
import { numbers, strings } from './csvHelpers.ts';

describe('numeric columns while importing', () => {
  it('reads every field as Number() does, in a Blob of small chunks and in a string', async () => {
    const rng = createRng(5);
    const written: string[] = [];
    const lines = ['v,k'];
    for (let i = 0; i < 50_000; i++) {
      const x = (rng.next() - 0.5) * 10 ** (rng.int(16) - 6);
      const forms = [String(x), x.toFixed(rng.int(9)), x.toExponential(rng.int(17)), `+${i}.`];
      const value = forms[rng.int(forms.length)] as string;
      written.push(value);
      lines.push(`${value},${i % 7}`);
    }
    const text = lines.join('\n') + '\n';
    for (const input of [text, new Blob([text])]) {
      const { table, schema } = await parseCsv(input, { chunkSize: 4099 });
      expect(schema[0]?.kind).toBe('numeric');
      const got = numbers(table, 'v');
      const expected = written.map(Number);
      expect(got.every((v, i) => Object.is(v, expected[i]))).toBe(true);
    }
  });

  it('falls back to strings when a value after 100,000 numbers is not one', async () => {
    const rows = 150_000;
    const bad = 100_000;
    const lines = ['x,y'];
    for (let i = 0; i < rows; i++) {
      // "3.50" is read as the number 3.5, so it comes back as "3.5" after the fallback.
      const x = i === bad ? 'abc' : i === 7 ? '3.50' : String(i * 0.5);
      lines.push(`${x},${i % 3}`);
    }
    const text = lines.join('\n') + '\n';
    const fromString = await parseCsv(text);
    const fromBlob = await parseCsv(new Blob([text]), { chunkSize: 65_536 });
    expect(fromBlob.table).toEqual(fromString.table);
    const { table, schema, report } = fromString;
    expect(report.rows).toBe(rows);
    expect(schema[0]?.kind).toBe('categorical');
    const x = strings(table, 'x');
    expect(x[7]).toBe('3.5');
    expect(x.slice(99_998, 100_003)).toEqual(['49999', '49999.5', 'abc', '50000.5', '50001']);
    expect(x[rows - 1]).toBe(String((rows - 1) * 0.5));
    expect(new Set(x).size).toBe(rows);
    expect(numbers(table, 'y').slice(0, 4)).toEqual([0, 1, 2, 0]);
  });
});
