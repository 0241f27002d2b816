import { describe, expect, it } from 'vitest';
import { operatingIndex } from '../../../src/lib/metrics/operatingIndex.ts';
import { layoutLegend, LEGEND_ROW_HEIGHT } from '../../../src/ui/charts/legendLayout.ts';

describe('operatingIndex', () => {
  const thresholds = [Infinity, 0.9, 0.7, 0.5, 0.2];

  it('picks the last point whose threshold is still at or above the decision threshold', () => {
    expect(operatingIndex(thresholds, 0.5)).toBe(3);
    expect(operatingIndex(thresholds, 0.6)).toBe(2);
    expect(operatingIndex(thresholds, 0)).toBe(4);
  });

  it('falls back to the nothing-positive point, also when JSON turned Infinity into null', () => {
    expect(operatingIndex(thresholds, 0.95)).toBe(0);
    expect(operatingIndex([null, 0.9, 0.4], 0.5)).toBe(1);
    expect(operatingIndex([null], 0.5)).toBe(0);
  });
});

describe('layoutLegend', () => {
  it('wraps entries onto a new row when the next one would overflow the width', () => {
    const layout = layoutLegend(['a', 'bb', 'a much longer label'], 100);
    expect(layout.positions[0]).toEqual({ x: 0, y: 0 });
    expect(layout.positions[1]!.y).toBe(0);
    expect(layout.positions[1]!.x).toBeGreaterThan(0);
    expect(layout.positions[2]).toEqual({ x: 0, y: LEGEND_ROW_HEIGHT });
    expect(layout.height).toBe(2 * LEGEND_ROW_HEIGHT);
  });

  it('takes no room without entries', () => {
    expect(layoutLegend([], 300)).toEqual({ positions: [], texts: [], height: 0 });
  });

  it('cuts a label wider than the chart with an ellipsis so that it ends inside (not "w=0.05 logis")', () => {
    const long = 'w=0.05 logistic regression, one-hot, hashing 1024';
    const layout = layoutLegend(['ROC', long], 200);
    expect(layout.texts[0]).toBe('ROC');
    expect(layout.texts[1]).toMatch(/^w=0\.05 logistic.*…$/);
    // 22 px of swatch and 7.5 px a character: the legend's own estimate of a label's width.
    const at = layout.positions[1]!;
    expect(at.x + 22 + layout.texts[1]!.length * 7.5).toBeLessThanOrEqual(200);
  });
});
