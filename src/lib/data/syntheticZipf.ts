import { bisectRight } from 'd3-array';
import type { Rng } from '../random.ts';

/**
 * Draws ranks 0..n-1 with P(k) proportional to 1 / (k + 1)^s (a Zipf law over n levels).
 * Rank 0 is the most frequent level; s = 0 gives the uniform distribution.
 */
export interface ZipfSampler {
  readonly cardinality: number;
  /** One rank in [0, cardinality); O(log n) by binary search in the cumulative weights. */
  sample(rng: Rng): number;
}

/** Precomputes the cumulative weights of a Zipf law over `cardinality` levels with exponent `s`. */
export function createZipfSampler(cardinality: number, s: number): ZipfSampler {
  if (!Number.isInteger(cardinality) || cardinality < 1) {
    throw new RangeError(`Zipf cardinality must be a positive integer, got ${cardinality}`);
  }
  const cdf = new Float64Array(cardinality);
  let total = 0;
  for (let k = 0; k < cardinality; k++) {
    total += Math.pow(k + 1, -s);
    cdf[k] = total;
  }
  const last = cardinality - 1;
  return {
    cardinality,
    sample(rng: Rng): number {
      const u = rng.next() * total;
      // First index whose cumulative weight exceeds u (the last when rounding leaves none).
      return bisectRight(cdf, u, 0, last);
    },
  };
}
