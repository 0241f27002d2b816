import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/lib/tfjsCore.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';

/** The click data's user id hashed into 2^18 buckets, numeric columns as they are. */
function hashedConfig(model: Record<string, unknown>) {
  return {
    ...smallConfig(model),
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
    // 4,000 rows of a few dozen non-zeros: kilobytes, where the dense cells would take 4 GB.
    expect(data.featureBytes).toBeLessThan(4000 * 100 * 8);
    expect(metrics.test.task === 'binary' && metrics.test.rocAuc).toBeGreaterThan(0.55);
  });

  it('train an MLP through the sparse first layer and leave no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const outcome = await engine.train(
      2,
      hashedConfig({ family: 'mlp', hidden: [8], epochs: 2, batchSize: 256 }),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.model.parameters).toBeGreaterThan(8 * 2 ** 18);
    expect(
      outcome.value.metrics.test.task === 'binary' && outcome.value.metrics.test.rocAuc,
    ).toBeGreaterThan(0.5);
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
