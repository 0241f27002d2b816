import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS, findBuiltin } from '../../../src/lib/data/builtins.ts';
import { generateCtr } from '../../../src/lib/data/synthetic.ts';

const publicDir = join(import.meta.dirname, '..', '..', '..', 'public');

function readCsv(file: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(publicDir, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

describe('BUILTIN_DATASETS', () => {
  it('has unique names that findBuiltin finds', () => {
    const names = BUILTIN_DATASETS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(findBuiltin(name)?.name).toBe(name);
    expect(findBuiltin('no-such-set')).toBeUndefined();
  });

  for (const dataset of BUILTIN_DATASETS) {
    if (dataset.kind !== 'file') continue;
    it(`${dataset.name}: the file exists, holds the target and has ${dataset.rows} rows`, () => {
      expect(dataset.file).not.toMatch(/^\//);
      expect(existsSync(join(publicDir, dataset.file))).toBe(true);
      const { header, rows } = readCsv(dataset.file);
      expect(rows).toHaveLength(dataset.rows);
      expect(header).toContain(dataset.target);
      if (dataset.timeColumn) {
        expect(header).toContain(dataset.timeColumn);
        expect(rows.every((r) => !Number.isNaN(Date.parse(r[dataset.timeColumn!]!)))).toBe(true);
      }
      const targets = rows.map((r) => r[dataset.target]!);
      expect(targets.every((t) => t !== '')).toBe(true);
      const classes = new Set(targets);
      if (dataset.task === 'binary') {
        expect([...classes].sort()).toEqual(['false', 'true']);
        expect(classes).toContain(dataset.positiveClass);
      } else if (dataset.task === 'multiclass') {
        expect(classes.size).toBeGreaterThanOrEqual(3);
      } else {
        expect(targets.every((t) => Number.isFinite(Number(t)))).toBe(true);
      }
    });
  }

  it('generates the synthetic set with its target, positive class and ignored column', () => {
    const dataset = findBuiltin('synthetic-ctr');
    if (dataset?.kind !== 'generated') throw new Error('synthetic-ctr is not generated');
    const table = generateCtr(dataset.spec, 1);
    expect(table.rowCount).toBe(dataset.rows);
    const names = table.columns.map((c) => c.name);
    expect(names).toContain(dataset.target);
    for (const ignored of dataset.ignoreColumns ?? []) expect(names).toContain(ignored);
    const target = table.columns.find((c) => c.name === dataset.target);
    expect(target?.kind === 'categorical' && target.dictionary).toContain(dataset.positiveClass);
  });

  it('keeps the shipped files small (under 8 MB together)', () => {
    let bytes = 0;
    for (const d of BUILTIN_DATASETS) {
      if (d.kind === 'file') bytes += readFileSync(join(publicDir, d.file)).length;
    }
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
  });
});
