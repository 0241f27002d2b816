import { describe, expect, it } from 'vitest';
import type { CategoricalColumn } from '../../../src/lib/data/table.ts';
import {
  categoricalFeatureNames,
  categoricalSlot,
  encodeCategorical,
  fitCategorical,
  type FittedCategorical,
} from '../../../src/lib/features/categoricalEncoding.ts';
import { hashBucket, hashSign, murmurHash3 } from '../../../src/lib/features/murmurHash3.ts';
import { resolveColumnSpec, type ColumnTransformSpec } from '../../../src/lib/features/spec.ts';
import { targetFold } from '../../../src/lib/features/targetEncoding.ts';
import { LABELS, TRAIN_ROWS, smallTable } from './smallTable.ts';

// Training rows 0-5 of "city": a, b, a, c, missing, a. Row 6 is "z", never seen in training.
const city = smallTable().columns[1] as CategoricalColumn;

function fit(over: Partial<ColumnTransformSpec>, offset = 0): FittedCategorical {
  const spec = resolveColumnSpec({ default: over }, 'city');
  return fitCategorical(city, TRAIN_ROWS, spec, offset, { idIndex: 0, labels: LABELS, seed: 7 });
}

function encode(f: FittedCategorical, level: string | null, fold = -1): number[] {
  const x = new Float32Array(f.offset + f.width);
  encodeCategorical(f, categoricalSlot(f, level ?? f.fill), level === null, fold, x, 0);
  return Array.from(x.subarray(f.offset));
}

