import { describe, expect, it } from 'vitest';
import { metricsCommand } from '../../../src/cli/metricsCommand.ts';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';

const FILE = 'tests/fixtures/csv/overflow-weights.csv';

describe('weights whose sum overflows float64', () => {
  it('are refused by the metrics, not scored as base rate 0 and a perfect Brier score', () => {
    const weights = [1e308, 1e308, 1e308];
    expect(() => binaryMetrics([1, 0, 1], [0.9, 0.2, 0.6], { weights })).toThrow(
      /the weights sum to more than 1\.8e308 \(Infinity in float64\)/,
    );
    // Large but summable weights are fine: only their ratios matter.
    const scaled = binaryMetrics([1, 0, 1], [0.9, 0.2, 0.6], { weights: [1e200, 1e200, 1e200] });
    const plain = binaryMetrics([1, 0, 1], [0.9, 0.2, 0.6]);
    expect(scaled.brier).toBeCloseTo(plain.brier!, 12);
  });

  it('are refused by `cli metrics`, naming the file and the column', () => {
    expect(() => metricsCommand([FILE])).toThrow(
      `${FILE}: column weight: the weights sum to more than 1.8e308`,
    );
  });
});
