import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetsCommand } from '../../../src/cli/datasetsCommand.ts';
import { PUBLIC_DIR } from '../../../src/cli/nodeDataReader.ts';
import { BUILTIN_DATASETS } from '../../../src/lib/data/builtins.ts';

describe('datasets', () => {
  const listing = JSON.parse(datasetsCommand([])) as Record<string, unknown>[];

  it('lists every built-in data set in the app order, with the fields a config needs', () => {
    expect(listing.map((d) => d.name)).toEqual(BUILTIN_DATASETS.map((d) => d.name));
    for (const entry of listing) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          'description',
          'kind',
          'licence',
          'name',
          'positiveClass',
          'rows',
          'source',
          'target',
          'task',
          'timeColumn',
          'title',
        ].sort(),
      );
      expect(['binary', 'multiclass', 'regression']).toContain(entry.task);
      expect(entry.rows).toBeGreaterThan(0);
      // A binary set names its positive class, so `"positiveClass"` can be copied into a config.
      expect(entry.positiveClass === null).toBe(entry.task !== 'binary');
    }
  });

  it('names data sets whose files the CLI can read from public/', () => {
    for (const d of BUILTIN_DATASETS)
      if (d.kind === 'file') expect(existsSync(PUBLIC_DIR + d.file)).toBe(true);
  });

  it('takes no arguments', () => {
    expect(() => datasetsCommand(['extra'])).toThrow('datasets: expected no arguments; got extra');
  });
});
