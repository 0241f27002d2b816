import type { Run } from '../../lib/experiment/run.ts';

/** A sortable column of the run history: how to read its value from a run. */
export interface RunColumn {
  key: string;
  label: string;
  value: (run: Run) => number | null;
  /** True when lower values are better, so sorting "best first" is ascending. */
  lowerIsBetter: boolean;
  digits: number;
}

const test = (run: Run) => run.result.metrics.test as unknown as Record<string, unknown>;
const metric = (name: string) => (run: Run) => {
  const value = test(run)[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

export const RUN_COLUMNS: RunColumn[] = [
  { key: 'rocAuc', label: 'AUC', value: metric('rocAuc'), lowerIsBetter: false, digits: 4 },
  { key: 'logLoss', label: 'Log loss', value: metric('logLoss'), lowerIsBetter: true, digits: 4 },
  { key: 'ece', label: 'ECE', value: metric('ece'), lowerIsBetter: true, digits: 4 },
  {
    key: 'calibrationRatio',
    label: 'Cal. ratio',
    value: metric('calibrationRatio'),
    lowerIsBetter: false,
    digits: 3,
  },
  {
    key: 'accuracy',
    label: 'Accuracy',
    value: metric('accuracy'),
    lowerIsBetter: false,
    digits: 4,
  },
  { key: 'rmse', label: 'RMSE', value: metric('rmse'), lowerIsBetter: true, digits: 4 },
  {
    key: 'p99',
    label: 'p99 ms',
    value: (r) => r.result.latency.p99Ms,
    lowerIsBetter: true,
    digits: 4,
  },
  {
    key: 'bytes',
    label: 'Size KiB',
    value: (r) => r.result.model.bytes / 1024,
    lowerIsBetter: true,
    digits: 1,
  },
];

/** Columns that have a value in at least one run (no RMSE column for classification-only history). */
export function columnsFor(runs: readonly Run[]): RunColumn[] {
  return RUN_COLUMNS.filter((c) => runs.some((r) => c.value(r) !== null));
}
