import { describe, expect, it } from 'vitest';
import { classWeights } from '../../../src/lib/sampling/classWeights.ts';

describe('class weights', () => {
  it("computes 'balanced' as scikit-learn's compute_class_weight: n / (classes x count)", () => {
    // Binary: 3 negatives, 1 positive -> 4 / (2 x 3) and 4 / (2 x 1).
    const binary = classWeights([0, 0, 1, 0], 'balanced');
    expect(Array.from(binary)).toEqual([4 / 6, 4 / 6, 2, 4 / 6].map(Math.fround));
    // Multi-class counts 1, 2, 3 -> 6/3, 6/6, 6/9.
    expect(Array.from(classWeights([2, 1, 0, 2, 1, 2], 'balanced'))).toEqual(
      [6 / 9, 1, 2, 6 / 9, 1, 6 / 9].map(Math.fround),
    );
  });

  it('weighs only the given rows when rows are passed (labels indexed by table row)', () => {
    const y = [1, 0, 0, 0, 1, 0];
    // Rows 0, 1, 2: one positive, two negatives -> 3/2 and 3/4.
    expect(Array.from(classWeights(y, 'balanced', Int32Array.of(0, 1, 2)))).toEqual([
      1.5, 0.75, 0.75,
    ]);
  });

  it("gives 1 everywhere for 'none' and reads explicit per-class weights", () => {
    expect(Array.from(classWeights([0, 1, 1], 'none'))).toEqual([1, 1, 1]);
    expect(Array.from(classWeights([0, 1, 1], [1, 5]))).toEqual([1, 5, 5]);
    expect(() => classWeights([0, 2], [1, 5])).toThrow(RangeError);
  });
});
