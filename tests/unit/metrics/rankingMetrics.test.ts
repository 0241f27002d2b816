import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rankingMetrics } from '../../../src/lib/metrics/rankingMetrics.ts';
import { expectClose } from './referenceData.ts';

interface RankingCase {
  name: string;
  y: number[];
  p: number[];
  groups: string[];
  expected: {
    k: number;
    groups: number;
    groupsUsed: number;
    groupAucGroups: number;
    noPositive: number;
    onlyPositives: number;
    ndcgAtK: number | null;
    recallAtK: number | null;
    groupAuc: number | null;
  }[];
}

/** Written by scripts/fixtures/ranking.py (scikit-learn 1.2.1 ndcg_score and roc_auc_score, numpy). */
const cases = JSON.parse(
  readFileSync(new URL('../../fixtures/ranking/ranking.json', import.meta.url), 'utf8'),
) as RankingCase[];

describe('rankingMetrics', () => {
  const rows = cases.flatMap((c) => c.expected.map((e) => [c.name, e.k, c, e] as const));
  it.each(rows)('matches scikit-learn and numpy: %s, k = %i', (_, k, c, e) => {
    const m = rankingMetrics(c.y, c.p, c.groups, k);
    expect(m).toMatchObject({
      k,
      groups: e.groups,
      groupsUsed: e.groupsUsed,
      groupAucGroups: e.groupAucGroups,
      leftOut: { noPositive: e.noPositive, onlyPositives: e.onlyPositives },
    });
    expectClose(m.ndcgAtK, e.ndcgAtK, 1e-12, 'ndcgAtK');
    expectClose(m.recallAtK, e.recallAtK, 1e-12, 'recallAtK');
    expectClose(m.groupAuc, e.groupAuc, 1e-12, 'groupAuc');
    for (const name of ['ndcgAtK', 'recallAtK', 'groupAuc'] as const) {
      expect(m.undefinedReasons[name] !== undefined, name).toBe(m[name] === null);
    }
  });

  it('does not depend on the order of rows or on how group keys are spelled', () => {
    const c = cases[2]!;
    const order = c.y.map((_, i) => i).reverse();
    const codes = new Map(c.groups.map((g, i) => [g, i]));
    const m = rankingMetrics(
      order.map((i) => c.y[i]!),
      order.map((i) => c.p[i]!),
      order.map((i) => codes.get(c.groups[i]!)!),
    );
    const ref = c.expected.find((e) => e.k === 10)!;
    expectClose(m.ndcgAtK, ref.ndcgAtK, 1e-12, 'ndcgAtK');
    expectClose(m.recallAtK, ref.recallAtK, 1e-12, 'recallAtK');
    expectClose(m.groupAuc, ref.groupAuc, 1e-12, 'groupAuc');
  });

  it('says why every metric is null without rows or without a positive', () => {
    expect(rankingMetrics([], [], []).undefinedReasons.ndcgAtK).toBe('there are no rows');
    const m = rankingMetrics([0, 1, 1], [0.2, 0.3, 0.4], ['a', 'b', 'b']);
    expect(m.groupAuc).toBeNull();
    expect(m.undefinedReasons.groupAuc).toBe('no group has both a positive and a negative');
  });

  it('rejects bad input naming the row or the argument', () => {
    expect(() => rankingMetrics([0, 2], [0.1, 0.2], ['a', 'a'])).toThrow('y[1] = 2');
    expect(() => rankingMetrics([0, 1], [0.1, NaN], ['a', 'a'])).toThrow('p[1] = NaN');
    expect(() => rankingMetrics([0, 1], [0.1, 0.2], ['a'])).toThrow('groups has 1 entries');
    expect(() => rankingMetrics([0, 1], [0.1, 0.2], ['a', 'a'], 0)).toThrow('k = 0');
  });
});
