import { describe, expect, it } from 'vitest';
import {
  encodeNumeric,
  fitNumeric,
  numericFeatureNames,
  quantileEdges,
  type FittedNumeric,
} from '../../../src/lib/features/numericTransform.ts';
import { resolveColumnSpec, type ColumnTransformSpec } from '../../../src/lib/features/spec.ts';

// Training values of the column: observed 1, 2, 3, 5, 6 and one missing.
const TRAIN = Float64Array.from([1, 2, 3, NaN, 5, 6]);

function spec(over: Partial<ColumnTransformSpec>): ColumnTransformSpec {
  return resolveColumnSpec({ default: over }, 'num');
}

function encode(f: FittedNumeric, v: number): number[] {
  const x = new Float32Array(f.width);
  encodeNumeric(f, v, x, 0);
  return Array.from(x);
}

describe('numeric transforms', () => {
  it('standardizes with the population std of the median-filled training values', () => {
    const f = fitNumeric(
      'num',
      'numeric',
      TRAIN,
      spec({ numeric: 'standardize', missing: 'median' }),
      0,
    );
    // Median of 1, 2, 3, 5, 6 is 3; filled: 1, 2, 3, 3, 5, 6; mean 20/6.
    const mean = 20 / 6;
    const std = Math.sqrt([1, 2, 3, 3, 5, 6].reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    expect(f.fill).toBe(3);
    expect(encode(f, 100)[0]).toBeCloseTo((100 - mean) / std, 5);
    expect(encode(f, NaN)[0]).toBeCloseTo((3 - mean) / std, 6);
    expect(numericFeatureNames(f)).toEqual(['num']);
  });

  it('fills with the mean and adds a missing indicator when asked', () => {
    const f = fitNumeric(
      'num',
      'numeric',
      TRAIN,
      spec({ numeric: 'none', missing: 'mean', indicator: true }),
      4,
    );
    expect(f.fill).toBeCloseTo(17 / 5, 12);
    expect(f.offset).toBe(4);
    expect(f.indicatorOffset).toBe(5);
    const x = new Float32Array(6);
    encodeNumeric(f, NaN, x, 0);
    expect(Array.from(x)).toEqual([0, 0, 0, 0, Math.fround(3.4), 1]);
    expect(numericFeatureNames(f)).toEqual(['num', 'num_missing']);
  });

  it('scales min-max over the constant-filled training values, without clipping test values', () => {
    const f = fitNumeric(
      'num',
      'numeric',
      TRAIN,
      spec({ numeric: 'minmax', missing: 'constant', constant: -4 }),
      0,
    );
    // Filled: -4, 1, 2, 3, 5, 6: min -4, max 6.
    expect(encode(f, 1)[0]).toBeCloseTo(0.5, 7);
    expect(encode(f, NaN)[0]).toBe(0);
    expect(encode(f, 16)[0]).toBeCloseTo(2, 6);
  });

  it("maps a missing value to 0 plus an indicator under 'category'", () => {
    const f = fitNumeric(
      'num',
      'numeric',
      TRAIN,
      spec({ numeric: 'standardize', missing: 'category' }),
      0,
    );
    // Scaler over observed values only: mean 3.4.
    expect(f.shift).toBeCloseTo(3.4, 12);
    expect(encode(f, NaN)).toEqual([0, 1]);
    expect(encode(f, 3.4)).toEqual([0, 0]);
  });

  it('applies a signed log1p', () => {
    const f = fitNumeric('num', 'numeric', TRAIN, spec({ numeric: 'log1p' }), 0);
    expect(encode(f, Math.E - 1)[0]).toBeCloseTo(1, 6);
    expect(encode(f, -(Math.E - 1))[0]).toBeCloseTo(-1, 6);
    expect(encode(f, 0)[0]).toBe(0);
  });

  it('cuts quantile buckets at numpy-style linear percentiles and emits one-hot or ordinal', () => {
    // Values 1..9 (9 points): percentiles at 1/4, 2/4, 3/4 are 3, 5, 7.
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(quantileEdges(values, 4)).toEqual([3, 5, 7]);
    const onehot = fitNumeric(
      'd',
      'numeric',
      values,
      spec({ numeric: 'quantile', quantileBins: 4 }),
      0,
    );
    expect(numericFeatureNames(onehot)).toEqual(['d=q0', 'd=q1', 'd=q2', 'd=q3']);
    expect(encode(onehot, 2.9)).toEqual([1, 0, 0, 0]);
    expect(encode(onehot, 3)).toEqual([0, 1, 0, 0]); // an edge belongs to the bucket above it
    expect(encode(onehot, 100)).toEqual([0, 0, 0, 1]);
    const ordinal = fitNumeric(
      'd',
      'numeric',
      values,
      spec({ numeric: 'quantile', quantileBins: 4, quantileOutput: 'ordinal' }),
      0,
    );
    expect(numericFeatureNames(ordinal)).toEqual(['d_quantile']);
    expect(encode(ordinal, 6)[0]).toBeCloseTo(2 / 3, 6);
  });

  it('merges tied quantile cut points', () => {
    const values = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    const f = fitNumeric('d', 'numeric', values, spec({ numeric: 'quantile', quantileBins: 5 }), 0);
    // Percentiles at .2, .4, .6 are 0; at .8 it is 1.2 (linear between 1 and 2).
    expect(f.edges[0]).toBe(0);
    expect(f.edges[1]).toBeCloseTo(1.2, 12);
    expect(f.edges).toHaveLength(2);
    expect(f.width).toBe(3);
  });

  it('keeps scale 1 for a constant column, as StandardScaler does', () => {
    const f = fitNumeric(
      'c',
      'numeric',
      Float64Array.from([7, 7, 7]),
      spec({ numeric: 'standardize' }),
      0,
    );
    expect(encode(f, 9)[0]).toBe(2);
  });
});
