import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { detectLeakage } from '../../../src/lib/data/leakage.ts';
import {
  averageRanks,
  groupRateAuc,
  normalizedPurity,
  oneVsRestAuc,
} from '../../../src/lib/data/leakageScores.ts';
import { fixtureText } from './csvHelpers.ts';
import { CHECK_P, CHECK_Y } from '../../helpers/checkVector.ts';

/** Scores from scripts/fixtures/leakage.py (scikit-learn roc_auc_score, scipy pearsonr/spearmanr). */
interface LeakageReference {
  binary: Record<string, number>;
  regression: Record<string, number>;
  multiclass: Record<string, number>;
}
const reference = JSON.parse(fixtureText('leakage.json')) as LeakageReference;
const imported = await parseCsv(fixtureText('leakage.csv'));
const everyScore = { aucThreshold: 0, correlationThreshold: 0, purityThreshold: -Infinity };

function scoresOf(findings: { column: string; score: number }[]): Map<string, number> {
  return new Map(findings.map((f) => [f.column, f.score]));
}

describe('detectLeakage', () => {
  it('flags a column copied from a binary target with noise, not an honest one', () => {
    const findings = detectLeakage(imported.table, 'churned');
    expect(findings.map((f) => f.column)).toEqual(['refund_amount', 'status']);
    expect(findings[0]?.reason).toBe(
      'alone it separates the target with AUC 1.00 — it may only be known after the outcome, ' +
        'or be computed from the target',
    );
  });

  it('scores binary targets as scikit-learn roc_auc_score does', () => {
    const scores = scoresOf(detectLeakage(imported.table, 'churned', everyScore));
    expect(scores.has('churned')).toBe(false);
    for (const [column, expected] of Object.entries(reference.binary)) {
      expect(scores.get(column), column).toBeCloseTo(expected, 10);
    }
  });

  it('flags a column computed from a numeric target, with scores as scipy gives them', () => {
    const flagged = detectLeakage(imported.table, 'price');
    expect(flagged.map((f) => f.column)).toEqual(['log_price_noisy']);
    expect(flagged[0]?.reason).toMatch(/^it correlates with the target at 1\.00 — /);
    const scores = scoresOf(detectLeakage(imported.table, 'price', everyScore));
    for (const [column, expected] of Object.entries(reference.regression)) {
      expect(scores.get(column), column).toBeCloseTo(expected, 10);
    }
  });

  it('flags columns that tell a multi-class target, with purity as the pandas reference gives it', () => {
    const flagged = detectLeakage(imported.table, 'segment');
    expect(flagged.map((f) => f.column)).toEqual(['segment_score', 'plan']);
    expect(flagged[0]?.reason).toMatch(
      /^cut into 20 ranges it alone tells the class: 93% of the way/,
    );
    const scores = scoresOf(detectLeakage(imported.table, 'segment', everyScore));
    for (const [column, expected] of Object.entries(reference.multiclass)) {
      expect(scores.get(column), column).toBeCloseTo(expected, 10);
    }
  });

  it('treats a numeric target with a few values as classes, as the Frame step does', () => {
    const target = Float64Array.from({ length: 60 }, (_, i) => (i % 3) * 10);
    const table = {
      rowCount: 60,
      columns: [
        { kind: 'numeric' as const, name: 'grade', values: target },
        {
          kind: 'categorical' as const,
          name: 'copy',
          codes: Int32Array.from(target, (v) => v / 10),
          dictionary: ['a', 'b', 'c'],
        },
      ],
    };
    const [finding] = detectLeakage(table, 'grade');
    expect(finding?.column).toBe('copy');
    expect(finding?.reason).toMatch(/^its category alone tells the class: 100% of the way/);
  });

  it('rejects a text target', () => {
    const table = {
      rowCount: 1,
      columns: [{ kind: 'text' as const, name: 't', values: ['a'] }],
    };
    expect(() => detectLeakage(table, 't')).toThrow('must be numeric, categorical or boolean');
  });
});

describe('leakage scores', () => {
  it('ranks ties by their average rank', () => {
    expect(Array.from(averageRanks(new Float64Array([10, 20, 10, 30, 20, 20])))).toEqual([
      1.5, 4, 1.5, 6, 4, 4,
    ]);
  });

  it('computes AUC with ties counting one half (the 20-row check vector of docs/design.md)', () => {
    const y = CHECK_Y;
    const p = CHECK_P;
    const [auc0, auc1] = oneVsRestAuc(new Float64Array(p), Int32Array.from(y), 2);
    expect(auc1).toBeCloseTo(0.854167, 6);
    expect(auc0).toBeCloseTo(1 - 0.854167, 6);
  });

  it('pools rare categories and scores by per-category positive rate', () => {
    // Groups: 0 -> rate 0 (3 rows), 1 -> rate 1/2 (4 rows), 2 -> rate 1 (2 rows).
    const groups = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 2, 2]);
    const labels = Int32Array.from([0, 0, 0, 1, 0, 1, 0, 1, 1]);
    // Positives: 2 in group 1 (beat 3 negatives of group 0, tie 2 of group 1) and 2 in group 2.
    // AUC = (2 * (3 + 1) + 2 * 5) / (4 * 5) = 0.9
    expect(groupRateAuc(groups, 3, labels)).toBeCloseTo(0.9, 12);
    // Majority per group: 3 + 2 + 2 = 7 of 9 right; base 5/9: (7/9 - 5/9) / (4/9) = 0.5.
    expect(normalizedPurity(groups, 3, labels, 2)).toBeCloseTo(0.5, 12);
  });
});
