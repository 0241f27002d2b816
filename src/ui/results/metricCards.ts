import {
  compareMetric,
  readSplitMetric,
  SPLIT_METRICS,
  type MetricDirection,
} from '../../lib/catalog/metrics.ts';
import type { SplitMetrics } from '../../lib/experiment/result.ts';

export interface MetricCard {
  key: string;
  label: string;
  value: number | null;
  direction: MetricDirection;
  digits: number;
  /** Why the value is missing, when it is. */
  reason?: string;
  help: string;
}

/**
 * The cards to show for one split's metrics: the catalog's metrics of its task, in catalog order;
 * ranking metrics only for a run with a group column, labelled with its k and the groups counted.
 */
export function metricCards(m: SplitMetrics): MetricCard[] {
  const ranking = m.task === 'binary' ? m.ranking : undefined;
  const reasons = {
    ...(m.undefinedReasons as Partial<Record<string, string>>),
    ...((ranking?.undefinedReasons ?? {}) as Partial<Record<string, string>>),
  };
  return SPLIT_METRICS.filter(
    (info) =>
      (info.tasks as readonly string[]).includes(m.task) &&
      (!('ranking' in info) || ranking !== undefined),
  ).map((info) => {
    const reason = reasons[info.key];
    const counted =
      ranking && 'ranking' in info
        ? ` ${info.key === 'groupAuc' ? ranking.groupAucGroups : ranking.groupsUsed} of ${ranking.groups} groups count.`
        : '';
    return {
      key: info.key,
      label: ranking ? info.label.replace('@k', `@${ranking.k}`) : info.label,
      value: readSplitMetric(m, info.key),
      direction: info.direction,
      digits: info.digits,
      help: info.meaning + counted,
      ...(reason ? { reason } : {}),
    };
  });
}

/** A card's change against the baseline's value: the signed difference and whether it is better. */
export interface CardChange {
  delta: number;
  verdict: 'better' | 'worse' | 'unchanged';
}

/** Null when either value is missing. Better follows the metric's catalog direction. */
export function cardChange(
  card: MetricCard,
  previous: number | null | undefined,
): CardChange | null {
  if (card.value === null || previous === null || previous === undefined) return null;
  const sign = compareMetric(card.direction, card.value, previous);
  return {
    delta: card.value - previous,
    verdict: sign > 0 ? 'better' : sign < 0 ? 'worse' : 'unchanged',
  };
}