describe('categorical encodings', () => {
  it('one-hot keeps the top-K levels by training count, ties by name, and an "<other>" column', () => {
    const f = fit({ categorical: 'onehot', topK: 2, missing: 'category' });
    // Counts: a 3, then <missing>, b, c once each.
    expect(f.levels).toEqual(['a', '<missing>']);
    expect(categoricalFeatureNames(f)).toEqual(['city=a', 'city=<missing>', 'city=<other>']);
    expect(encode(f, 'a')).toEqual([1, 0, 0]);
    expect(encode(f, null)).toEqual([0, 1, 0]);
    expect(encode(f, 'b')).toEqual([0, 0, 1]);
    expect(encode(f, 'z')).toEqual([0, 0, 1]); // unseen in training
  });

  it('one-hot sends levels rarer than minFrequency to "<other>"', () => {
    const f = fit({ categorical: 'onehot', minFrequency: 2, missing: 'category' });
    expect(f.levels).toEqual(['a']);
    expect(encode(f, 'c')).toEqual([0, 1]);
  });

  it("fills a missing level with the training mode under 'median', with an indicator", () => {
    const f = fit({ categorical: 'onehot', missing: 'median', indicator: true }, 3);
    expect(f.fill).toBe('a');
    expect(f.levels).toEqual(['a', 'b', 'c']);
    expect(categoricalFeatureNames(f)).toEqual([
      'city=a',
      'city=b',
      'city=c',
      'city=<other>',
      'city_missing',
    ]);
    expect(encode(f, null)).toEqual([1, 0, 0, 0, 1]);
    expect(encode(f, 'a')).toEqual([1, 0, 0, 0, 0]);
  });

  it("fills with the constant level under 'constant'", () => {
    const f = fit({ categorical: 'onehot', missing: 'constant', constant: 'unknown' });
    expect(f.levels).toEqual(['a', 'b', 'c', 'unknown']);
    expect(encode(f, null)).toEqual([0, 0, 0, 1, 0]);
  });

  it('hashes "city=<level>" into N signed buckets', () => {
    const f = fit({ categorical: 'hashing', hashBuckets: 8 });
    expect(f.width).toBe(8);
    expect(categoricalFeatureNames(f)[3]).toBe('city#hash3');
    for (const level of ['a', 'b', 'z', 'never seen']) {
      const h = murmurHash3(`city=${level}`);
      const expected = new Array<number>(8).fill(0);
      expected[hashBucket(h, 8)] = hashSign(h);
      expect(encode(f, level)).toEqual(expected);
    }
  });

  it('gives embedding ids by training frequency with 0 for unknown, optionally capped', () => {
    const f = fit({ categorical: 'embedding', missing: 'category', dim: 4 });
    expect(f.width).toBe(0);
    expect(f.dim).toBe(4);
    expect(['a', null, 'b', 'c', 'z'].map((l) => categoricalSlot(f, l ?? f.fill))).toEqual([
      1, 2, 3, 4, 0,
    ]);
    const capped = fit({ categorical: 'embedding', missing: 'category', maxVocab: 2 });
    expect(['a', null, 'b'].map((l) => categoricalSlot(capped, l ?? capped.fill))).toEqual([
      1, 2, 0,
    ]);
  });

  it('gives native codes by training frequency, "<other>" (the next code) for rare and unseen levels', () => {
    const f = fit({ categorical: 'native', missing: 'category', minFrequency: 1 });
    expect(categoricalFeatureNames(f)).toEqual(['city_code']);
    expect(f.width).toBe(1);
    // Counts: a 3, then <missing>, b, c once each (ties by name).
    expect(['a', null, 'b', 'c', 'z'].map((l) => encode(f, l)[0])).toEqual([0, 1, 2, 3, 4]);
    const rare = fit({ categorical: 'native', missing: 'category', minFrequency: 2 });
    expect(['a', null, 'b', 'z'].map((l) => encode(rare, l)[0])).toEqual([0, 1, 1, 1]);
  });

  it('encodes the training share of a level as its frequency, 0 when unseen', () => {
    const f = fit({ categorical: 'frequency', missing: 'category' });
    expect(categoricalFeatureNames(f)).toEqual(['city_frequency']);
    expect(encode(f, 'a')[0]).toBeCloseTo(3 / 6, 7);
    expect(encode(f, null)[0]).toBeCloseTo(1 / 6, 7);
    expect(encode(f, 'z')).toEqual([0]);
  });

  it('target-encodes with smoothing toward the prior, full-training values outside training', () => {
    const f = fit({ categorical: 'target', missing: 'category', targetSmoothing: 2 });
    // Training labels 1, 0, 1, 0, 1, 0: prior 0.5. a: rows 0, 2, 5 -> labels 1, 1, 0.
    expect(encode(f, 'a')[0]).toBeCloseTo((2 + 2 * 0.5) / (3 + 2), 6);
    expect(encode(f, 'b')[0]).toBeCloseTo((0 + 1) / (1 + 2), 6);
    expect(encode(f, null)[0]).toBeCloseTo((1 + 1) / (1 + 2), 6);
    expect(encode(f, 'z')[0]).toBeCloseTo(0.5, 6);
  });

  it('target-encodes a training row from the other folds only', () => {
    const m = 2;
    const f = fit({
      categorical: 'target',
      missing: 'category',
      targetSmoothing: m,
      targetFolds: 3,
    });
    const level = (row: number): string => city.dictionary[city.codes[row]!] ?? '<missing>';
    for (const row of TRAIN_ROWS) {
      const fold = targetFold(row, 7, 3);
      const others = Array.from(TRAIN_ROWS).filter((r) => targetFold(r, 7, 3) !== fold);
      const prior = others.length
        ? others.reduce((s, r) => s + LABELS[r]!, 0) / others.length
        : 0.5;
      const same = others.filter((r) => level(r) === level(row));
      const sum = same.reduce((s, r) => s + LABELS[r]!, 0);
      const expected = (sum + m * prior) / (same.length + m);
      expect(encode(f, city.codes[row]! < 0 ? null : level(row), fold)[0]).toBeCloseTo(expected, 6);
    }
  });

  it('refuses target encoding without labels', () => {
    const spec = resolveColumnSpec({ default: { categorical: 'target' } }, 'city');
    expect(() =>
      fitCategorical(city, TRAIN_ROWS, spec, 0, { idIndex: -1, labels: undefined, seed: 1 }),
    ).toThrow(/labels/);
  });
});
