/** The data shapes the charts take, in plain TypeScript so that any module (and tsc) can import them. */
import type { TestCurves } from '../../lib/experiment/result.ts';
import type { PrecisionRecallCurve, RocCurve } from '../../lib/metrics/curves.ts';
import type { ReliabilityBin } from '../../lib/metrics/reliability.ts';
import type { ModelFamily } from '../../lib/models/model.ts';

/** One run's ROC curve, for RocCurveChart. */
export interface RocSeries {
  label: string;
  /** A CSS colour, e.g. var(--series-1). */
  color: string;
  curve: RocCurve;
  dashed?: boolean;
}

/** One run's precision-recall curve, for PrecisionRecallChart. */
export interface PrecisionRecallSeries {
  label: string;
  /** A CSS colour, e.g. var(--series-1). */
  color: string;
  curve: PrecisionRecallCurve;
  dashed?: boolean;
}

/** What the trade-off chart's x can show of a run or a sweep point. */
export type TradeoffXFields = Pick<
  TradeoffRun,
  'p99Ms' | 'bytes' | 'coresAtPeak' | 'monthlyServingCost'
>;

/** One run as a point of TradeoffChart. */
export interface TradeoffRun {
  id: number;
  name: string;
  family: ModelFamily;
  /** Single-row predict latency, 99th percentile, milliseconds. */
  p99Ms: number;
  /** Model size in bytes: parameters as float32 plus feature-pipeline tables. */
  bytes: number;
  /** Cores at peak at the traffic in Frame; null when no throughput was measured. */
  coresAtPeak: number | null;
  /** Monthly serving cost at the traffic and prices in Frame; null like coresAtPeak. */
  monthlyServingCost: number | null;
  /** The chosen metric on the test split; null when it is undefined for this run (not drawn). */
  metric: number | null;
  /** Lowest and highest p99 of the latency rounds, drawn as an error bar; absent for older runs. */
  p99RangeMs?: [number, number];
}

/** One point of a sweep on the trade-off chart: means across seeds, labelled by the knob value. */
export interface SweepPathPoint extends TradeoffXFields {
  label: string;
  metric: number | null;
}

/** What the trade-off chart's x shows (all costs: lower is better, drawn on a log scale). */
export type TradeoffX = 'latency' | 'bytes' | 'cores' | 'cost';

/** One line of a reliability diagram. */
export interface ReliabilitySeries {
  label: string;
  bins: ReliabilityBin[];
  /** A CSS colour, e.g. var(--series-1). */
  color: string;
  dashed?: boolean;
}

/**
 * The equal-width reliability lines of a binary result: the final probabilities, with the raw
 * model's output dashed beside them when post-processing changed it.
 */
export function reliabilitySeries(
  label: string,
  bins: ReliabilityBin[],
  curves: Pick<TestCurves, 'rawReliability'>,
  rawLabel = 'raw model',
  finalLabel = 'after calibration',
): ReliabilitySeries[] {
  const raw = curves.rawReliability;
  return [
    ...(raw ? [{ label: rawLabel, bins: raw, color: 'var(--series-2)', dashed: true }] : []),
    { label: raw ? finalLabel : label, bins, color: 'var(--series-1)' },
  ];
}
