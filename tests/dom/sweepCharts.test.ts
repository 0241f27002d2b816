import { describe, expect, it } from 'vitest';
import TradeoffChart from '../../src/ui/charts/TradeoffChart.svelte';
import ValidationCurve from '../../src/ui/charts/ValidationCurve.svelte';
import { mountChart } from './mountChart.ts';

const points = [
  { x: 1, label: '1', mean: 0.7, sd: 0.01 },
  { x: 0.1, label: '0.1', mean: 0.69, sd: 0.02 },
  { x: 0.01, label: '0.01', mean: 0.66, sd: null },
];

describe('ValidationCurve', () => {
  it('draws the mean line, a band of mean +/- 1 sd and names each point in its description', () => {
    const root = mountChart(ValidationCurve, {
      series: [{ name: 'test', color: 'red', points }],
      metricLabel: 'ROC AUC',
      knobLabel: 'w',
      scale: 'log',
      width: 400,
      showX: true,
      format: (v: number) => v.toFixed(3),
    });
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe(
      'ROC AUC against w: test 1: 0.700 ± 0.010, 0.1: 0.690 ± 0.020, 0.01: 0.660',
    );
    expect(root.querySelector('path.mean')!.getAttribute('d')).toMatch(/^M.*L/);
    // The band covers only the points with an sd: two of them.
    expect(root.querySelector('path.band')!.getAttribute('d')).toMatch(/^M/);
    expect(root.querySelectorAll('circle')).toHaveLength(3);
  });
});

describe('ValidationCurve of a quantity that cannot be negative', () => {
  it('clips the band at the floor, so no negative latency appears on the axis', () => {
    const latency = [
      { x: 1, label: '1', mean: 0.01, sd: 0.05 },
      { x: 0.1, label: '0.1', mean: 0.02, sd: 0.04 },
    ];
    const props = {
      series: [{ name: 'test', color: 'red', points: latency }],
      metricLabel: 'p99 ms',
      knobLabel: 'w',
      scale: 'log',
      width: 400,
      showX: true,
      format: (v: number) => v.toFixed(3),
    };
    /** Pixel y of the y-axis tick at 0, and the lowest pixel of the band (largest y). */
    const zeroAndBandBottom = (root: HTMLElement) => {
      const zero = [...root.querySelectorAll('text')].find((t) => t.textContent === '0.000')!;
      const y = Number(
        /translate\(0,([^)]+)\)/.exec(zero.parentElement!.getAttribute('transform')!)![1],
      );
      const d = root.querySelector('path.band')!.getAttribute('d')!;
      const ys = [...d.matchAll(/[ML]?[\d.e+-]+,([\d.e+-]+)/g)].map((m) => Number(m[1]));
      return { zero: y, bottom: Math.max(...ys) };
    };
    // Without a floor, mean - sd reaches -0.04: the band runs below 0 ms.
    const free = zeroAndBandBottom(mountChart(ValidationCurve, props));
    expect(free.bottom).toBeGreaterThan(free.zero + 1);
    const clipped = zeroAndBandBottom(mountChart(ValidationCurve, { ...props, floor: 0 }));
    expect(clipped.bottom).toBeCloseTo(clipped.zero, 6);
  });
});

describe('TradeoffChart with a sweep', () => {
  it('joins the sweep points as a labelled path and greys those over the latency budget', () => {
    const root = mountChart(TradeoffChart, {
      runs: [
        {
          id: 1,
          name: 'Run 1',
          family: 'logistic',
          p99Ms: 0.05,
          bytes: 10,
          metric: 0.7,
          p99RangeMs: [0.04, 0.06],
        },
      ],
      metricLabel: 'AUC',
      lowerIsBetter: false,
      latencyBudgetMs: 0.1,
      sweepPath: [
        { label: '1', p99Ms: 0.05, bytes: 10, metric: 0.71 },
        { label: '0.1', p99Ms: 0.2, bytes: 10, metric: 0.69 },
      ],
      sweepLabel: 'w',
    });
    const labels = [...root.querySelectorAll('.sweep-point text')].map((t) => t.textContent);
    expect(labels).toEqual(['1', '0.1']);
    expect(
      [...root.querySelectorAll('.sweep-point')].map((g) => g.classList.contains('beyond')),
    ).toEqual([false, true]);
    expect(root.querySelector('path.sweep-path')!.getAttribute('d')).toMatch(/^M.*L/);
    const bar = root.querySelector('line.spread')!;
    expect(Number(bar.getAttribute('x2'))).toBeGreaterThan(Number(bar.getAttribute('x1')));
  });
});
