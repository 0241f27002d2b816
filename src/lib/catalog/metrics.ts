import type { RunResult } from '../experiment/result.ts';

/**
 * The metric catalog: each metric and run figure described once (docs/design.md "Definitions"),
 * read by the Frame step's metric choice, the metric cards and their delta colours, the run
 * history, the trade-off chart and the CSV export. Adding a metric is one entry here.
 */

/** Which way is better: larger values, smaller values, or values nearer 1 (a ratio). */
export type MetricDirection = 'higher' | 'lower' | 'closer-to-1';

export type MetricTask = 'binary' | 'multiclass' | 'regression';

export interface MetricInfo {
  /** The key in a split's metrics (`result.metrics.test[key]`), or a run figure's name. */
  key: string;
  /** The full label, with its convention where it has one (cards, Frame step, chart axes). */
  label: string;
  /** A column heading for the run history. */
  short: string;
  /** Tasks whose results have it. */
  tasks: readonly MetricTask[];
  direction: MetricDirection;
  /** Decimals shown. */
  digits: number;
  /** One line: what it measures. */
  meaning: string;
  /** A column of the run history without being framed as the metric that matters. */
  inHistory: boolean;
  /** Read from the split's `ranking` block (runs with a group column) rather than the split itself. */
  ranking?: true;
}

/** A run figure that is not a split metric: read from the whole result. */
export interface RunFigureInfo extends MetricInfo {
  read: (result: RunResult) => number | null;
}

const ALL: readonly MetricTask[] = ['binary', 'multiclass', 'regression'];
const CLASSIFICATION: readonly MetricTask[] = ['binary', 'multiclass'];

/** Metrics of one split, in the order cards and exports show them. */
export const SPLIT_METRICS = [
  {
    key: 'rocAuc',
    label: 'ROC AUC',
    short: 'AUC',
    tasks: ['binary'],
    direction: 'higher',
    digits: 4,
    meaning: 'Chance that a random positive scores above a random negative.',
    inHistory: true,
  },
  {
    key: 'logLoss',
    label: 'Log loss',
    short: 'Log loss',
    tasks: CLASSIFICATION,
    direction: 'lower',
    digits: 4,
    meaning: 'Mean negative log-likelihood of the true class; punishes confident mistakes.',
    inHistory: true,
  },
  {
    key: 'normalizedEntropy',
    label: 'Normalized entropy',
    short: 'NE',
    tasks: ['binary'],
    direction: 'lower',
    digits: 4,
    meaning:
      'Log loss divided by the entropy of the training base rate; below 1 beats always predicting the base rate.',
    inHistory: false,
  },
  {
    key: 'ece',
    label: 'ECE, 10 equal-width bins',
    short: 'ECE',
    tasks: CLASSIFICATION,
    direction: 'lower',
    digits: 4,
    meaning:
      'Expected calibration error over the bins [0, 0.1), ..., [0.9, 1] (of the top class for multi-class); small at low base rates, where nearly every p is in the first bin.',
    inHistory: true,
  },
  {
    key: 'eceEqualMass',
    label: 'ECE, 10 equal-mass bins',
    short: 'ECE (eq. mass)',
    tasks: ['binary'],
    direction: 'lower',
    digits: 4,
    meaning:
      'Expected calibration error over 10 bins holding a tenth of the rows each (quantiles of p); readable at low base rates.',
    inHistory: false,
  },
  {
    key: 'calibrationRatio',
    label: 'Calibration ratio',
    short: 'Cal. ratio',
    tasks: ['binary'],
    direction: 'closer-to-1',
    digits: 3,
    meaning:
      'Sum of predicted probabilities over the number of positives; 1.0 is calibrated on average.',
    inHistory: true,
  },
  {
    key: 'averagePrecision',
    label: 'Average precision',
    short: 'Avg. precision',
    tasks: ['binary'],
    direction: 'higher',
    digits: 4,
    meaning: 'Area under the precision-recall curve, without interpolation.',
    inHistory: false,
  },
  {
    key: 'brier',
    label: 'Brier score',
    short: 'Brier',
    tasks: ['binary'],
    direction: 'lower',
    digits: 4,
    meaning: 'Mean squared error of the probabilities.',
    inHistory: false,
  },
  {
    key: 'accuracy',
    label: 'Accuracy',
    short: 'Accuracy',
    tasks: CLASSIFICATION,
    direction: 'higher',
    digits: 4,
    meaning:
      'Share of rows classified right: p >= 0.5 for binary, the most likely class otherwise.',
    inHistory: true,
  },
  {
    key: 'macroF1',
    label: 'Macro F1',
    short: 'Macro F1',
    tasks: ['multiclass'],
    direction: 'higher',
    digits: 4,
    meaning: 'F1 per class, averaged with equal weight.',
    inHistory: true,
  },
  {
    key: 'rmse',
    label: 'RMSE',
    short: 'RMSE',
    tasks: ['regression'],
    direction: 'lower',
    digits: 4,
    meaning: 'Root mean squared error, in the target’s units.',
    inHistory: true,
  },
  {
    key: 'mae',
    label: 'MAE',
    short: 'MAE',
    tasks: ['regression'],
    direction: 'lower',
    digits: 4,
    meaning: 'Mean absolute error, in the target’s units.',
    inHistory: false,
  },
  {
    key: 'r2',
    label: 'R²',
    short: 'R²',
    tasks: ['regression'],
    direction: 'higher',
    digits: 4,
    meaning: 'Share of the target’s variance explained.',
    inHistory: true,
  },
  {
    key: 'ndcgAtK',
    label: 'NDCG@k',
    short: 'NDCG@k',
    tasks: ['binary'],
    direction: 'higher',
    digits: 4,
    meaning:
      'How close each group’s top k is to the best possible order (1 = every positive first), averaged over groups with a positive; tied scores share their gain.',
    inHistory: true,
    ranking: true,
  },
  {
    key: 'recallAtK',
    label: 'Recall@k',
    short: 'Recall@k',
    tasks: ['binary'],
    direction: 'higher',
    digits: 4,
    meaning:
      'Share of a group’s positives found in its top k (ties broken at random, in expectation), averaged over groups with a positive.',
    inHistory: true,
    ranking: true,
  },
  {
    key: 'groupAuc',
    label: 'Group AUC',
    short: 'Group AUC',
    tasks: ['binary'],
    direction: 'higher',
    digits: 4,
    meaning:
      'ROC AUC within each group that has both classes, averaged with weights equal to the group’s rows: how well the model orders one user’s items, not users against each other.',
    inHistory: true,
    ranking: true,
  },
] as const satisfies readonly MetricInfo[];

