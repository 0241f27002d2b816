import { describe, expect, it } from 'vitest';
import { readCommandArgs } from '../../../src/cli/commandArgs.ts';
import { parseCompareArgs } from '../../../src/cli/compareCommand.ts';
import { dataCommand } from '../../../src/cli/dataCommand.ts';
import { exportCommand } from '../../../src/cli/exportCommand.ts';

describe('subcommand arguments', () => {
  it('reads positionals and options in both spellings', () => {
    expect(
      readCommandArgs('x', ['a', '--out', 'o.json', '--seed=3', 'b'], ['out', 'seed']),
    ).toEqual({ positional: ['a', 'b'], options: { out: 'o.json', seed: '3' } });
  });

  it('names the command and the option for an unknown option or a missing value', () => {
    expect(() => readCommandArgs('x', ['--nope'], ['out'])).toThrow('x: unknown option --nope');
    expect(() => readCommandArgs('x', ['a', '--out'], ['out'])).toThrow('x: --out needs a value');
    expect(() => readCommandArgs('x', ['--out', '--seed', '1'], ['out', 'seed'])).toThrow(
      'x: --out needs a value',
    );
    expect(() => readCommandArgs('x', ['--out='], ['out'])).toThrow('x: --out needs a value');
  });

  it('is what data, export and compare read their arguments with', async () => {
    await expect(dataCommand(['c.json'])).rejects.toThrow(
      'data: expected CONFIG.json --out DATA.csv',
    );
    await expect(dataCommand(['c.json', '--outt', 'd.csv'])).rejects.toThrow(
      'data: unknown option --outt',
    );
    await expect(exportCommand(['python', 'c.json', '--dask'])).rejects.toThrow(
      'export: --dask needs a value',
    );
    await expect(exportCommand(['python', 'c.json', '--dask', 'nowhere'])).rejects.toThrow(
      'export: --dask is local:N or a scheduler address',
    );
    expect(() => parseCompareArgs(['a.csv', 'b.csv', '--resamples=1'])).toThrow(
      'compare: --resamples needs an integer >= 2; got 1',
    );
    expect(parseCompareArgs(['a.csv', 'b.csv', '--seed', '7']).seed).toBe(7);
  });
});
