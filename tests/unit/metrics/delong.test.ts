import { describe, expect, it } from 'vitest';
import { delongTest } from '../../../src/lib/metrics/delong.ts';
import { twoSidedNormalP } from '../../../src/lib/metrics/normal.ts';
import { expectClose } from './referenceData.ts';
import { readCompareFixture, type PairedCase } from './compareFixtures.ts';

interface DelongCase extends PairedCase {
  expected: {
    a: number;
    b: number;
    sklearnA: number;
    diff: number;
    variance: number;
    z: number;
    pValue: number;
    ci95: [number, number];
  };
}

describe('delongTest', () => {
  const cases = readCompareFixture<DelongCase[]>('delong.json');

  it.each(cases.map((c) => [c.name, c] as const))(
    'matches the O(m n) DeLong of numpy and scipy: %s',
    (_, c) => {
      const t = delongTest(c.y, c.pA, c.pB);
      expectClose(t.a, c.expected.a, 1e-12);
      expectClose(t.a, c.expected.sklearnA, 1e-12);
      expectClose(t.b, c.expected.b, 1e-12);
      expectClose(t.diff, c.expected.diff, 1e-12);
      expect(t.variance / c.expected.variance).toBeCloseTo(1, 10);
      expect(t.z / c.expected.z).toBeCloseTo(1, 9);
      expect(t.pValue / c.expected.pValue).toBeCloseTo(1, 8);
      expectClose(t.ci95[0], c.expected.ci95[0], 1e-10);
      expectClose(t.ci95[1], c.expected.ci95[1], 1e-10);
    },
  );

  it('gives z = 0, p = 1 and a zero-width interval for identical scores', () => {
    const c = cases[1]!;
    const t = delongTest(c.y, c.pA, c.pA);
    expect(t.diff).toBe(0);
    expect(t.z).toBe(0);
    expect(t.pValue).toBe(1);
    expect(t.ci95[0]).toBeCloseTo(0, 12);
    expect(t.ci95[1]).toBeCloseTo(0, 12);
  });

  it('is antisymmetric in A and B', () => {
    const c = cases[2]!;
    const ab = delongTest(c.y, c.pA, c.pB);
    const ba = delongTest(c.y, c.pB, c.pA);
    expect(ba.diff).toBeCloseTo(-ab.diff, 14);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });

  it('refuses one class and mismatched lengths, naming the problem', () => {
    expect(() => delongTest([1, 1], [0.2, 0.3], [0.1, 0.4])).toThrow(/both classes/);
    expect(() => delongTest([0, 1], [0.2, 0.3], [0.1])).toThrow(/pB has 1 entries, expected 2/);
  });
});

describe('twoSidedNormalP', () => {
  it.each(readCompareFixture<{ z: number; pValue: number }[]>('normal.json'))(
    'equals 2 scipy.stats.norm.sf(|z|) at z = $z',
    ({ z, pValue }) => {
      expect(twoSidedNormalP(z) / pValue).toBeCloseTo(1, 12);
    },
  );
});
