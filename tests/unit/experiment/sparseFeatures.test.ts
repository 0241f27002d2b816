import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/lib/tfjsCore.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';

/** The click data's user id hashed into 2^18 buckets, numeric columns as they are. */
function hashedConfig(model: Record<string, unknown>) {
  const config = smallConfig(model);
  return {
    ...config,
    data: { ...config.data, source: { synthetic: { kind: 'ctr', rows: 1500, baseRate: 0.2 } } },
    features: {
      default: { numeric: 'standardize', categorical: 'onehot', missing: 'median' },
      columns: { user_id: { categorical: 'hashing', hashBuckets: 2 ** 18 } },
    },
    backend: 'cpu',
  };
}

describe('2^18 hash buckets (sparse rows end to end)', () => {
  const engine = nodeEngine();

  it('train logistic regression, its features counted by non-zeros', async () => {
    const outcome = await engine.train(1, hashedConfig({ family: 'logistic', maxIterations: 30 }));
    if (!outcome.ok) throw new Error(outcome.message);
    const { data, metrics } = outcome.value;
    expect(data.features).toBeGreaterThan(2 ** 18);
    // 1,500 rows of a few dozen non-zeros: kilobytes, where the dense cells would take 1.5 GB.
    expect(data.featureBytes).toBeLessThan(1500 * 100 * 8);
    expect(metrics.test.task === 'binary' && metrics.test.rocAuc).toBeGreaterThan(0.55);
  });

  it('train an MLP through the sparse first layer and leave no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const outcome = await engine.train(
      2,
      hashedConfig({ family: 'mlp', hidden: [2], epochs: 1, batchSize: 512 }),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.model.parameters).toBeGreaterThan(2 * 2 ** 18);
    const test = outcome.value.metrics.test;
    expect(test.task === 'binary' && Number.isFinite(test.rocAuc)).toBe(true);
    expect(outcome.value.trainingCurve.length).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuse gradient-boosted trees, which read dense cells, naming the budget', async () => {
    const outcome = await engine.train(3, hashedConfig({ family: 'gbdt', trees: 5 }));
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(
      /over the 1 GiB budget.*gradient-boosted trees read dense cells/,
    );
  });
});
