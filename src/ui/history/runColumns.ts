import type { Run } from '../../lib/experiment/run.ts';
import {
  RANKING_METRIC_INFO,
  type RankingMetricName,
  type RankingMetrics,
} from '../../lib/metrics/rankingMetrics.ts';

/** A sortable column of the run history and a y choice of the trade-off chart. */
export interface RunColumn {
  key: string;
  label: string;
  value: (run: Run) => number | null;
  /** True when lower values are better, so sorting "best first" is ascending. */
  lowerIsBetter: boolean;
  digits: number;
  /** Shown in the history table by default; the others only when framed as the metric that matters. */
  inHistory: boolean;
}

const test = (run: Run) => run.result.metrics.test as unknown as Record<string, unknown>;

/** A test-split metric read by name; null where the run's task does not have it. */
function metric(
  key: string,
  label: string,
  lowerIsBetter: boolean,
  inHistory = true,
  digits = 4,
): RunColumn {
  const value = (run: Run) => {
    const v = test(run)[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return { key, label, value, lowerIsBetter, digits, inHistory };
}

/** A test-split ranking metric (runs with a group column); null for runs without one. */
function ranking(key: RankingMetricName): RunColumn {
  const { label, digits, direction } = RANKING_METRIC_INFO[key];
  const value = (run: Run) => {
    const v = (test(run).ranking as RankingMetrics | undefined)?.[key];
    return typeof v === 'number' ? v : null;
  };
  return { key, label, value, lowerIsBetter: direction === 'lower', digits, inHistory: true };
}

export const RUN_COLUMNS: RunColumn[] = [
  metric('rocAuc', 'AUC', false),
  metric('logLoss', 'Log loss', true),
  metric('ece', 'ECE', true),
  metric('calibrationRatio', 'Cal. ratio', false, true, 3),
  metric('accuracy', 'Accuracy', false),
  metric('averagePrecision', 'Avg. precision', false, false),
  metric('brier', 'Brier', true, false),
  metric('normalizedEntropy', 'NE', true, false),
  metric('macroF1', 'Macro F1', false),
  metric('rmse', 'RMSE', true),
  metric('mae', 'MAE', true, false),
  metric('r2', 'R²', false),
  ranking('ndcgAtK'),
  ranking('recallAtK'),
  ranking('groupAuc'),
  {
    key: 'p99',
    label: 'p99 ms',
    value: (r) => r.result.latency.p99Ms,
    lowerIsBetter: true,
    digits: 4,
    inHistory: true,
  },
  {
    key: 'bytes',
    label: 'Size KiB',
    value: (r) => r.result.model.bytes / 1024,
    lowerIsBetter: true,
    digits: 1,
    inHistory: true,
  },
];

/** Columns that have a value in at least one run (no RMSE column for classification-only history). */
export function columnsFor(runs: readonly Run[]): RunColumn[] {
  return RUN_COLUMNS.filter((c) => runs.some((r) => c.value(r) !== null));
}
