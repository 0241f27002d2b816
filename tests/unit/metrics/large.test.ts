import { describe, expect, it } from 'vitest';
import { binaryMetrics, type BinaryMetricName } from '../../../src/lib/metrics/binary.ts';
import { precisionRecallCurve, rocCurve } from '../../../src/lib/metrics/curves.ts';
import { readFixture, expectClose, type BinaryReference } from './referenceData.ts';

interface LargeCase {
  name: string;
  rows: number;
  weighted: boolean;
  expected: BinaryReference;
  rocPoints: number;
  prPoints: number;
  rocSample: { fpr: number; tpr: number; threshold: number }[];
}

/** The formula of scripts/fixtures/metrics.py `large_formula`: IEEE-exact in numpy and here. */
function largeData(n: number, weighted: boolean) {
  const y = new Uint8Array(n);
  const p = new Float64Array(n);
  const weights = weighted ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const a = i * 0.6180339887498949;
    const raw = a - Math.floor(a);
    const b = i * 0.7548776662466927;
    y[i] = b - Math.floor(b) < raw ? 1 : 0;
    p[i] = Math.floor(raw * 1000) / 1000;
    if (weights) weights[i] = 1 + (i % 4);
  }
  return { y, p, weights };
}

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

describe.each(readFixture<LargeCase[]>('large.json').map((c) => [c.name, c] as const))(
  'a million rows (%s)',
  (_, c) => {
    const { y, p, weights } = largeData(c.rows, c.weighted);
    const options = weights ? { weights } : {};

    it('gives the scikit-learn metrics', () => {
      const m = binaryMetrics(y, p, options);
      // Sums over 1e6 rows in another order: agreement to 1e-9 relative.
      for (const name of SCALARS) expectClose(m[name], c.expected[name], 1e-9, name);
      m.reliability.forEach((bin, b) => {
        expect(bin.count).toBe(c.expected.reliability[b]!.count);
        expectClose(bin.observedRate, c.expected.reliability[b]!.observedRate, 1e-9, `bin ${b}`);
      });
    });

    it('groups thresholds like scikit-learn and thins the curves to 200 points', () => {
      const full = rocCurve(y, p, { ...options, maxPoints: Infinity })!;
      expect(full.fpr.length).toBe(c.rocPoints);
      for (const [k, point] of c.rocSample.entries()) {
        const j = full.thresholds.indexOf(point.threshold);
        expect(j, `sample ${k}`).toBeGreaterThan(0);
        expectClose(full.fpr[j], point.fpr, 1e-9, `fpr ${k}`);
        expectClose(full.tpr[j], point.tpr, 1e-9, `tpr ${k}`);
      }
      const roc = rocCurve(y, p, options)!;
      expect(roc.fpr.length).toBeLessThanOrEqual(200);
      expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
      // The PR curve has one point per distinct score plus its start: 1,000 scores here.
      expect(precisionRecallCurve(y, p, { ...options, maxPoints: Infinity })!.recall.length).toBe(
        c.prPoints,
      );
    });
  },
);
