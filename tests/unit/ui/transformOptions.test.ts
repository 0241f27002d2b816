import { describe, expect, it } from 'vitest';
import { missingOptions, shownMissing } from '../../../src/ui/data/transformOptions.ts';
import { resolveColumnSpec } from '../../../src/lib/features/spec.ts';

describe('missing-value choices', () => {
  it('offers no median or mean for a categorical column, but its most frequent level', () => {
    const spec = resolveColumnSpec({ default: {} }, 'c');
    const labels = missingOptions(true).map((o) => o.label(spec));
    expect(labels).toEqual(['most frequent level', 'constant', 'own category']);
    expect(labels.join()).not.toMatch(/median|mean/);
    expect(missingOptions(false).map((o) => o.value)).toEqual([
      'median',
      'mean',
      'constant',
      'category',
    ]);
  });

  it('shows a categorical "mean" as the most frequent level it means', () => {
    expect(shownMissing('mean', true)).toBe('median');
    expect(shownMissing('mean', false)).toBe('mean');
  });
});
