import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/lib/experiment/config.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';

describe('the "native" categorical encoding', () => {
  it('is refused, naming the field, for any model but gbdt', () => {
    const native = (model: Record<string, unknown>, features: Record<string, unknown>) => () =>
      parseConfig({ ...smallConfig(model), features });
    expect(native({ family: 'gbdt' }, { default: { categorical: 'native' } })).not.toThrow();
    expect(native({ family: 'logistic' }, { default: { categorical: 'native' } })).toThrow(
      /^Invalid config at features\.default\.categorical: "native" .*gbdt/,
    );
    expect(
      native({ family: 'mlp' }, { default: {}, columns: { site_id: { categorical: 'native' } } }),
    ).toThrow(ConfigError);
    expect(
      native({ family: 'mlp' }, { default: {}, columns: { site_id: { categorical: 'native' } } }),
    ).toThrow(/features\.columns\.site_id\.categorical/);
  });

  it('trains gbdt on codes instead of one-hot columns: one feature per categorical column', async () => {
    const engine = nodeEngine();
    await engine.init('cpu');
    const run = async (categorical: string) => {
      const base = smallConfig({ family: 'gbdt', trees: 30 });
      const outcome = await engine.train(1, {
        ...base,
        data: { ...base.data, source: { synthetic: { kind: 'ctr', rows: 6000, baseRate: 0.2 } } },
        features: { default: { categorical, topK: 50 } },
      });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.value;
    };
    const native = await run('native');
    const onehot = await run('onehot');
    expect(native.data.features).toBeLessThan(onehot.data.features);
    if (native.metrics.test.task !== 'binary' || onehot.metrics.test.task !== 'binary') return;
    // Level sets learn the per-id effects at least as well as 50 one-hot columns per id column.
    expect(native.metrics.test.rocAuc!).toBeGreaterThan(onehot.metrics.test.rocAuc! - 0.01);
  });
});
