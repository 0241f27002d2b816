import { describe, expect, it } from 'vitest';
import { rankingMetrics } from '../../../src/lib/metrics/rankingMetrics.ts';
import { columnsFor } from '../../../src/ui/history/runColumns.ts';
import { metricCards } from '../../../src/ui/results/metricCards.ts';
import { CHECK_P, CHECK_Y, makeRun } from '../experiment/runFixture.ts';

/** docs/design.md's check vector split into two users: a run as a grouped config gives it. */
function rankedRun() {
  const run = makeRun(1, 'Run 1');
  const groups = CHECK_Y.map((_, i) => (i % 2 === 0 ? 'u1' : 'u2'));
  const ranking = { ...rankingMetrics(CHECK_Y, CHECK_P, groups, 3), rowsWithoutGroup: 0 };
  if (run.result.metrics.test.task !== 'binary') throw new Error('binary run expected');
  run.result.metrics.test.ranking = ranking;
  return { run, ranking };
}

describe('ranking metrics in the cards, the history and the trade-off y choices', () => {
  it('adds NDCG@k, Recall@k and group AUC cards, labelled with the run’s k', () => {
    const { run, ranking } = rankedRun();
    const cards = metricCards(run.result.metrics.test);
    const byKey = new Map(cards.map((c) => [c.key, c]));
    expect(byKey.get('ndcgAtK')).toMatchObject({ label: 'NDCG@3', value: ranking.ndcgAtK });
    expect(byKey.get('recallAtK')).toMatchObject({ label: 'Recall@3', value: ranking.recallAtK });
    expect(byKey.get('groupAuc')).toMatchObject({ label: 'Group AUC', value: ranking.groupAuc });
    expect(byKey.get('groupAuc')!.help).toContain('2 of 2 groups count');
    // Classification cards stay beside them.
    expect(byKey.has('logLoss')).toBe(true);
    expect(metricCards(makeRun(2, 'Run 2').result.metrics.test).map((c) => c.key)).not.toContain(
      'ndcgAtK',
    );
  });

  it('offers ranking columns only when some run has a group', () => {
    const { run, ranking } = rankedRun();
    const plain = makeRun(2, 'Run 2');
    expect(columnsFor([plain]).map((c) => c.key)).not.toContain('groupAuc');
    const columns = columnsFor([plain, run]);
    const groupAuc = columns.find((c) => c.key === 'groupAuc')!;
    expect(groupAuc.value(run)).toBe(ranking.groupAuc);
    expect(groupAuc.value(plain)).toBeNull();
    expect(groupAuc.direction).toBe('higher');
    expect(columns.map((c) => c.key)).toEqual(expect.arrayContaining(['ndcgAtK', 'recallAtK']));
  });
});
