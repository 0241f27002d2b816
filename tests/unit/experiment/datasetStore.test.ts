import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { DatasetStore } from '../../../src/lib/experiment/datasetStore.ts';

const unusedReader = async () => {
  throw new Error('no files here');
};

describe('DatasetStore uploads', () => {
  it('makes a run that asks for an upload still being parsed wait for it', async () => {
    const store = new DatasetStore(unusedReader);
    let finish!: (text: string) => void;
    const text = new Promise<string>((resolve) => (finish = resolve));
    void store.addUpload(
      'a.csv',
      text.then((t) => parseCsv(t)),
    );
    const loading = store.load('upload:a.csv', { seed: 1 });
    finish('x,y\n1,2\n3,4\n');
    expect((await loading).table.rowCount).toBe(2);
  });

  it('keeps the earlier file of a name when a new import of that name fails', async () => {
    const store = new DatasetStore(unusedReader);
    await store.addUpload('a.csv', parseCsv('x,y\n1,2\n'));
    await expect(store.addUpload('a.csv', parseCsv(''))).rejects.toThrow();
    expect((await store.load('upload:a.csv', { seed: 1 })).table.rowCount).toBe(1);
    await expect(store.load('upload:b.csv', { seed: 1 })).rejects.toThrow(/import the file again/);
  });
});
