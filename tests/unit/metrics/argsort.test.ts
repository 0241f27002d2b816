import { describe, expect, it } from 'vitest';
import { argsortFloat64, sortFloat32 } from '../../../src/lib/metrics/argsort.ts';
import { createRng } from '../../../src/lib/random.ts';

describe('argsortFloat64', () => {
  it('orders negative, zero, tiny, huge and infinite values numerically', () => {
    const values = [3, -1, 0, -2.5, 1e-300, -1e-300, Infinity, -Infinity, 2, 5e300];
    const order = argsortFloat64(values, Uint32Array.from(values.keys()));
    expect(Array.from(order, (i) => values[i])).toEqual([...values].sort((a, b) => a - b));
  });

  it('is stable and agrees with a comparator sort on ties', () => {
    // + 0 turns -0 into 0: the comparator ties them, the radix sort puts -0 first.
    const rng = createRng(7);
    const values = Float64Array.from(
      { length: 20_000 },
      () => Math.round(rng.normal() * 50) / 10 + 0,
    );
    const rows = Uint32Array.from({ length: 15_000 }, (_, k) => k + 3000);
    const expected = Array.from(rows).sort((a, b) => values[a]! - values[b]! || a - b);
    expect(Array.from(argsortFloat64(values, rows))).toEqual(expected);
    expect(rows[0]).toBe(3000);
  });

  it('orders float32 values (the GBDT bin edges sort them) as a numeric comparison sort does', () => {
    const rng = createRng(5);
    const values = Float32Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? Math.round(rng.normal() * 3) : rng.normal() * 10 ** rng.int(8) - 1,
    );
    values.set([Infinity, -Infinity, -0, 0, 1e-40, -1e-40, 3.4e38, -3.4e38], 10);
    // -0 and +0 compare equal; + 0 turns -0 into +0 so toEqual (Object.is) ignores their order.
    const expected = Array.from(values, (v) => v + 0).sort((a, b) => a - b);
    const order = argsortFloat64(values, Uint32Array.from(values.keys()));
    expect(Array.from(order, (i) => values[i]! + 0)).toEqual(expected);
  });
});

describe('sortFloat32', () => {
  it('sorts a subarray in place into the order argsortFloat64 gives, -0 before 0', () => {
    const rng = createRng(9);
    const values = Float32Array.from({ length: 7000 }, (_, i) =>
      i % 5 === 0 ? Math.round(rng.normal() * 3) : rng.normal() * 10 ** rng.int(8) - 1,
    );
    values.set([Infinity, -Infinity, -0, 0, 1e-40, -1e-40, 3.4e38, -3.4e38, -0, 0], 20);
    const outside = [...values.subarray(0, 3), ...values.subarray(6000)];
    const part = values.subarray(3, 6000);
    const order = argsortFloat64(part, Uint32Array.from(part.keys()));
    const expected = Array.from(order, (i) => part[i]!);
    sortFloat32(part, new Uint32Array(part.length));
    // toEqual compares with Object.is: -0 and 0 must be where argsortFloat64 puts them.
    expect(Array.from(part)).toEqual(expected);
    expect([...values.subarray(0, 3), ...values.subarray(6000)]).toEqual(outside);
  });
});
