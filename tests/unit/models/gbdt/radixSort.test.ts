import { describe, expect, it } from 'vitest';
import { Float32RadixSorter } from '../../../../src/lib/models/gbdt/radixSort.ts';
import { createRng } from '../../../../src/lib/random.ts';

describe('Float32RadixSorter', () => {
  it('sorts as a numeric comparison sort does, negatives, infinities and ties included', () => {
    const rng = createRng(5);
    const values = Float32Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? Math.round(rng.normal() * 3) : rng.normal() * 10 ** rng.int(8) - 1,
    );
    values.set([Infinity, -Infinity, -0, 0, 1e-40, -1e-40, 3.4e38, -3.4e38], 10);
    // -0 and +0 compare equal; + 0 turns -0 into +0 so toEqual (Object.is) ignores their order.
    const expected = Array.from(values, (v) => v + 0).sort((a, b) => a - b);
    const sorter = new Float32RadixSorter(values.length + 10);
    sorter.sort(values, values.length);
    expect(Array.from(values, (v) => v + 0)).toEqual(expected);
  });

  it('sorts only the first n values', () => {
    const values = Float32Array.of(3, 1, 2, -5, 0);
    new Float32RadixSorter(5).sort(values, 3);
    expect(Array.from(values)).toEqual([1, 2, 3, -5, 0]);
  });
});
