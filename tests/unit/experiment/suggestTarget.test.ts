import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { inspectDataset } from '../../../src/lib/experiment/inspectDataset.ts';
import { suggestTarget } from '../../../src/lib/experiment/suggestTarget.ts';

/** The data step's column views of a CSV text. */
async function columnsOf(csv: string) {
  const imported = await parseCsv(csv);
  const dataset = {
    key: 'k',
    imported,
    table: imported.table,
    exclude: [],
    excludedByDefault: imported.schema.filter((c) => c.idLike).map((c) => c.name),
  };
  return inspectDataset(dataset, undefined).columns;
}

const rows = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join('\n');

describe('suggestTarget', () => {
  it('prefers a column named like a label', async () => {
    const columns = await columnsOf(
      `id,colour,churned,amount\n${rows(60, (i) => `${i},${['red', 'blue'][i % 2]},${i % 3 ? 'no' : 'yes'},${i * 1.5}`)}`,
    );
    expect(suggestTarget(columns)).toEqual({
      target: 'churned',
      task: 'binary',
      reason: 'its name marks a label',
    });
  });

  it('else takes the last two-valued column, never an id', async () => {
    const columns = await columnsOf(
      `user_id,city,paid,amount\n${rows(60, (i) => `${i},${['a', 'b', 'c'][i % 3]},${i % 4 ? 'N' : 'Y'},${i * 1.5}`)}`,
    );
    expect(suggestTarget(columns)).toMatchObject({ target: 'paid', task: 'binary' });
  });

  it('else a regression on the last numeric column', async () => {
    const columns = await columnsOf(
      `city,price\n${rows(60, (i) => `${['a', 'b', 'c'][i % 3]}x${i},${i * 2.5}`)}`,
    );
    expect(suggestTarget(columns)).toMatchObject({ target: 'price', task: 'regression' });
  });
});
