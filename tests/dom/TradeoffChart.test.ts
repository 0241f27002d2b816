import { describe, expect, it, vi } from 'vitest';
import type { TradeoffRun } from '../../src/ui/charts/chartData.ts';
import TradeoffChart from '../../src/ui/charts/TradeoffChart.svelte';
import { mountChart } from './mountChart.ts';

const run = (id: number, p99Ms: number, metric: number | null, bytes = 1000): TradeoffRun => ({
  id,
  name: `Run ${id}`,
  family: id % 2 === 0 ? 'gbdt' : 'logistic',
  p99Ms,
  bytes,
  coresAtPeak: id,
  monthlyServingCost: id * 30,
  metric,
});

// By hand: Run 1 is the fastest; Run 3 is slower and better; Run 2 is slower than Run 1 and
// worse than it, so dominated; Run 4 is the slowest and the best; Run 5 has no metric.
const runs = [
  run(1, 0.05, 0.8),
  run(2, 0.2, 0.75),
  run(3, 0.5, 0.85),
  run(4, 4, 0.9),
  run(5, 1, null),
];

const points = (root: HTMLElement) => [...root.querySelectorAll<SVGGElement>('g[role="button"]')];
const translation = (el: Element) =>
  el
    .getAttribute('transform')!
    .match(/translate\(([^,]+),([^)]+)\)/)!
    .slice(1)
    .map(Number);
/** Vertices of an SVG path made of M and L commands. */
const vertices = (d: string) =>
  [...d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe('TradeoffChart', () => {
  it('draws one focusable point per run with a metric', () => {
    const root = mountChart(TradeoffChart, { runs, metricLabel: 'ROC AUC', direction: 'higher' });
    expect(points(root)).toHaveLength(4);
    for (const point of points(root)) expect(point.getAttribute('tabindex')).toBe('0');
    expect(root.querySelector('figcaption')!.textContent).toContain('1 run without ROC AUC');
    expect(points(root).map((p) => p.getAttribute('aria-label'))).toContain(
      'Run 3, logistic: p99 latency 500 µs, ROC AUC 0.8500, on the Pareto frontier',
    );
  });

  it('calls onselect with the run id on Enter, Space and click', () => {
    const onselect = vi.fn();
    const root = mountChart(TradeoffChart, {
      runs,
      metricLabel: 'ROC AUC',
      direction: 'higher',
      onselect,
    });
    const third = points(root).find((p) => p.getAttribute('aria-label')!.startsWith('Run 3,'))!;
    third.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    third.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    third.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    third.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onselect.mock.calls).toEqual([[3], [3], [3]]);
  });

  it('draws the frontier through the non-dominated runs, for either direction of the metric', () => {
    for (const [direction, expected] of [
      ['higher', ['Run 1', 'Run 3', 'Run 4']],
      // Read as a loss, lower is better: Run 2 (0.75) now beats Run 3 and Run 4.
      ['lower', ['Run 1', 'Run 2']],
    ] as const) {
      const root = mountChart(TradeoffChart, { runs, metricLabel: 'm', direction });
      // d3 writes path coordinates to 3 decimals.
      const path = vertices(root.querySelector('path.frontier')!.getAttribute('d')!);
      for (const point of points(root)) {
        const name = point.getAttribute('aria-label')!.split(',')[0]!;
        const [px, py] = translation(point);
        const onPath = path.some(
          ([x, y]) => Math.abs(x! - px!) < 0.01 && Math.abs(y! - py!) < 0.01,
        );
        expect(onPath, name).toBe((expected as readonly string[]).includes(name));
      }
    }
  });

  it('marks the latency budget on the latency axis only, and highlights the selected run', () => {
    const props = { runs, metricLabel: 'ROC AUC', direction: 'higher', latencyBudgetMs: 1 };
    const byLatency = mountChart(TradeoffChart, { ...props, selectedId: 4 });
    expect(byLatency.querySelector('.budget text')!.textContent).toBe('budget 1.00 ms');
    const selected = byLatency.querySelectorAll('g.point.selected');
    expect(selected).toHaveLength(1);
    expect(selected[0]!.getAttribute('aria-current')).toBe('true');
    expect(selected[0]!.querySelector('text.name')!.textContent).toBe('Run 4');

    const bySize = mountChart(TradeoffChart, { ...props, xAxis: 'bytes' });
    expect(bySize.querySelector('.budget')).toBeNull();
  });

  it('marks the model-size budget on the size axis and greys runs beyond either budget', () => {
    const budgets = [run(1, 0.05, 0.8, 500), run(3, 0.5, 0.85, 5000), run(4, 4, 0.9, 500)];
    const props = {
      runs: budgets,
      metricLabel: 'ROC AUC',
      direction: 'higher',
      latencyBudgetMs: 1,
      modelBytesBudget: 2048,
    };
    const bySize = mountChart(TradeoffChart, { ...props, xAxis: 'bytes' });
    expect(bySize.querySelector('.budget text')!.textContent).toBe('budget 2.0 KiB');
    expect(bySize.querySelector('svg')!.getAttribute('aria-label')).toContain(
      'model-size budget 2.0 KiB',
    );
    const greyed = (root: HTMLElement) =>
      Object.fromEntries(
        points(root).map((p) => [
          p.getAttribute('aria-label')!.split(',')[0],
          p.classList.contains('beyond'),
        ]),
      );
    // Run 3 is over the size budget, Run 4 over the latency budget: greyed on either axis.
    expect(greyed(bySize)).toEqual({ 'Run 1': false, 'Run 3': true, 'Run 4': true });
    expect(points(bySize).map((p) => p.getAttribute('aria-label'))).toContain(
      'Run 3, logistic: model size 4.9 KiB, ROC AUC 0.8500, over the model-size budget',
    );
    const byLatency = mountChart(TradeoffChart, props);
    expect(byLatency.querySelector('.budget text')!.textContent).toBe('budget 1.00 ms');
    expect(greyed(byLatency)).toEqual({ 'Run 1': false, 'Run 3': true, 'Run 4': true });
  });

  it('puts cores at peak or monthly cost on x, leaving out runs without them', () => {
    const withoutCores = { ...run(6, 1, 0.95), coresAtPeak: null, monthlyServingCost: null };
    const props = { runs: [...runs, withoutCores], metricLabel: 'ROC AUC', lowerIsBetter: false };
    const byCores = mountChart(TradeoffChart, { ...props, xAxis: 'cores' });
    expect(points(byCores)).toHaveLength(4);
    expect(points(byCores).map((p) => p.getAttribute('aria-label'))).toContain(
      'Run 3, logistic: cores at peak 3, ROC AUC 0.8500, on the Pareto frontier',
    );
    expect(byCores.textContent).toContain('cores at peak (log scale; lower is better)');
    const byCost = mountChart(TradeoffChart, { ...props, xAxis: 'cost' });
    expect(points(byCost).map((p) => p.getAttribute('aria-label'))).toContain(
      'Run 4, boosted trees: monthly serving cost 120.00, ROC AUC 0.9000, on the Pareto frontier',
    );
  });
});

