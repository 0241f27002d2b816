import { quantileSorted } from 'd3-array';

/**
 * The q-quantile (q in [0, 1]) of ascending values by linear interpolation between the two
 * nearest ranks, numpy's default: d3-array's quantileSorted, typed for typed arrays (its code reads
 * any array-like; @types/d3-array declares only Array). Undefined for no values.
 */
export const quantileOfSorted = quantileSorted as unknown as (
  sorted: ArrayLike<number>,
  q: number,
) => number | undefined;
