import { max } from 'd3-array';
import { argsortFloat64 } from './argsort.ts';
import { rocAucFromCounts } from './ranking.ts';
import { assertBinaryLabels, assertFinite, assertSameLength } from './validate.ts';

export type RankingMetricName = 'ndcgAtK' | 'recallAtK' | 'groupAuc';

/**
 * The ranking metrics, described once (key, label, direction, digits, meaning) so that cards,
 * history columns and chart axes read one table; it moves into the metric catalog as it stands.
 */
export const RANKING_METRIC_INFO: Record<
  RankingMetricName,
  { label: string; direction: 'higher' | 'lower'; digits: number; meaning: string }
> = {
  ndcgAtK: {
    label: 'NDCG@k',
    direction: 'higher',
    digits: 4,
    meaning:
      'How close each group’s top k is to the best possible order (1 = every positive first), averaged over groups with a positive; tied scores share their gain.',
  },
  recallAtK: {
    label: 'Recall@k',
    direction: 'higher',
    digits: 4,
    meaning:
      'Share of a group’s positives found in its top k (ties broken at random, in expectation), averaged over groups with a positive.',
  },
  groupAuc: {
    label: 'Group AUC',
    direction: 'higher',
    digits: 4,
    meaning:
      'ROC AUC within each group that has both classes, averaged with weights equal to the group’s rows: how well the model orders one user’s items, not users against each other.',
  },
};

/** Ranking metrics over groups (users, queries, sessions), docs/design.md "Ranking metrics". */
export interface RankingMetrics {
  /** Cut-off rank of NDCG@k and Recall@k. */
  k: number;
  /** Distinct groups. */
  groups: number;
  /** Groups with at least one positive: NDCG@k and Recall@k are their means. */
  groupsUsed: number;
  /** Groups with both classes: group AUC is their row-weighted mean. */
  groupAucGroups: number;
  /** Groups left out, by why: no positive (all three metrics), only positives (group AUC). */
  leftOut: { noPositive: number; onlyPositives: number };
  ndcgAtK: number | null;
  recallAtK: number | null;
  groupAuc: number | null;
  /** For each metric that is null, why, in plain words. */
  undefinedReasons: Partial<Record<RankingMetricName, string>>;
}

/** Default cut-off rank (docs/design.md). */
export const DEFAULT_K = 10;

/**
 * NDCG@k, Recall@k and group AUC of scores `p` against labels `y` (0/1) within groups. Relevance
 * is y; within a group rows are ranked by p, highest first, and a block of tied scores counts as
 * every order of it at once: it shares the mean gain of its slots (scikit-learn's `ndcg_score`
 * with `ignore_ties=False`) and contributes its positives times the share of its slots inside the
 * top k to Recall@k. Throws a RangeError on a label other than 0/1, a non-finite score, mismatched
 * lengths or a k that is not a positive integer.
 *
 * @param groups one group key per row (any string or number; rows of a group need not be adjacent)
 * @param k cut-off rank, default 10
 */
