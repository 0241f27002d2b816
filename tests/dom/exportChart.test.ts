import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/ui/charts/exportChart.ts';
import ReliabilityDiagram from '../../src/ui/charts/ReliabilityDiagram.svelte';
import { mountChart } from './mountChart.ts';

describe('svgToString', () => {
  it('inlines the colours that CSS and custom properties gave the chart', () => {
    document.head.innerHTML =
      '<style>:root { --series-1: #1d4ed8 } .curve { stroke: var(--series-1); stroke-width: 3 } svg { font-size: 12px }</style>';
    document.body.innerHTML =
      '<svg width="120" height="80" role="img"><g><path class="curve" d="M0,0L10,10"><title>Run 1</title></path><text>0.5</text></g><g tabindex="0"></g></svg>';
    const svg = document.querySelector('svg')!;
    const parsed = new DOMParser().parseFromString(svgToString(svg), 'image/svg+xml');
    const root = parsed.documentElement;

    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 120 80');
    const path = root.querySelector('path')!;
    expect(path.getAttribute('style')).toContain('stroke: #1d4ed8');
    expect(path.getAttribute('style')).toContain('stroke-width: 3');
    expect(path.querySelector('title')!.textContent).toBe('Run 1');
    // The font size is set once on the root and inherited, not repeated on every element.
    expect(root.getAttribute('style')).toContain('font-size: 12px');
    expect(root.querySelector('text')!.getAttribute('style') ?? '').not.toContain('font-size');
    expect(root.querySelector('[tabindex]')).toBeNull();
    // The screen's SVG is left untouched.
    expect(svg.querySelector('path')!.getAttribute('style')).toBeNull();
  });

  it('keeps the figure’s title and caption legend, drawn above the chart (the reliability export had neither)', () => {
    const bins = [0.05, 0.15, 0.25].map((at, i) => ({
      lower: at - 0.05,
      upper: at + 0.05,
      meanPredicted: at,
      observedRate: at * (1 + i / 10),
      count: 10,
      weight: 10,
    }));
    const root = mountChart(ReliabilityDiagram, {
      series: [
        { label: 'logistic, raw', bins, color: 'rgb(29, 78, 216)' },
        { label: 'recalibrated', bins, color: 'rgb(220, 38, 38)' },
      ],
    });
    const svg = root.querySelector('svg')!;
    const parsed = new DOMParser().parseFromString(
      svgToString(svg),
      'image/svg+xml',
    ).documentElement;
    const texts = [...parsed.querySelectorAll('.export-heading text')].map((t) => t.textContent);
    expect(texts).toEqual(['Reliability (test split)', 'logistic, raw', 'recalibrated']);
    const swatches = [...parsed.querySelectorAll('.export-heading rect')];
    expect(swatches.map((r) => r.getAttribute('fill'))).toEqual([
      'rgb(29, 78, 216)',
      'rgb(220, 38, 38)',
    ]);
    // The chart moves down by the heading, and the file grows by as much.
    const shift = Number(
      parsed
        .querySelector(':scope > g:last-child')!
        .getAttribute('transform')!
        .match(/translate\(0,([\d.]+)\)/)![1],
    );
    expect(shift).toBeGreaterThan(20);
    expect(Number(parsed.getAttribute('height'))).toBe(Number(svg.getAttribute('height')) + shift);
  });
});
