import { describe, expect, it } from 'vitest';
import { SERVING_EXAMPLE_DEFAULTS } from '../../src/lib/serving/capacity.ts';
import ServingAtScale from '../../src/ui/results/ServingAtScale.svelte';
import { makeRun } from '../unit/experiment/runFixture.ts';
import { mountChart } from './mountChart.ts';

const text = (root: HTMLElement, id: string) =>
  root.querySelector(`[data-testid="${id}"]`)!.textContent!.trim();

describe('ServingAtScale', () => {
  const { result } = makeRun(1, 'a');

  it('shows the figures for the traffic given, from the stored measurements', () => {
    // 1e7 requests/s x 1 x 1.5 / 250,000 rows/s = 60 cores; 60 x (0.04 x 730 + 11,880e-9 x 3).
    const root = mountChart(ServingAtScale, {
      result,
      serving: { ...SERVING_EXAMPLE_DEFAULTS, peakQps: 1e7 },
      budgetMs: 1,
    });
    expect(text(root, 'cores-at-peak')).toBe('60');
    expect(text(root, 'monthly-cost')).toBe('1,752');
    expect(text(root, 'memory')).toBe('11.6 KiB');
    expect(text(root, 'request-p99')).toMatch(
      /50 µs \(1 candidate as one batch\),\s+within the 1\.00 ms budget/,
    );
    expect(root.textContent).toContain('wasm backend on one thread');
  });

  it('says the request latency was measured for another candidate count', () => {
    const root = mountChart(ServingAtScale, {
      result,
      serving: { ...SERVING_EXAMPLE_DEFAULTS, candidatesPerRequest: 500 },
      budgetMs: 1,
    });
    // 1,000 x 500 x 1.5 / 250,000 = 3 cores.
    expect(text(root, 'cores-at-peak')).toBe('3');
    expect(text(root, 'request-p99')).toMatch(
      /for 1 candidate, as measured; train again to measure 500/,
    );
  });
});