export function rankingMetrics(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  groups: ArrayLike<string | number>,
  k = DEFAULT_K,
): RankingMetrics {
  const n = y.length;
  assertSameLength('p', p, n);
  assertSameLength('groups', groups, n);
  assertBinaryLabels(y);
  assertFinite('p', p);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k = ${k}: must be an integer >= 1`);

  const { codes, sizes } = groupCodes(groups);
  const byGroup = rowsByGroupHighestFirst(p, codes, sizes);
  const capacity = max(sizes) ?? 0;
  const discounts = cumulativeDiscounts(Math.min(k, capacity));
  const top = (rank: number) => discounts[Math.min(rank, k)]!;

  // Per-group cumulative counts at each distinct score, reused by rocAucFromCounts.
  const thresholds = new Float64Array(capacity);
  const tps = new Float64Array(capacity);
  const fps = new Float64Array(capacity);

  let ndcgSum = 0;
  let recallSum = 0;
  let used = 0;
  let aucSum = 0;
  let aucRows = 0;
  let aucGroups = 0;
  let noPositive = 0;
  let onlyPositives = 0;
  let start = 0;
  for (const size of sizes) {
    const end = start + size;
    let dcg = 0;
    let found = 0;
    let positives = 0;
    let blocks = 0;
    for (let blockStart = start; blockStart < end;) {
      const score = p[byGroup[blockStart]!]!;
      let blockEnd = blockStart;
      let blockPositives = 0;
      // === also groups -0 with 0.
      while (blockEnd < end && p[byGroup[blockEnd]!]! === score) {
        blockPositives += y[byGroup[blockEnd]!]!;
        blockEnd++;
      }
      const rank = blockStart - start;
      const count = blockEnd - blockStart;
      dcg += (blockPositives / count) * (top(rank + count) - top(rank));
      found += (blockPositives * (Math.min(rank + count, k) - Math.min(rank, k))) / count;
      positives += blockPositives;
      thresholds[blocks] = score;
      tps[blocks] = positives;
      fps[blocks] = blockEnd - start - positives;
      blocks++;
      blockStart = blockEnd;
    }
    if (positives === 0) {
      noPositive++;
    } else {
      used++;
      ndcgSum += dcg / top(positives);
      recallSum += found / positives;
      if (positives === size) onlyPositives++;
      else {
        const auc = rocAucFromCounts({
          thresholds: thresholds.subarray(0, blocks),
          tps: tps.subarray(0, blocks),
          fps: fps.subarray(0, blocks),
        })!;
        aucSum += auc * size;
        aucRows += size;
        aucGroups++;
      }
    }
    start = end;
  }

  const reasons: Partial<Record<RankingMetricName, string>> = {};
  const noRanking =
    sizes.length === 0 ? 'there are no rows' : 'no group has a positive (y = 1) to rank';
  if (used === 0) reasons.ndcgAtK = reasons.recallAtK = noRanking;
  if (aucGroups === 0) {
    reasons.groupAuc = used === 0 ? noRanking : 'no group has both a positive and a negative';
  }
  return {
    k,
    groups: sizes.length,
    groupsUsed: used,
    groupAucGroups: aucGroups,
    leftOut: { noPositive, onlyPositives },
    ndcgAtK: used > 0 ? ndcgSum / used : null,
    recallAtK: used > 0 ? recallSum / used : null,
    groupAuc: aucGroups > 0 ? aucSum / aucRows : null,
    undefinedReasons: reasons,
  };
}

/** Dense group codes in order of first appearance, and each group's row count. */
function groupCodes(groups: ArrayLike<string | number>): { codes: Uint32Array; sizes: number[] } {
  const index = new Map<string | number, number>();
  const codes = new Uint32Array(groups.length);
  const sizes: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const key = groups[i]!;
    let code = index.get(key);
    if (code === undefined) {
      code = sizes.length;
      index.set(key, code);
      sizes.push(0);
    }
    codes[i] = code;
    sizes[code]!++;
  }
  return { codes, sizes };
}

/**
 * Row numbers laid out group after group (in code order), each group's rows by decreasing score:
 * one radix sort of all rows, then a counting-sort pass by group, O(n) in all.
 */
function rowsByGroupHighestFirst(
  p: ArrayLike<number>,
  codes: Uint32Array,
  sizes: number[],
): Uint32Array {
  const n = codes.length;
  const ascending = argsortFloat64(
    p,
    Uint32Array.from({ length: n }, (_, i) => i),
  );
  const next = new Uint32Array(sizes.length);
  for (let g = 1; g < sizes.length; g++) next[g] = next[g - 1]! + sizes[g - 1]!;
  const out = new Uint32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const row = ascending[j]!;
    out[next[codes[row]!]!++] = row;
  }
  return out;
}

/** out[r] = sum over ranks i = 1..r of 1 / log2(i + 1): the DCG of r relevant rows at the top. */
function cumulativeDiscounts(ranks: number): Float64Array {
  const out = new Float64Array(ranks + 1);
  for (let r = 1; r <= ranks; r++) out[r] = out[r - 1]! + 1 / Math.log2(r + 1);
  return out;
}
