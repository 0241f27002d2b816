import {
  readSplitMetric,
  RUN_FIGURES,
  SPLIT_METRICS,
  type MetricDirection,
} from '../../lib/catalog/metrics.ts';
import type { Run } from '../../lib/experiment/run.ts';

/** A sortable column of the run history and a y choice of the trade-off chart. */
export interface RunColumn {
  key: string;
  label: string;
  /** The full label, for chart axes and choices. */
  title: string;
  value: (run: Run) => number | null;
  direction: MetricDirection;
  digits: number;
  /** Shown in the history table by default; the others only when framed as the metric that matters. */
  inHistory: boolean;
}

/** The catalog's test-split metrics, then its run figures (latency, size). */
export const RUN_COLUMNS: RunColumn[] = [
  ...SPLIT_METRICS.map((m) => ({
    key: m.key,
    label: m.short,
    title: m.label,
    value: (run: Run) => readSplitMetric(run.result.metrics.test, m.key),
    direction: m.direction,
    digits: m.digits,
    inHistory: m.inHistory,
  })),
  ...RUN_FIGURES.map((f) => ({
    key: f.key,
    label: f.short,
    title: f.label,
    value: (run: Run) => f.read(run.result),
    direction: f.direction,
    digits: f.digits,
    inHistory: f.inHistory,
  })),
];

/** Columns that have a value in at least one run (no RMSE column for classification-only history). */
export function columnsFor(runs: readonly Run[]): RunColumn[] {
  return RUN_COLUMNS.filter((c) => runs.some((r) => c.value(r) !== null));
}
