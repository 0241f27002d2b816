import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import ConfusionMatrix from '../../src/ui/charts/ConfusionMatrix.svelte';
import { mountChart } from './mountChart.ts';
import { CHECK_P, CHECK_Y } from '../helpers/checkVector.ts';

// docs/design.md's 20-row check vector; the counts below were worked out by hand from it.
const y = [...CHECK_Y];
const p = [...CHECK_P];

const label = (root: HTMLElement) => root.querySelector('svg')!.getAttribute('aria-label')!;
const cellTexts = (root: HTMLElement) =>
  [...root.querySelectorAll('g.cell')].map((g) => g.querySelector('text')!.textContent);

describe('ConfusionMatrix', () => {
  it('counts TP, FP, TN, FN of the check vector at threshold 0.5', () => {
    const root = mountChart(ConfusionMatrix, { sample: { y, p }, threshold: 0.5 });
    expect(label(root)).toContain(
      '6 true positives, 3 false positives, 9 true negatives, 2 false negatives; precision 66.7%, recall 75.0%',
    );
    // scikit-learn's layout: rows true 0/1, columns predicted 0/1.
    expect(cellTexts(root)).toEqual(['TN 9', 'FP 3', 'FN 2', 'TP 6']);
  });

  it('recounts when the slider moves the threshold', () => {
    const root = mountChart(ConfusionMatrix, { sample: { y, p }, threshold: 0.5 });
    const slider = root.querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(root.querySelector('label')!.textContent).toBe('Decision threshold');
    slider.value = '0.3';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(cellTexts(root)).toEqual(['TN 7', 'FP 5', 'FN 0', 'TP 8']);
    expect(label(root)).toContain('precision 61.5%, recall 100.0%');
    expect(root.querySelector('output')!.textContent).toBe('0.30');
  });

  it('shades a multi-class matrix by the share of each true class', () => {
    const matrix = [
      [6, 2, 0],
      [1, 1, 2],
      [0, 0, 5],
    ];
    const root = mountChart(ConfusionMatrix, { matrix, classes: ['cat', 'dog', 'fish'] });
    expect(root.querySelector('input')).toBeNull();
    const shares = [...root.querySelectorAll('rect.fill')].map((r) =>
      Number(r.getAttribute('fill-opacity')),
    );
    expect(shares).toEqual([0.75, 0.25, 0, 0.25, 0.25, 0.5, 0, 0, 1]);
    const names = [...root.querySelectorAll('text.class-name')].map(
      (t) => t.firstChild!.textContent,
    );
    expect(names).toEqual(['cat', 'dog', 'fish', 'cat', 'dog', 'fish']);
  });
});
