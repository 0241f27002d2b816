import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../../src/cli/runArgs.ts';

describe('parseRunArgs', () => {
  it('reads the config file, --out and --backend in any order and in --flag=value form', () => {
    expect(parseRunArgs(['c.json'])).toEqual({ configFile: 'c.json' });
    expect(parseRunArgs(['--backend', 'wasm', 'c.json', '--out', 'r.json'])).toEqual({
      configFile: 'c.json',
      out: 'r.json',
      backend: 'wasm',
    });
    expect(parseRunArgs(['--out=a=b.json', 'c.json'])).toEqual({
      configFile: 'c.json',
      out: 'a=b.json',
    });
  });

  it('reads --predictions-out and --model-out', () => {
    expect(parseRunArgs(['c.json', '--predictions-out', 'p.csv', '--model-out=m.json'])).toEqual({
      configFile: 'c.json',
      predictionsOut: 'p.csv',
      modelOut: 'm.json',
    });
  });

  it('rejects what it cannot run, naming the problem', () => {
    expect(() => parseRunArgs([])).toThrow('run: expected one argument, CONFIG.json; got 0');
    expect(() => parseRunArgs(['a.json', 'b.json'])).toThrow('got 2: a.json b.json');
    expect(() => parseRunArgs(['c.json', '--out'])).toThrow('run: --out needs a value');
    expect(() => parseRunArgs(['c.json', '--backend', 'webgl'])).toThrow(
      'run: --backend must be one of cpu, wasm; got webgl',
    );
    expect(() => parseRunArgs(['c.json', '--seed', '3'])).toThrow('run: unknown option --seed');
  });
});