describe('TradeoffChart labels', () => {
  /** A wide guess of rendered width: 7.5 px a character at the 0.78rem tick font. */
  const wide = (text: string) => text.length * 7.5;
  const axes = (root: HTMLElement) => [...root.querySelectorAll<SVGGElement>('g.axis')];

  it('drops x tick labels that would run into each other ("0.02 m0.03 ms")', () => {
    const close = [run(1, 0.02, 0.8), run(2, 0.025, 0.81), run(3, 0.03, 0.82)];
    const root = mountChart(TradeoffChart, {
      runs: close,
      metricLabel: 'ROC AUC',
      direction: 'higher',
    });
    const labels = [...axes(root)[0]!.querySelectorAll('g > text:not(.label)')].map((text) => ({
      at: translation(text.parentElement!)[0]!,
      text: text.textContent!,
    }));
    expect(labels.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < labels.length; i++) {
      const [a, b] = [labels[i - 1]!, labels[i]!];
      expect(b.at - a.at, `${a.text} | ${b.text}`).toBeGreaterThanOrEqual(
        (wide(a.text) + wide(b.text)) / 2,
      );
    }
  });

  it('keeps the y-axis title clear of four-decimal tick labels and inside the chart', () => {
    const close = [run(1, 0.1, 0.7042), run(2, 1, 0.705)];
    const root = mountChart(TradeoffChart, {
      runs: close,
      metricLabel: 'ROC AUC',
      direction: 'higher',
    });
    const left = axes(root)[1]!;
    const ticks = [...left.querySelectorAll('g > text:not(.label)')].map((t) => t.textContent!);
    expect(Math.max(...ticks.map((t) => t.length))).toBeGreaterThanOrEqual(6);
    const offset = -translation(left.querySelector('text.label')!)[0]!;
    // The rotated title reaches about 3 px right of its baseline (descent) and 10 px left (ascent).
    for (const tick of ticks) expect(offset - 3).toBeGreaterThanOrEqual(8 + wide(tick));
    const plotLeft = translation(left.closest('svg')!.querySelector(':scope > g + g')!)[0]!;
    expect(offset + 10).toBeLessThanOrEqual(plotLeft);
  });
});
