import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { readLabels } from '../../../src/lib/experiment/labels.ts';

/** A table whose target column holds `values` as written, one per row. */
async function tableWith(values: string[]) {
  const csv = ['x,target', ...values.map((v, i) => `${i},${v}`)].join('\n');
  return (await parseCsv(csv)).table;
}

describe('readLabels on a two-valued target', () => {
  it.each([
    [['0', '1', '0', '0', '1'], '1', ['0', '1']],
    [['no', 'yes', 'no', 'no', 'yes'], 'yes', ['no', 'yes']],
    [['N', 'Y', 'N', 'N', 'Y'], 'Y', ['N', 'Y']],
    [['false', 'true', 'false', 'false', 'true'], 'true', ['false', 'true']],
  ])(
    'keeps the labels as the file spells them: %j with positive %s',
    async (values, positive, classes) => {
      const labels = readLabels(await tableWith(values), 'target', 'binary', positive);
      expect(labels.classes).toEqual(classes);
      expect(Array.from(labels.y)).toEqual([0, 1, 0, 0, 1]);
    },
  );

  it('reads the same class from another spelling of its side ("true" on a 0/1 column)', async () => {
    const table = await tableWith(['0', '1', '0', '1', '1']);
    expect(Array.from(readLabels(table, 'target', 'binary', 'true').y)).toEqual([0, 1, 0, 1, 1]);
    expect(readLabels(table, 'target', 'binary', '0').classes).toEqual(['1', '0']);
  });

  it('names the classes as spelt when the positive class does not occur', async () => {
    const table = await tableWith(['no', 'yes', 'no']);
    expect(() => readLabels(table, 'target', 'binary', 'maybe')).toThrow(
      'The positive class "maybe" does not occur in "target" (classes: "no", "yes").',
    );
  });
});
