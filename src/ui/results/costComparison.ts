import type { Run } from '../../lib/experiment/run.ts';
import { recomputeCapacity, type ServingAssumptions } from '../../lib/serving/capacity.ts';
import type { RunColumn } from '../history/runColumns.ts';
import { formatMoney } from './format.ts';

/**
 * "+0.0040 AUC for 3.1x the serving cost": what run `b` gains on the metric against run `a`, next
 * to what it costs to serve, both runs priced at the same traffic and prices (those in Frame).
 */
export function costComparison(
  a: Run,
  b: Run,
  metric: RunColumn,
  serving: ServingAssumptions,
  latencyBudgetMs: number,
): string {
  const va = metric.value(a);
  const vb = metric.value(b);
  const diff =
    va === null || vb === null
      ? `${metric.label} not comparable`
      : `${vb - va >= 0 ? '+' : '−'}${Math.abs(vb - va).toFixed(metric.digits)} ${metric.label}`;
  const cost = (run: Run) =>
    recomputeCapacity(run.result.capacity, serving, latencyBudgetMs).monthlyServingCost;
  const ca = cost(a);
  const cb = cost(b);
  if (ca === null || cb === null || ca <= 0) return `${diff}; serving cost not measured`;
  const ratio = cb / ca;
  return `${diff} for ${ratio.toFixed(ratio >= 10 ? 0 : 1)}x the serving cost (${formatMoney(cb)} against ${formatMoney(ca)} a month)`;
}
