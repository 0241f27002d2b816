import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/lib/metrics/histogram.ts';
import ResidualHistogram from '../../src/ui/charts/ResidualHistogram.svelte';
import { mountChart } from './mountChart.ts';

describe('ResidualHistogram', () => {
  it('draws one bar per bin, taller for fuller bins, and a line at zero error', () => {
    const root = mountChart(ResidualHistogram, {
      histogram: histogram([-2, -1, -1, 0, 0, 0, 1, 2], { bins: 4 }),
      unit: 'minutes',
    });
    const heights = [...root.querySelectorAll('rect.bar')].map((r) =>
      Number(r.getAttribute('height')),
    );
    // Bins [-2,-1) [-1,0) [0,1) [1,2] hold 1, 2, 3, 2 residuals.
    expect(heights).toHaveLength(4);
    expect(heights[1]! / heights[0]!).toBeCloseTo(2);
    expect(heights[2]! / heights[0]!).toBeCloseTo(3);
    expect(root.querySelector('.zero')).not.toBeNull();
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toContain('8 residuals');
  });

  it('draws a constant residual as one visible bar', () => {
    const root = mountChart(ResidualHistogram, { histogram: histogram([0.5, 0.5]) });
    const bars = root.querySelectorAll('rect.bar');
    expect(bars).toHaveLength(1);
    expect(Number(bars[0]!.getAttribute('width'))).toBeGreaterThan(0);
  });
});
