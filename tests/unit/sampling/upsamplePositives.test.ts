import { describe, expect, it } from 'vitest';
import { upsamplePositives } from '../../../src/lib/sampling/upsamplePositives.ts';

describe('positive upsampling', () => {
  it('repeats each positive floor(factor) times plus once more with probability frac(factor)', () => {
    const n = 20_000;
    const y = Float32Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const out = upsamplePositives(rows, y, 2.5, 8);
    const copies = new Map<number, number>();
    for (const r of out) copies.set(r, (copies.get(r) ?? 0) + 1);
    let positives = 0;
    let wrongCopies = 0;
    for (const [r, c] of copies) {
      if (y[r] === 1) positives += c;
      if (y[r] === 1 ? c !== 2 && c !== 3 : c !== 1) wrongCopies++;
    }
    expect(wrongCopies).toBe(0);
    expect(copies.size).toBe(n);
    // 2,000 positives: 2.5 copies each on average, sd of the extra copies sqrt(2000 x .25).
    expect(Math.abs(positives - 5000)).toBeLessThan(3 * Math.sqrt(2000 * 0.25));
  });

  it('keeps the rows unchanged with factor 1 and rejects a factor below 1', () => {
    const rows = Int32Array.of(4, 2, 0);
    const y = [1, 0, 1, 0, 0];
    expect(Array.from(upsamplePositives(rows, y, 1, 1))).toEqual([4, 2, 0]);
    expect(Array.from(upsamplePositives(rows, y, 2, 1))).toEqual([4, 2, 2, 0, 0]);
    expect(() => upsamplePositives(rows, y, 0.5, 1)).toThrow(RangeError);
  });
});
