import {
  comparePredictions,
  type PairedComparison,
  type Verdict,
} from '../metrics/comparePredictions.ts';
import { sameTestRows, type TestPredictions } from './testPredictions.ts';

/** The metrics a paired comparison reports: ROC AUC (DeLong) and the bootstrapped ones. */
export type ComparedMetric = keyof PairedComparison['metrics'];

/** Per metric, across seeds: the seeds' common verdict, or `mixed` when they disagree. */
export interface NeighbourMetricVerdict {
  verdict: Verdict | 'mixed';
  /** Seeds per verdict; A is the lower-index point, B the next one. */
  counts: Record<Verdict, number>;
}

/**
 * Points `index` (A) and `index + 1` (B) of a sweep compared seed by seed on the same test rows
 * (docs/design.md "Sweeps and uncertainty": DeLong for ROC AUC, the paired bootstrap for the rest).
 */
export interface NeighbourComparison {
  index: number;
  /** Seeds compared: those where both runs scored the same rows and both classes were there. */
  seeds: number;
  metrics: Record<ComparedMetric, NeighbourMetricVerdict>;
}

/**
 * One seed's paired comparison of each point with the next, in knob order; null where the two
 * runs scored different rows (a sweep over the data or split), a run has no per-row predictions
 * (not a binary task), or the test rows hold one class only.
 */
export function compareNeighbours(
  predictions: readonly (TestPredictions | undefined)[],
): (PairedComparison | null)[] {
  return predictions.slice(1).map((b, i) => {
    const a = predictions[i];
    if (!a || !b || !sameTestRows(a, b)) return null;
    try {
      return comparePredictions(a.y, a.p, b.p);
    } catch (error) {
      // One class in the test rows: AUC, and so the comparison, is undefined.
      if (error instanceof RangeError) return null;
      throw error;
    }
  });
}

/**
 * Combines the seeds' comparisons of each neighbouring pair: a verdict holds when every compared
 * seed reached it, else `mixed`. `perSeed[j][i]` is seed j's comparison of points i and i + 1;
 * null where no seed could compare the pair.
 */
export function combineSeeds(
  perSeed: readonly (PairedComparison | null)[][],
): (NeighbourComparison | null)[] {
  const pairs = perSeed[0]?.length ?? 0;
  return Array.from({ length: pairs }, (_, index) => {
    const compared = perSeed.map((seed) => seed[index]).filter((c) => c != null);
    if (compared.length === 0) return null;
    const names = Object.keys(compared[0]!.metrics) as ComparedMetric[];
    const metrics = {} as Record<ComparedMetric, NeighbourMetricVerdict>;
    for (const name of names) {
      const counts: Record<Verdict, number> = { 'a-better': 0, 'within-noise': 0, 'b-better': 0 };
      for (const c of compared) counts[c.metrics[name].verdict]++;
      const unanimous = (Object.keys(counts) as Verdict[]).find(
        (v) => counts[v] === compared.length,
      );
      metrics[name] = { verdict: unanimous ?? 'mixed', counts };
    }
    return { index, seeds: compared.length, metrics };
  });
}
