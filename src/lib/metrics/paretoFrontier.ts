import { metricCost, type MetricDirection } from '../catalog/metrics.ts';

/** A point of a two-objective trade-off: x is a cost (lower is better), y a metric. */
export interface TradeoffPoint {
  x: number;
  y: number;
}

/**
 * Indices of the Pareto-optimal points, ordered by increasing x: the points no other point
 * dominates, where q dominates p when q.x <= p.x and q.y is at least as good as p.y, one of them
 * strictly. Lower x is always better; y is better by `direction` (lower, higher, or closer to 1).
 * Exact duplicates of a frontier point are all kept (none strictly dominates another). Points with
 * a non-finite x or y are ignored. O(n log n).
 */
export function paretoFrontier(
  points: readonly TradeoffPoint[],
  direction: MetricDirection,
): number[] {
  // Map y so that lower is always better, then sweep by increasing x, best y first on x ties.
  const cost = (i: number) => metricCost(direction, points[i]!.y);
  const order: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (Number.isFinite(points[i]!.x) && Number.isFinite(points[i]!.y)) order.push(i);
  }
  order.sort((a, b) => points[a]!.x - points[b]!.x || cost(a) - cost(b) || a - b);

  const frontier: number[] = [];
  for (const i of order) {
    const last = frontier.at(-1);
    if (last === undefined || cost(i) < cost(last)) frontier.push(i);
    else if (cost(i) === cost(last) && points[i]!.x === points[last]!.x) frontier.push(i);
  }
  return frontier;
}
