import { describe, expect, it } from 'vitest';
import { equalWidthBin, histogram, scoreHistograms } from '../../../src/lib/metrics/histogram.ts';
import { CHECK_P, CHECK_Y } from '../../helpers/checkVector.ts';

const y = [...CHECK_Y];
const p = [...CHECK_P];

describe('scoreHistograms', () => {
  it('counts each class in min(floor(10 p), 9) bins on [0, 1]', () => {
    const h = scoreHistograms(y, p, { bins: 10 });
    expect(h.edges).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    // Worked by hand from docs/design.md's check vector.
    expect(h.negative.counts).toEqual([2, 2, 3, 1, 1, 1, 1, 0, 0, 1]);
    expect(h.positive.counts).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2, 1]);
  });

  it('sums sample weights per bin', () => {
    const h = scoreHistograms([0, 1, 1], [0.05, 0.05, 1], { bins: 2, weights: [2, 3, 0.5] });
    expect(h.negative).toEqual({ counts: [1, 0], weights: [2, 0] });
    expect(h.positive).toEqual({ counts: [1, 1], weights: [3, 0.5] });
  });
});

describe('histogram', () => {
  it('puts the maximum in the last bin and a constant sample in one bin', () => {
    expect(equalWidthBin(1, 0, 1, 10)).toBe(9);
    expect(equalWidthBin(-0.5, 0, 1, 10)).toBe(0);
    expect(histogram([4, 4])).toEqual({ edges: [4, 4], counts: [2], weights: [2] });
    expect(histogram([])).toEqual({ edges: [], counts: [], weights: [] });
  });

  it('skips NaN (a missing value) with its weight, and has no bins when every value is NaN', () => {
    expect(histogram([NaN, 1, 3, NaN, 2.5], { bins: 2, weights: [9, 1, 2, 9, 4] })).toEqual({
      edges: [1, 2, 3],
      counts: [1, 2],
      weights: [1, 6],
    });
    expect(histogram([NaN, 5, NaN])).toEqual({ edges: [5, 5], counts: [1], weights: [1] });
    expect(histogram([NaN, NaN])).toEqual({ edges: [], counts: [], weights: [] });
  });
});