/** The key of a split metric, e.g. "logLoss". */
export type MetricKey = (typeof SPLIT_METRICS)[number]['key'];

/** Every split metric key: the choices of "the metric that matters". */
export const METRIC_KEYS: readonly MetricKey[] = SPLIT_METRICS.map((m) => m.key);

/** Figures of the whole run (serving cost), with how to read them from a result. */
export const RUN_FIGURES: readonly RunFigureInfo[] = [
  {
    key: 'p99',
    label: 'p99 latency (ms)',
    short: 'p99 ms',
    tasks: ALL,
    direction: 'lower',
    digits: 4,
    meaning: 'Single-row predict time at the 99th percentile, in milliseconds.',
    inHistory: true,
    read: (r) => r.latency.p99Ms,
  },
  {
    key: 'bytes',
    label: 'Model size (KiB)',
    short: 'Size KiB',
    tasks: ALL,
    direction: 'lower',
    digits: 1,
    meaning: 'Bytes of the model’s parameters as float32, in KiB.',
    inHistory: true,
    read: (r) => r.model.bytes / 1024,
  },
];

/** The catalog entry of a split metric key; undefined for an unknown key. */
export function splitMetricInfo(key: string): MetricInfo | undefined {
  return SPLIT_METRICS.find((m) => m.key === key);
}

/** A split metric's value in `split` (test or validation metrics); null when missing or not finite. */
export function readSplitMetric(split: object, key: string): number | null {
  const block = splitMetricInfo(key)?.ranking
    ? (split as { ranking?: object }).ranking
    : (split as object | undefined);
  const value: unknown = (block as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** How far `value` is from the best, lower meaning better: the value, its negative, or |value - 1|. */
export function metricCost(direction: MetricDirection, value: number): number {
  if (direction === 'lower') return value;
  if (direction === 'higher') return -value;
  return Math.abs(value - 1);
}

/** Whether `value` is better (1), worse (-1) or as good (0) as `previous` in this direction. */
export function compareMetric(direction: MetricDirection, value: number, previous: number): number {
  return Math.sign(metricCost(direction, previous) - metricCost(direction, value));
}

/** "higher is better", "lower is better" or "closer to 1 is better". */
export function directionText(direction: MetricDirection): string {
  return `${direction === 'closer-to-1' ? 'closer to 1' : direction} is better`;
}

/**
 * The metric that matters for `task`: `metric` when the task has it, else the task's first
 * catalog metric that reads as a loss (log loss for classification, RMSE for regression).
 */
export function metricForTask(metric: MetricKey, task: MetricTask): MetricKey {
  const ofTask = SPLIT_METRICS.filter((m) => (m.tasks as readonly string[]).includes(task));
  if (ofTask.some((m) => m.key === metric)) return metric;
  return (ofTask.find((m) => m.direction === 'lower') ?? ofTask[0]!).key;
}
