import { describe, expect, it } from 'vitest';
import { binaryMetrics, type BinaryMetricName } from '../../../src/lib/metrics/binary.ts';
import { readFixture, expectClose, type BinaryCase } from './referenceData.ts';

const cases = readFixture<BinaryCase[]>('binary.json');

const SCALARS: BinaryMetricName[] = [
  'logLoss',
  'brier',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'rocAuc',
  'averagePrecision',
  'ece',
  'eceEqualMass',
  'normalizedEntropy',
  'calibrationRatio',
];

describe('binaryMetrics', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'computes every metric as scikit-learn and docs/design.md do: %s',
    (_, c) => {
      const m = binaryMetrics(c.y, c.p, c.weights ? { weights: c.weights } : {});
      for (const name of SCALARS) {
        expectClose(m[name], c.expected[name], 1e-12, name);
        // A null always comes with a reason, a number never does.
        expect(m.undefinedReasons[name] !== undefined, name).toBe(m[name] === null);
      }
      expectClose(m.baseRate, c.expected.baseRate, 1e-12, 'baseRate');
      expect(m.count).toBe(c.y.length);
      expect(m.positives).toBe(c.y.filter((v) => v === 1).length);
      expect(m.reliability).toHaveLength(10);
      m.reliability.forEach((bin, b) => {
        const ref = c.expected.reliability[b]!;
        expect(bin.lower).toBeCloseTo(b / 10, 15);
        expect(bin.upper).toBeCloseTo((b + 1) / 10, 15);
        expect(bin.count, `bin ${b} count`).toBe(ref.count);
        expectClose(bin.weight, ref.weight, 1e-12, `bin ${b} weight`);
        expectClose(bin.meanPredicted, ref.meanPredicted, 1e-12, `bin ${b} mean p`);
        expectClose(bin.observedRate, ref.observedRate, 1e-12, `bin ${b} rate`);
      });
      expect(m.reliabilityEqualMass).toHaveLength(10);
      m.reliabilityEqualMass.forEach((bin, b) => {
        const ref = c.expected.reliabilityEqualMass[b]!;
        expect(bin.lower, `equal-mass bin ${b} lower`).toBe(ref.lower);
        expect(bin.upper, `equal-mass bin ${b} upper`).toBe(ref.upper);
        expect(bin.count, `equal-mass bin ${b} count`).toBe(ref.count);
        expectClose(bin.weight, ref.weight, 1e-12, `equal-mass bin ${b} weight`);
        expectClose(bin.meanPredicted, ref.meanPredicted, 1e-12, `equal-mass bin ${b} mean p`);
        expectClose(bin.observedRate, ref.observedRate, 1e-12, `equal-mass bin ${b} rate`);
      });
    },
  );

  it('leaves empty reliability bins with null means and no weight', () => {
    const c = cases.find((x) => x.name === 'empty reliability bins')!;
    const bins = binaryMetrics(c.y, c.p).reliability;
    for (const b of [3, 4, 5, 6]) {
      expect(bins[b]).toMatchObject({
        count: 0,
        weight: 0,
        meanPredicted: null,
        observedRate: null,
      });
    }
  });

  it('explains why ranking, NE and calibration ratio are null when only negatives are present', () => {
    const c = cases.find((x) => x.name === 'negatives only')!;
    const m = binaryMetrics(c.y, c.p);
    expect(m.rocAuc).toBeNull();
    expect(m.undefinedReasons.rocAuc).toMatch(/only negatives/);
    expect(m.undefinedReasons.averagePrecision).toMatch(/only negatives/);
    expect(m.undefinedReasons.normalizedEntropy).toMatch(/base rate is 0/);
    expect(m.undefinedReasons.calibrationRatio).toMatch(/no positives/);
    expect(m.undefinedReasons.recall).toMatch(/no positives/);
  });

  it('makes precision null when nothing is predicted positive', () => {
    const m = binaryMetrics([0, 1, 0], [0.1, 0.2, 0.3]);
    expect(m.precision).toBeNull();
    expect(m.undefinedReasons.precision).toMatch(/no row is predicted positive \(p >= 0\.5\)/);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
  });

  it('normalises log loss by the entropy of the given training base rate', () => {
    const y = [0, 1, 0, 0];
    const p = [0.2, 0.7, 0.1, 0.4];
    const logLoss = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.9) + Math.log(0.6)) / 4;
    const entropy = -(0.1 * Math.log(0.1) + 0.9 * Math.log(0.9));
    const m = binaryMetrics(y, p, { baseRate: 0.1 });
    expect(m.baseRate).toBe(0.1);
    expectClose(m.normalizedEntropy, logLoss / entropy, 1e-14);
  });

  it('moves accuracy with the threshold: p >= threshold is positive', () => {
    const y = [0, 1, 1, 1];
    const p = [0.1, 0.3, 0.3, 0.8];
    expect(binaryMetrics(y, p, { threshold: 0.3 }).accuracy).toBe(1);
    expect(binaryMetrics(y, p, { threshold: 0.31 }).accuracy).toBe(0.5);
    expect(binaryMetrics(y, p, { threshold: 0.05 }).accuracy).toBe(0.75);
  });

  it('treats weight 0 as an absent row and integer weights as repeated rows', () => {
    const y = [0, 1, 1, 0, 1];
    const p = [0.2, 0.6, 0.3, 0.7, 0.9];
    const weighted = binaryMetrics(y, p, { weights: [2, 1, 0, 1, 3] });
    const repeated = binaryMetrics([0, 0, 1, 0, 1, 1, 1], [0.2, 0.2, 0.6, 0.7, 0.9, 0.9, 0.9]);
    for (const name of SCALARS) expectClose(weighted[name], repeated[name], 1e-14, name);
  });

  it('gives every metric null with a reason when there are no rows', () => {
    const m = binaryMetrics([], []);
    for (const name of SCALARS) {
      expect(m[name]).toBeNull();
      expect(m.undefinedReasons[name]).toBe('there are no rows');
    }
  });

  it('rejects labels other than 0/1, probabilities outside [0, 1], NaN and bad weights', () => {
    expect(() => binaryMetrics([0, 2], [0.1, 0.2])).toThrow(/y\[1\] = 2/);
    expect(() => binaryMetrics([0, 1], [0.1, 1.2])).toThrow(/p\[1\] = 1.2/);
    expect(() => binaryMetrics([0, 1], [NaN, 0.2])).toThrow(/p\[0\] = NaN/);
    expect(() => binaryMetrics([0, 1], [0.1])).toThrow(/p has 1 entries, expected 2/);
    expect(() => binaryMetrics([0, 1], [0.1, 0.2], { weights: [1, -1] })).toThrow(/weights\[1\]/);
  });
});
