import { describe, expect, it } from 'vitest';
import LossCurve from '../../src/ui/charts/LossCurve.svelte';
import { mountChart } from './mountChart.ts';

const points = [10, 20, 30, 40].map((step, i) => ({
  step,
  trainLoss: 0.6 - 0.1 * i,
  validationLoss: [0.55, 0.5, 0.52, 0.56][i]!,
}));

describe('LossCurve', () => {
  it('marks the step early stopping keeps, where the x scale puts it', () => {
    const root = mountChart(LossCurve, { points, stepLabel: 'tree', bestStep: 22 });
    const kept = root.querySelector('g.kept')!;
    expect(kept.textContent).toBe('kept: tree 22');
    // x runs from step 1 to the last step (40): step 22 sits 21/39 of the way across.
    const x = Number(/translate\(([\d.]+)/.exec(kept.getAttribute('transform')!)![1]);
    const line = root.querySelector('path.train')!.getAttribute('d')!;
    const lastX = Number(/L([\d.]+),[\d.]+$/.exec(line)![1]);
    const firstX = Number(/^M([\d.]+)/.exec(line)![1]);
    // The first point is step 10: x(10) = 9/39 of the width, x(40) = the width.
    const width = (lastX - firstX) / (30 / 39);
    expect(x).toBeCloseTo((21 / 39) * width, 3);
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toContain(
      'early stopping keeps tree 22',
    );
  });

  it('draws no mark without early stopping', () => {
    const root = mountChart(LossCurve, { points, stepLabel: 'tree' });
    expect(root.querySelector('g.kept')).toBeNull();
  });
});
