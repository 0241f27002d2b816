/**
 * One description of the capacity figures and the serving assumptions (label, unit, direction,
 * how to format, meaning): the Frame inputs, the "Serving at scale" cards, the trade-off chart's x
 * choices, the compare view and exports read them from here.
 */
import type { CapacityReport, ServingAssumptions } from './capacity.ts';

/** How a figure is written: the UI maps each kind to its formatter. */
export type FigureFormat = 'count' | 'ms' | 'bytes' | 'money' | 'seconds';

export interface CapacityFigure {
  key: keyof CapacityReport;
  label: string;
  format: FigureFormat;
  /** Every capacity figure is a cost: lower is better. */
  lowerIsBetter: true;
  /** What it means, in plain words (a card's hint). */
  meaning: string;
}

export const CAPACITY_FIGURES = {
  coresAtPeak: {
    key: 'coresAtPeak',
    label: 'Cores at peak',
    format: 'count',
    lowerIsBetter: true,
    meaning: 'ceil(peak requests/s x candidates x head-room / measured rows/s on one core)',
  },
  requestP99Ms: {
    key: 'requestP99Ms',
    label: 'Request p99',
    format: 'ms',
    lowerIsBetter: true,
    meaning: 'p99 of one request: its candidates transformed and scored as one batch',
  },
  memoryBytesPerReplica: {
    key: 'memoryBytesPerReplica',
    label: 'Memory per replica',
    format: 'bytes',
    lowerIsBetter: true,
    meaning: 'model parameters plus feature tables (vocabularies, per-level tables, statistics)',
  },
  monthlyServingCost: {
    key: 'monthlyServingCost',
    label: 'Monthly serving cost',
    format: 'money',
    lowerIsBetter: true,
    meaning: 'cores x price per core-hour x 730 + memory GB x price per GB-month x replicas',
  },
  costPerMillionPredictions: {
    key: 'costPerMillionPredictions',
    label: 'Cost per million predictions',
    format: 'money',
    lowerIsBetter: true,
    meaning: 'price per core-hour x head-room x 1e6 / (3600 x rows/s on one core)',
  },
  dailyTrainingCpuSeconds: {
    key: 'dailyTrainingCpuSeconds',
    label: 'Training a day of data',
    format: 'seconds',
    lowerIsBetter: true,
    meaning: 'one core, on the rows kept after downsampling',
  },
  dailyTrainingCost: {
    key: 'dailyTrainingCost',
    label: 'Daily training cost',
    format: 'money',
    lowerIsBetter: true,
    meaning: 'training CPU-hours for a day of data x price per core-hour',
  },
} as const satisfies Record<string, CapacityFigure>;

export interface ServingField {
  key: keyof ServingAssumptions;
  label: string;
  min: number;
  max?: number;
  step: number;
  hint: string;
}

/** The Frame inputs for traffic and prices, in the config's order. */
export const SERVING_FIELDS: readonly ServingField[] = [
  {
    key: 'peakQps',
    label: 'Peak requests/s',
    min: 1,
    step: 100,
    hint: 'prediction requests per second at the daily peak',
  },
  {
    key: 'candidatesPerRequest',
    label: 'Candidates/request',
    min: 1,
    max: 10_000,
    step: 1,
    hint: '1 for one prediction; hundreds when ranking',
  },
  {
    key: 'headroom',
    label: 'Head-room',
    min: 1,
    max: 10,
    step: 0.1,
    hint: '1.5 = plan cores at two thirds busy',
  },
  {
    key: 'pricePerCoreHour',
    label: 'Price per core-hour',
    min: 0,
    step: 0.01,
    hint: 'an example price, not a quote',
  },
  {
    key: 'pricePerGbMonth',
    label: 'Price per GB-month',
    min: 0,
    step: 0.1,
    hint: 'memory, an example price',
  },
  {
    key: 'dailyTrainingRows',
    label: 'Training rows/day',
    min: 0,
    step: 1_000_000,
    hint: 'before downsampling',
  },
];
