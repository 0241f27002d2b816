import { describe, expect, it } from 'vitest';
import {
  binFeatures,
  binOf,
  computeBinEdges,
  padEdges,
} from '../../../../src/lib/models/gbdt/binning.ts';
import { createRng } from '../../../../src/lib/random.ts';
import { readReference } from './gbdtFixtures.ts';

const cases = Object.entries(readReference().binEdges);

describe('computeBinEdges', () => {
  it.each(cases)('places the edges of scikit-learn _BinMapper (%s)', (_name, c) => {
    const x = Float32Array.from(c.values, (v) => (v === null ? NaN : v));
    const [edges] = computeBinEdges(x, x.length, 1, c.maxBins, createRng(0));
    expect(edges!.length).toBe(c.thresholds.length);
    // The fixture's values are float64; ours went through float32.
    edges!.forEach((e, i) => expect(e).toBeCloseTo(c.thresholds[i]!, 6));
  });

  it('uses only the rows it is given (the training split)', () => {
    const x = Float32Array.of(1, 2, 3, 100);
    const [edges] = computeBinEdges(x, 3, 1, 255, createRng(0));
    expect(Array.from(edges!)).toEqual([1.5, 2.5]);
  });
});

describe('binFeatures', () => {
  it('maps v to the first bin whose edge is >= v, NaN to the missing bin, rows padded to 4 bytes', () => {
    // 3 rows x 2 features.
    const x = Float32Array.of(1, NaN, 2, 5, 3, 7);
    const edges = [Float64Array.of(1.5, 2.5), Float64Array.of(6)];
    const binned = binFeatures(x, 3, 2, edges, 255);
    expect(binned.rowBytes).toBe(4);
    expect(Array.from(binned.bins)).toEqual([0, 255, 0, 0, 1, 0, 0, 0, 2, 1, 0, 0]);
    const padded = padEdges(edges[0]!);
    expect(binOf(padded, 1.5)).toBe(0);
    expect(binOf(padded, 1.5000001)).toBe(1);
    expect(binOf(padded, Infinity)).toBe(2);
  });
});

describe('binOf', () => {
  it('agrees with a linear scan for every edge count up to 254', () => {
    const rng = createRng(3);
    for (let count = 0; count <= 254; count += 23) {
      const edges = Float64Array.from({ length: count }, () => rng.normal()).sort();
      const padded = padEdges(edges);
      for (let k = 0; k < 200; k++) {
        const v = k % 50 === 0 && count > 0 ? edges[rng.int(count)]! : 3 * rng.normal();
        let expected = 0;
        while (expected < count && !(v <= edges[expected]!)) expected++;
        expect(binOf(padded, v)).toBe(expected);
      }
    }
  });
});
