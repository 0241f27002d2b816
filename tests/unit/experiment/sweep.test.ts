import { describe, expect, it } from 'vitest';
import { parseSweep } from '../../../src/lib/experiment/sweep.ts';
import { smallConfig } from '../../helpers/engine.ts';

const sweepOf = (path: string, values: unknown[], base: unknown = smallConfig()) => ({
  base,
  vary: { path, values },
});

describe('parseSweep', () => {
  it('fills in 3 seeds and one validated config per value', () => {
    const sweep = parseSweep(sweepOf('imbalance.negativeRate', [1, 0.1]));
    expect(sweep.seeds).toBe(3);
    expect(sweep.configs.map((c) => c.imbalance.negativeRate)).toEqual([1, 0.1]);
    expect(sweep.configs[1]!.imbalance.recalibrate).toBe(true);
  });

  it.each([
    ['model.family', ['logistic', 'gbdt']],
    ['features.columns.site.hashBuckets', [64, 256]],
    ['features.default.categorical', ['onehot', 'hashing']],
    ['data.source.synthetic.rows', [1000, 2000]],
    ['imbalance.recalibrate', [true, false]],
  ])('accepts the knob %s', (path, values) => {
    expect(parseSweep(sweepOf(path, values)).configs).toHaveLength(2);
  });

  it('sweeps the widths of a network', () => {
    const base = smallConfig({ family: 'mlp', epochs: 1 });
    expect(parseSweep(sweepOf('model.hidden', [[8], [16, 16]], base)).configs).toHaveLength(2);
  });

  it('starts each model family of a family sweep from its own defaults', () => {
    const sweep = parseSweep(sweepOf('model.family', ['logistic', 'gbdt', 'mlp']));
    expect(sweep.configs.map((c) => c.model)).toEqual([
      smallConfig().model,
      { family: 'gbdt' },
      { family: 'mlp' },
    ]);
  });

  it('sets fields of another model family that the sweep switches to', () => {
    const sweep = parseSweep(sweepOf('model.trees', [5, 10], smallConfig({ family: 'gbdt' })));
    expect(sweep.configs.map((c) => (c.model.family === 'gbdt' ? c.model.trees : 0))).toEqual([
      5, 10,
    ]);
  });

  it.each([
    ['model.tres', [1], /vary.path: model.tres is not a field of the config/],
    ['data.target', ['x'], /vary.path: data.target is not a number, a choice/],
    ['seed', [1, 2], /the seed is not a knob/],
    [
      'imbalance.negativeRate',
      [1, 0, 0.5],
      /Invalid sweep at vary.values\[1\] \(0 for imbalance.negativeRate\): Invalid config at imbalance.negativeRate/,
    ],
    ['model.epochs', [2.5], /vary.values\[0\].*model.epochs/],
  ])('refuses %s %j, naming the field', (path, values, message) => {
    expect(() => parseSweep(sweepOf(path, values))).toThrow(message);
  });

  it('refuses a bad base, no values and a bad seed count', () => {
    expect(() => parseSweep({ base: {}, vary: { path: 'seed', values: [1] } })).toThrow(
      /Invalid config at data/,
    );
    expect(() => parseSweep(sweepOf('model.epochs', []))).toThrow(
      /Invalid sweep at vary.values: give at least one value/,
    );
    expect(() => parseSweep({ ...sweepOf('model.epochs', [1]), seeds: 0 })).toThrow(
      /Invalid sweep at seeds/,
    );
  });
});
