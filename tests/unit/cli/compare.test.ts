import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../../helpers/spawnCli.ts';
import { compareCommand, parseCompareArgs } from '../../../src/cli/compareCommand.ts';
import type { PairedComparison } from '../../../src/lib/metrics/comparePredictions.ts';
import { expectClose } from '../metrics/referenceData.ts';
import { readCompareFixture } from '../metrics/compareFixtures.ts';

const CSV = `${ROOT}tests/fixtures/compare/cli/`;

describe('npm run cli -- compare', () => {
  it('prints the comparison with the keys and values of the numpy/scipy reference', () => {
    const expected = readCompareFixture<PairedComparison>('cli-expected.json');
    const got = JSON.parse(compareCommand([`${CSV}a.csv`, `${CSV}b.csv`])) as PairedComparison;
    expect(got.rows).toBe(expected.rows);
    expect(Object.keys(got.metrics)).toEqual(Object.keys(expected.metrics));
    for (const [name, reference] of Object.entries(expected.metrics)) {
      const metric = got.metrics[name as keyof PairedComparison['metrics']];
      expect(Object.keys(metric), name).toEqual(Object.keys(reference));
      for (const [key, value] of Object.entries(reference)) {
        const actual = (metric as unknown as Record<string, unknown>)[key];
        if (typeof value === 'number') expectClose(actual as number, value, 1e-9, `${name}.${key}`);
        else if (Array.isArray(value)) {
          expectClose((actual as number[])[0], value[0] as number, 1e-9, `${name}.${key}[0]`);
          expectClose((actual as number[])[1], value[1] as number, 1e-9, `${name}.${key}[1]`);
        } else expect(actual, `${name}.${key}`).toBe(value);
      }
    }
  });

  it('names the first line where y_true differs', () => {
    expect(() => compareCommand([`${CSV}a.csv`, `${CSV}b-other-labels.csv`])).toThrow(
      /y_true differs at line 43 \(data row 42\)/,
    );
  });

  it('reads --resamples and --seed, and rejects bad values', () => {
    expect(parseCompareArgs(['a', 'b'])).toEqual({ files: ['a', 'b'], resamples: 2000, seed: 0 });
    expect(parseCompareArgs(['a', '--seed=4', 'b', '--resamples', '50'])).toMatchObject({
      resamples: 50,
      seed: 4,
    });
    expect(() => parseCompareArgs(['a', 'b', '--resamples', '1'])).toThrow(/integer >= 2; got 1/);
    expect(() => parseCompareArgs(['a'])).toThrow(/two arguments/);
  });

  it('exits 1 with one stderr line when a file is missing (spawned)', async () => {
    await expect(spawnCli('compare', `${CSV}a.csv`, `${CSV}none.csv`)).resolves.toMatchObject({
      code: 1,
      stderr: `${CSV}none.csv: cannot read the file (ENOENT)\n`,
    });
  });
});
