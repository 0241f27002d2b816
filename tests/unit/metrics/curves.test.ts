import { describe, expect, it } from 'vitest';
import { precisionRecallCurve, rocCurve } from '../../../src/lib/metrics/curves.ts';
import { confusionAt } from '../../../src/lib/metrics/confusion.ts';
import { readFixture, expectAllClose, type BinaryCase } from './referenceData.ts';

const cases = readFixture<BinaryCase[]>('binary.json');
const twoClassCases = cases.filter((c) => c.curves.roc !== null);

describe('rocCurve', () => {
  it.each(twoClassCases.map((c) => [c.name, c] as const))(
    'has the points and thresholds of scikit-learn roc_curve: %s',
    (_, c) => {
      const roc = rocCurve(c.y, c.p, {
        maxPoints: Infinity,
        ...(c.weights && { weights: c.weights }),
      })!;
      const ref = c.curves.roc!;
      expectAllClose(roc.fpr, ref.fpr, 1e-12, 'fpr');
      expectAllClose(roc.tpr, ref.tpr, 1e-12, 'tpr');
      expect(roc.thresholds[0]).toBe(Infinity);
      expect(roc.thresholds.slice(1)).toEqual(ref.thresholds);
    },
  );

  it('is null when one class is absent', () => {
    const c = cases.find((x) => x.name === 'positives only')!;
    expect(rocCurve(c.y, c.p)).toBeNull();
    expect(rocCurve([0, 0], [0.1, 0.2])).toBeNull();
  });
});

describe('precisionRecallCurve', () => {
  it.each(twoClassCases.map((c) => [c.name, c] as const))(
    'has the points of scikit-learn precision_recall_curve, highest threshold first: %s',
    (_, c) => {
      const pr = precisionRecallCurve(c.y, c.p, {
        maxPoints: Infinity,
        ...(c.weights && { weights: c.weights }),
      })!;
      const ref = c.curves.pr!;
      expectAllClose(pr.precision, [...ref.precision].reverse(), 1e-12, 'precision');
      expectAllClose(pr.recall, [...ref.recall].reverse(), 1e-12, 'recall');
      expect(pr.thresholds).toEqual([Infinity, ...[...ref.thresholds].reverse()]);
    },
  );

  it('is null without positives', () => {
    expect(precisionRecallCurve([0, 0, 0], [0.1, 0.5, 0.9])).toBeNull();
  });
});

describe('curve thinning', () => {
  // 5,000 distinct scores: thousands of ROC vertices.
  const n = 5000;
  const y = Array.from({ length: n }, (_, i) => ((i * 7919) % 13 < 4 + (i % 7) ? 1 : 0));
  const p = Array.from({ length: n }, (_, i) => (i + 0.5) / n);

  it('keeps at most 200 points, the end points among them, all on the full curve', () => {
    const full = rocCurve(y, p, { maxPoints: Infinity })!;
    const thin = rocCurve(y, p)!;
    expect(full.fpr.length).toBeGreaterThan(1000);
    expect(thin.fpr.length).toBeLessThanOrEqual(200);
    expect(thin.fpr.length).toBeGreaterThan(150);
    expect([thin.fpr[0], thin.tpr[0]]).toEqual([0, 0]);
    expect([thin.fpr.at(-1), thin.tpr.at(-1)]).toEqual([1, 1]);
    thin.thresholds.forEach((t, k) => {
      const j = full.thresholds.indexOf(t);
      expect(j).toBeGreaterThanOrEqual(0);
      expect([thin.fpr[k], thin.tpr[k]]).toEqual([full.fpr[j], full.tpr[j]]);
    });
  });

  it('spaces the kept points evenly along the curve', () => {
    const maxPoints = 50;
    const pr = precisionRecallCurve(y, p, { maxPoints })!;
    expect(pr.recall.length).toBeLessThanOrEqual(maxPoints);
    expect([pr.recall[0], pr.recall.at(-1)]).toEqual([0, 1]);
    // Arc length of the full curve up to each of its points.
    const full = precisionRecallCurve(y, p, { maxPoints: Infinity })!;
    const travelled = [0];
    let longestSegment = 0;
    for (let i = 1; i < full.recall.length; i++) {
      const segment = Math.hypot(
        full.recall[i]! - full.recall[i - 1]!,
        full.precision[i]! - full.precision[i - 1]!,
      );
      longestSegment = Math.max(longestSegment, segment);
      travelled.push(travelled[i - 1]! + segment);
    }
    const step = travelled.at(-1)! / (maxPoints - 2);
    const at = pr.thresholds.map((t) => full.thresholds.indexOf(t));
    for (let k = 1; k < at.length; k++) {
      const along = travelled[at[k]!]! - travelled[at[k - 1]!]!;
      // Kept points are at least one step apart, and at most one step plus one segment.
      if (k < at.length - 1) expect(along).toBeGreaterThanOrEqual(step - 1e-12);
      expect(along).toBeLessThanOrEqual(step + longestSegment + 1e-12);
    }
  });
});

describe('confusionAt', () => {
  it('counts p >= threshold as positive, with weights summed', () => {
    const y = [0, 0, 1, 1, 1];
    const p = [0.1, 0.5, 0.4, 0.5, 0.9];
    expect(confusionAt(y, p, 0.5)).toEqual({
      threshold: 0.5,
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });
    expect(confusionAt(y, p, 0.5, [1, 2, 3, 4, 5])).toEqual({
      threshold: 0.5,
      truePositives: 9,
      falsePositives: 2,
      trueNegatives: 1,
      falseNegatives: 3,
    });
  });
});
