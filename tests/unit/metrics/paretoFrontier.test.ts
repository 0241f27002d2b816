import { describe, expect, it } from 'vitest';
import type { MetricDirection } from '../../../src/lib/catalog/metrics.ts';
import { createRng } from '../../../src/lib/random.ts';
import { paretoFrontier, type TradeoffPoint } from '../../../src/lib/metrics/paretoFrontier.ts';

const pts = (...xy: [number, number][]): TradeoffPoint[] => xy.map(([x, y]) => ({ x, y }));

/** The definition, checked pair by pair: O(n^2), independent of the sweep. */
function bruteForceFrontier(points: TradeoffPoint[], direction: MetricDirection): Set<number> {
  const cost = (y: number) =>
    direction === 'lower' ? y : direction === 'higher' ? -y : Math.abs(y - 1);
  const better = (a: number, b: number) => cost(a) < cost(b);
  const finite = (p: TradeoffPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const kept = new Set<number>();
  points.forEach((p, i) => {
    if (!finite(p)) return;
    const dominated = points.some(
      (q) =>
        finite(q) &&
        q.x <= p.x &&
        (cost(q.y) === cost(p.y) || better(q.y, p.y)) &&
        (q.x < p.x || better(q.y, p.y)),
    );
    if (!dominated) kept.add(i);
  });
  return kept;
}

describe('paretoFrontier', () => {
  it('is empty for no points and keeps a single point', () => {
    expect(paretoFrontier([], 'higher')).toEqual([]);
    expect(paretoFrontier(pts([3, 0.7]), 'higher')).toEqual([0]);
    expect(paretoFrontier(pts([3, 0.7]), 'lower')).toEqual([0]);
  });

  it('keeps the points that trade a higher cost for a higher metric, by increasing x', () => {
    // (4, 0.80) is beaten by (2, 0.85): cheaper and better. (5, 0.9) buys the best AUC.
    const points = pts([4, 0.8], [1, 0.7], [5, 0.9], [2, 0.85], [3, 0.6]);
    expect(paretoFrontier(points, 'higher')).toEqual([1, 3, 2]);
  });

  it('prefers lower y when lower is better', () => {
    // Log losses: (4, 0.35) is beaten by (3, 0.3), cheaper and lower.
    const points = pts([3, 0.3], [1, 0.5], [2, 0.45], [4, 0.35], [5, 0.2]);
    expect(paretoFrontier(points, 'lower')).toEqual([1, 2, 0, 4]);
  });

  it('drops the worse of two points at the same x and the costlier of two at the same y', () => {
    expect(paretoFrontier(pts([2, 0.8], [2, 0.9]), 'higher')).toEqual([1]);
    expect(paretoFrontier(pts([2, 0.8], [2, 0.9]), 'lower')).toEqual([0]);
    expect(paretoFrontier(pts([3, 0.8], [2, 0.8]), 'higher')).toEqual([1]);
  });

  it('keeps exact duplicates of a frontier point, in input order', () => {
    expect(paretoFrontier(pts([2, 0.8], [1, 0.5], [2, 0.8]), 'higher')).toEqual([1, 0, 2]);
  });

  it('takes a ratio nearer 1 as better: 1.02 beats 6.45 at the same cost', () => {
    expect(paretoFrontier(pts([2, 6.45], [2, 1.02]), 'closer-to-1')).toEqual([1]);
    expect(paretoFrontier(pts([1, 0.5], [2, 0.97], [3, 1.5]), 'closer-to-1')).toEqual([0, 1]);
  });

  it('ignores points with a missing metric or cost', () => {
    const points = pts([1, NaN], [2, 0.5], [Infinity, 0.99], [3, 0.6]);
    expect(paretoFrontier(points, 'higher')).toEqual([1, 3]);
  });

  it('agrees with the pairwise definition on random points with ties', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 50; trial++) {
      // Coarse grids make ties in x, in y and exact duplicates common.
      const points = Array.from({ length: 1 + rng.int(30) }, () => ({
        x: rng.int(8),
        y: rng.int(8) / 8,
      }));
      for (const direction of ['higher', 'lower', 'closer-to-1'] as const) {
        const frontier = paretoFrontier(points, direction);
        expect(new Set(frontier)).toEqual(bruteForceFrontier(points, direction));
        const xs = frontier.map((i) => points[i]!.x);
        expect(xs).toEqual([...xs].sort((a, b) => a - b));
      }
    }
  });
});
