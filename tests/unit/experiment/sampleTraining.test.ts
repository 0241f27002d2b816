import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { sampleTraining } from '../../../src/lib/experiment/sampleTraining.ts';

/** 2,000 training rows, 10% positives. */
const y = Float32Array.from({ length: 2000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
const rows = Int32Array.from({ length: 2000 }, (_, i) => i);
const config = (negativeRate: number) =>
  parseConfig({
    data: { source: 'builtin:flights', target: 'delayed', task: 'binary' },
    imbalance: { negativeRate },
    model: { family: 'logistic' },
  });

describe('sampleTraining warnings', () => {
  it('warns when downsampling leaves fewer than 50 negatives', () => {
    const warnings: string[] = [];
    const sampled = sampleTraining(rows, y, config(0.0005), warnings);
    const negatives = Array.from(sampled.rows).filter((r) => y[r] === 0).length;
    expect(negatives).toBeLessThan(50);
    expect(warnings).toEqual([
      `Only ${negatives} negatives remain for training after keeping a share w = 0.0005 of the negatives: with fewer than 50 examples of a class, the model and its calibration are unreliable.`,
    ]);
  });

  it('warns about a rare class even without downsampling, and not when both classes have 50', () => {
    const warnings: string[] = [];
    sampleTraining(rows.slice(0, 400), y, config(1), warnings);
    expect(warnings).toEqual([
      'Only 40 positives remain for training: with fewer than 50 examples of a class, the model and its calibration are unreliable.',
    ]);
    const none: string[] = [];
    sampleTraining(rows, y, config(0.5), none);
    expect(none).toEqual([]);
  });
});
