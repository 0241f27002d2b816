import { describe, expect, it } from 'vitest';
import { precisionRecallCurve, rocCurve } from '../../src/lib/metrics/curves.ts';
import { scoreHistograms } from '../../src/lib/metrics/histogram.ts';
import PrecisionRecallChart from '../../src/ui/charts/PrecisionRecallChart.svelte';
import RocCurveChart from '../../src/ui/charts/RocCurveChart.svelte';
import ScoreHistogram from '../../src/ui/charts/ScoreHistogram.svelte';
import { mountChart } from './mountChart.ts';
import { CHECK_P, CHECK_Y } from '../helpers/checkVector.ts';

// docs/design.md's 20-row check vector: 8 positives of 20.
const y = [...CHECK_Y];
const p = [...CHECK_P];
const flipped = p.map((v) => 1 - v);

describe('RocCurveChart', () => {
  it('draws one path per series, the chance diagonal and the operating points', () => {
    const series = [
      { label: 'Run 1', color: 'var(--series-1)', curve: rocCurve(y, p)! },
      { label: 'Run 2', color: 'var(--series-2)', curve: rocCurve(y, flipped)! },
    ];
    const root = mountChart(RocCurveChart, { series, threshold: 0.5 });
    expect(root.querySelectorAll('path.curve')).toHaveLength(2);
    expect(root.querySelector('line.chance')).not.toBeNull();
    expect(root.querySelectorAll('.legend text')).toHaveLength(2);
    // At p >= 0.5 the check vector has TP 6 of 8 and FP 3 of 12 (worked by hand).
    expect(root.querySelector('circle.operating title')!.textContent).toBe(
      'Run 1 at threshold 0.50: false positive rate 25.0%, true positive rate 75.0%',
    );
  });
});

describe('PrecisionRecallChart', () => {
  it('draws one path per series and the base rate of the test split once', () => {
    const series = [
      { label: 'Run 1', color: 'var(--series-1)', curve: precisionRecallCurve(y, p)! },
      { label: 'Run 2', color: 'var(--series-2)', curve: precisionRecallCurve(y, flipped)! },
    ];
    const root = mountChart(PrecisionRecallChart, { series });
    expect(root.querySelectorAll('path.curve')).toHaveLength(2);
    const baseRates = root.querySelectorAll('.base-rate text');
    expect([...baseRates].map((t) => t.textContent)).toEqual(['base rate 40.0%']);
  });
});

describe('ScoreHistogram', () => {
  it('draws a bar per bin and class, positives above and negatives below the axis', () => {
    const histograms = scoreHistograms(y, p, { bins: 10 });
    const root = mountChart(ScoreHistogram, { histograms, threshold: 0.5 });
    const rects = [...root.querySelectorAll('rect')];
    expect(rects).toHaveLength(20);
    expect(root.querySelector('.threshold text')!.textContent).toBe('threshold 0.50');
    const zero = Number(root.querySelector('line.zero')!.getAttribute('y1'));
    const [positive, negative] = [...root.querySelectorAll('g.bars')];
    // The 2 negatives in [0, 0.1) are 2 of 12; the 2 positives in [0.8, 0.9) are 2 of 8.
    expect(negative!.querySelector('title')!.textContent).toBe(
      'negative, scores 0.00–0.10: 2 rows (16.7% of negative)',
    );
    for (const bar of positive!.querySelectorAll('rect')) {
      expect(Number(bar.getAttribute('y')) + Number(bar.getAttribute('height'))).toBeCloseTo(zero);
    }
    for (const bar of negative!.querySelectorAll('rect')) {
      expect(Number(bar.getAttribute('y'))).toBeCloseTo(zero);
    }
  });
});
