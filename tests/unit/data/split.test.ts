import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random.ts';
import { splitRows } from '../../../src/lib/data/split.ts';
import type { SplitIndices } from '../../../src/lib/data/split.ts';

function imbalancedLabels(n: number, rate: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const labels = new Int32Array(n);
  // Exactly round(n * rate) positives at random places.
  const positives = Math.round(n * rate);
  for (let i = 0; i < positives; i++) labels[i] = 1;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = labels[i]!;
    labels[i] = labels[j]!;
    labels[j] = t;
  }
  return labels;
}

function rate(labels: Int32Array, rows: Int32Array): number {
  let sum = 0;
  for (const i of rows) sum += labels[i]!;
  return sum / rows.length;
}

function expectPartition(split: SplitIndices, n: number): void {
  const seen = new Uint8Array(n);
  let ascending = true;
  for (const part of [split.train, split.validation, split.test]) {
    for (let k = 0; k < part.length; k++) {
      if (k > 0 && part[k]! <= part[k - 1]!) ascending = false;
      seen[part[k]!]!++;
    }
  }
  expect(ascending).toBe(true);
  expect(seen.every((count) => count === 1)).toBe(true);
}

describe('splitRows, random', () => {
  it('keeps a 2% base rate within one percentage point in every part', () => {
    const n = 50_000;
    const labels = imbalancedLabels(n, 0.02, 1);
    const split = splitRows(labels, { method: 'random', test: 0.2, validation: 0.1 }, 7);
    expect(split.test.length).toBe(10_000);
    expect(split.validation.length).toBe(5_000);
    expect(split.train.length).toBe(35_000);
    for (const part of [split.train, split.validation, split.test]) {
      expect(Math.abs(rate(labels, part) - 0.02)).toBeLessThan(0.01);
    }
    // Proportional allocation is tighter than a percentage point: 1000 positives give exactly
    // 200 to test and 100 to validation.
    expect(rate(labels, split.test) * split.test.length).toBe(200);
    expect(rate(labels, split.validation) * split.validation.length).toBe(100);
    expectPartition(split, n);
  });

  it('stratifies every class of a multi-class label, missing labels included', () => {
    const n = 1003;
    const labels = Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : i % 3));
    const split = splitRows(labels, { method: 'random', test: 0.25, validation: 0.15 }, 3);
    expect(split.test.length).toBe(Math.round(n * 0.25));
    expect(split.validation.length).toBe(Math.round(n * 0.4) - Math.round(n * 0.25));
    for (const label of [-1, 0, 1, 2]) {
      const size = labels.filter((l) => l === label).length;
      const inTest = Array.from(split.test).filter((i) => labels[i] === label).length;
      expect(Math.abs(inTest - size * 0.25)).toBeLessThanOrEqual(1);
    }
    expectPartition(split, n);
  });

  it('splits without labels given a row count, and matches the fractions', () => {
    const split = splitRows(null, { method: 'random', test: 0.3, validation: 0, rowCount: 10 }, 1);
    expect(split.test.length).toBe(3);
    expect(split.validation.length).toBe(0);
    expect(split.train.length).toBe(7);
    expectPartition(split, 10);
  });

  it('is reproducible for a seed and differs for another seed', () => {
    const labels = imbalancedLabels(5000, 0.1, 2);
    const options = { method: 'random', test: 0.2, validation: 0.1 } as const;
    const a = splitRows(labels, options, 42);
    const b = splitRows(labels, options, 42);
    const c = splitRows(labels, options, 43);
    expect(a.test).toEqual(b.test);
    expect(a.validation).toEqual(b.validation);
    expect(a.train).toEqual(b.train);
    expect(a.test).not.toEqual(c.test);
  });

  it('shuffles: test rows are spread over the whole table', () => {
    const split = splitRows(
      null,
      { method: 'random', test: 0.2, validation: 0, rowCount: 10_000 },
      5,
    );
    const firstHalf = split.test.filter((i) => i < 5000).length;
    expect(firstHalf).toBeGreaterThan(900);
    expect(firstHalf).toBeLessThan(1100);
  });

  it('rejects invalid fractions and mismatched lengths', () => {
    const labels = new Int32Array(10);
    expect(() => splitRows(labels, { method: 'random', test: 0.6, validation: 0.4 }, 1)).toThrow(
      RangeError,
    );
    expect(() => splitRows(labels, { method: 'random', test: -0.1, validation: 0 }, 1)).toThrow();
    expect(() =>
      splitRows(labels, { method: 'random', test: 0.2, validation: 0, rowCount: 11 }, 1),
    ).toThrow();
    expect(() => splitRows(null, { method: 'random', test: 0.2, validation: 0 }, 1)).toThrow();
    expect(() => splitRows(labels, { method: 'time', test: 0.2, validation: 0 }, 1)).toThrow();
  });
});

describe('splitRows, time', () => {
  it('puts the latest rows in test and the ones before them in validation', () => {
    const n = 1000;
    // Times are a permutation of 0..n-1, so the order is known exactly.
    const times = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const split = splitRows(
      null,
      { method: 'time', test: 0.2, validation: 0.1, timeValues: times },
      1,
    );
    const timesOf = (rows: Int32Array): number[] =>
      Array.from(rows, (i) => times[i]!).sort((a, b) => a - b);
    expect(timesOf(split.test)).toEqual(Array.from({ length: 200 }, (_, k) => 800 + k));
    expect(timesOf(split.validation)).toEqual(Array.from({ length: 100 }, (_, k) => 700 + k));
    expect(Math.max(...timesOf(split.train))).toBe(699);
    expectPartition(split, n);
  });

  it('keeps rows with a missing time in train and sizes the parts on the known times', () => {
    const times = Float64Array.from([5, NaN, 1, 9, NaN, 3, 7, 2, 8, 6, 4, 0]);
    const split = splitRows(
      null,
      { method: 'time', test: 0.2, validation: 0.2, timeValues: times },
      1,
    );
    // Ten known times: test = the two latest (8, 9), validation = the two before (6, 7).
    expect(Array.from(split.test)).toEqual([3, 8]);
    expect(Array.from(split.validation)).toEqual([6, 9]);
    expect(Array.from(split.train)).toEqual([0, 1, 2, 4, 5, 7, 10, 11]);
  });

  it('breaks ties in time by row index and ignores the seed', () => {
    const times = new Float64Array(10).fill(1);
    const a = splitRows(null, { method: 'time', test: 0.3, validation: 0, timeValues: times }, 1);
    const b = splitRows(null, { method: 'time', test: 0.3, validation: 0, timeValues: times }, 2);
    expect(Array.from(a.test)).toEqual([7, 8, 9]);
    expect(b.test).toEqual(a.test);
  });
});
