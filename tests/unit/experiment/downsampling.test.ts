import { describe, expect, it } from 'vitest';
import type { BinaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { nodeEngine } from '../../helpers/engine.ts';

/**
 * The lesson of negative downsampling (He et al., 2014) on data whose true probabilities are
 * known: keeping 5% of negatives inflates the predicted rate, and q = p / (p + (1 - p) / w)
 * restores calibration.
 */
describe('negative downsampling on the synthetic click data', () => {
  const engine = nodeEngine();
  const run = async (imbalance: object) => {
    const outcome = await engine.train(1, {
      seed: 11,
      data: {
        source: { synthetic: { kind: 'ctr', rows: 60_000, baseRate: 0.1 } },
        target: 'click',
        task: 'binary',
        positiveClass: '1',
      },
      imbalance,
      model: { family: 'logistic' },
      backend: 'cpu',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value.metrics.test as BinaryMetrics;
  };

  it('over-predicts without re-calibration and is calibrated again with it', async () => {
    const full = await run({ negativeRate: 1 });
    const raw = await run({ negativeRate: 0.05, recalibrate: false });
    const recalibrated = await run({ negativeRate: 0.05, recalibrate: true });

    expect(full.calibrationRatio).toBeGreaterThan(0.9);
    expect(full.calibrationRatio).toBeLessThan(1.1);
    expect(
      raw.calibrationRatio,
      'sum of p over positives with w = 0.05, no re-calibration',
    ).toBeGreaterThan(3);
    expect(raw.ece).toBeGreaterThan(0.2);
    expect(
      Math.abs(recalibrated.ece! - full.ece!),
      `ECE ${recalibrated.ece} vs ${full.ece}`,
    ).toBeLessThanOrEqual(0.01);
    expect(recalibrated.calibrationRatio).toBeGreaterThan(0.85);
    expect(recalibrated.calibrationRatio).toBeLessThan(1.15);
    // Ranking is untouched by a monotone correction.
    expect(recalibrated.rocAuc).toBe(raw.rocAuc);
  });

  it('treats repeating positives k times like keeping 1/k of the negatives', async () => {
    const full = await run({ negativeRate: 1 });
    const raw = await run({ positiveUpsample: 10, recalibrate: false });
    const recalibrated = await run({ positiveUpsample: 10, recalibrate: true });
    expect(raw.calibrationRatio).toBeGreaterThan(3);
    expect(
      Math.abs(recalibrated.ece! - full.ece!),
      `ECE ${recalibrated.ece} vs ${full.ece}`,
    ).toBeLessThanOrEqual(0.01);
  });

  it('draws the live validation loss of the re-calibrated probabilities, ending at the final one', async () => {
    for (const model of [
      { family: 'gbdt', trees: 15, maxDepth: 3 },
      { family: 'mlp', hidden: [8], epochs: 3 },
    ]) {
      const outcome = await engine.train(2, {
        seed: 11,
        data: {
          source: { synthetic: { kind: 'ctr', rows: 20_000, baseRate: 0.05 } },
          target: 'click',
          task: 'binary',
          positiveClass: '1',
        },
        imbalance: { negativeRate: 0.05, recalibrate: true },
        model,
        backend: 'cpu',
      });
      if (!outcome.ok) throw new Error(outcome.message);
      const live = outcome.value.trainingCurve.at(-1)!.validationLoss!;
      const final = (outcome.value.metrics.validation as BinaryMetrics).logLoss!;
      // The last model of the curve is the final model; float32 predictions differ in the 5th digit.
      expect(Math.abs(live - final), `${model.family}: live ${live}, final ${final}`).toBeLessThan(
        1e-3,
      );
    }
  });
});
