import { describe, expect, it } from 'vitest';
import { SERVING_EXAMPLE_DEFAULTS } from '../../../src/lib/serving/capacity.ts';
import { RUN_COLUMNS } from '../../../src/ui/history/runColumns.ts';
import { costComparison } from '../../../src/ui/results/costComparison.ts';
import { makeRun } from '../experiment/runFixture.ts';

const AUC = RUN_COLUMNS.find((c) => c.key === 'rocAuc')!;

describe('costComparison', () => {
  it('puts the metric difference next to the serving cost ratio at the same traffic', () => {
    const a = makeRun(1, 'a');
    const b = structuredClone(makeRun(2, 'b'));
    (b.result.metrics.test as { rocAuc: number }).rocAuc += 0.004;
    // b scores 3.1 times slower.
    b.result.capacity.rowsPerSecPerCore /= 3.1;
    const serving = { ...SERVING_EXAMPLE_DEFAULTS, peakQps: 1_000_000 };
    // a: ceil(1e6 x 1.5 / 250,000) = 6 cores; b: ceil(1.5e6 / 80,645.2) = 19 cores.
    const text = costComparison(a, b, AUC, serving, 1);
    expect(text).toMatch(/^\+0\.0040 AUC for 3\.2x the serving cost \(/);
    const perCore = 0.04 * 730 + 11880e-9 * 3;
    expect(text).toContain(
      `(${(19 * perCore).toFixed(2)} against ${(6 * perCore).toFixed(2)} a month)`,
    );
  });

  it('writes a loss with a minus sign', () => {
    const a = makeRun(1, 'a');
    const b = structuredClone(a);
    (b.result.metrics.test as { rocAuc: number }).rocAuc -= 0.01;
    expect(costComparison(a, b, AUC, SERVING_EXAMPLE_DEFAULTS, 1)).toMatch(
      /^−0\.0100 AUC for 1\.0x the serving cost/,
    );
  });
});
