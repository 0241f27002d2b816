import { describe, expect, it } from 'vitest';
import { truthMetrics } from '../../../src/lib/metrics/truth.ts';
import { readFixture, expectClose } from './referenceData.ts';

interface TruthCase {
  y: number[];
  p: number[];
  pTrue: number[];
  expected: Record<
    'bayesLogLoss' | 'logLossGap' | 'maeVsTruth' | 'rmseVsTruth' | 'calibrationRatioVsTruth',
    number
  >;
}

describe('truthMetrics', () => {
  it('measures the distance to the true probabilities as numpy and scikit-learn do', () => {
    const c = readFixture<TruthCase>('truth.json');
    const m = truthMetrics(c.y, c.p, c.pTrue);
    for (const [name, value] of Object.entries(c.expected)) {
      expectClose(m[name as keyof typeof c.expected], value, 1e-12, name);
    }
    expect(m.logLossGap).toBeGreaterThan(0);
  });

  it('gives a zero gap and perfect calibration for the true probabilities themselves', () => {
    const pTrue = [0.1, 0.7, 0.4, 0.9];
    const m = truthMetrics([0, 1, 0, 1], pTrue, pTrue);
    expect(m.logLossGap).toBe(0);
    expect(m.maeVsTruth).toBe(0);
    expect(m.calibrationRatioVsTruth).toBe(1);
  });
});
