import { median } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { measureLatency } from '../../../src/lib/serving/latency.ts';

/** Synchronous work of roughly fixed cost, so the timings are positive. */
function work(i: number): number {
  let s = 0;
  for (let k = 0; k < 2000; k++) s += Math.sqrt(k + i);
  return s;
}

describe('measureLatency', () => {
  it('reports the median of the rounds p50, p95 and p99, and each round for the spread', async () => {
    const report = await measureLatency(work, async () => 10, {
      backend: 'cpu',
      rounds: 3,
      warmup: 20,
    });
    expect(report.rounds).toBe(3);
    expect(report.roundP50Ms).toHaveLength(3);
    expect(report.roundP99Ms).toHaveLength(3);
    expect(report.p50Ms).toBe(median(report.roundP50Ms!));
    expect(report.p99Ms).toBe(median(report.roundP99Ms!));
    report.roundP50Ms!.forEach((p50, i) =>
      expect(report.roundP99Ms![i]).toBeGreaterThanOrEqual(p50),
    );
    expect(report.p50Ms).toBeGreaterThan(0);
    expect(report.calls).toBe(1000);
    expect(report.note).toMatch(/3 rounds of 1000/);
  });

  it('defaults to 5 rounds', async () => {
    const report = await measureLatency(
      () => 0,
      async () => 1,
      { backend: 'cpu', warmup: 10 },
    );
    expect(report.rounds).toBe(5);
  });
});
