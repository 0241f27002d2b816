import { splitRows } from '../data/split.ts';
import type { Table } from '../data/table.ts';
import type { ExperimentConfig } from './config.ts';
import { readLabels, type Labels } from './labels.ts';
import { sampleTraining, type SampledTraining } from './sampleTraining.ts';
import { quoteInput } from '../text/quoteInput.ts';

export interface PreparedRows {
  labels: Labels;
  /** Rows whose target is known. */
  known: Int32Array;
  parts: { train: Int32Array; validation: Int32Array; test: Int32Array };
  /** The training split after downsampling and with sample weights. */
  sampled: SampledTraining;
}

/**
 * The rows an experiment uses: labels, the seeded split of rows with a known target, and the
 * imbalance settings applied to the training split. Shared by the run and the live plan the
 * data step shows, so both count the same rows.
 */
export function prepareRows(
  config: ExperimentConfig,
  table: Table,
  warnings: string[],
): PreparedRows {
  const { data } = config;
  const labels = readLabels(table, data.target, data.task, data.positiveClass);
  const known = Int32Array.from(labels.y.keys()).filter((row) => !Number.isNaN(labels.y[row]!));
  if (known.length < labels.y.length) {
    warnings.push(`${labels.y.length - known.length} rows without a target value were left out.`);
  }
  const parts = splitKnownRows(table, known, labels.y, config);
  checkSplitSizes(parts, known.length, config.data.split.test);
  const sampled = sampleTraining(parts.train, labels.y, config, warnings);
  return { labels, known, parts, sampled };
}

/**
 * Training needs at least two rows and the test split at least one (its metrics are the
 * result). Too few rows say how many each part got and about how many rows the test fraction
 * needs, instead of failing later inside a metric. An empty validation split is allowed: its
 * metrics are then undefined and say so.
 */
function checkSplitSizes(parts: PreparedRows['parts'], rows: number, test: number): void {
  const { train, validation } = parts;
  if (train.length >= 2 && parts.test.length >= 1) return;
  const needed = Math.max(3, Math.ceil(1 / test) + 2);
  throw new Error(
    `Too few rows to split: ${rows} rows with a target gave ${train.length} training, ` +
      `${validation.length} validation and ${parts.test.length} test rows. Training needs at ` +
      `least 2 rows and the test split at least 1; with a test fraction of ${test} that takes ` +
      `about ${needed} rows or more.`,
  );
}

function splitKnownRows(
  table: Table,
  known: Int32Array,
  y: Float32Array,
  config: ExperimentConfig,
) {
  const { split, task } = config.data;
  const timeColumn = split.timeColumn
    ? table.columns.find((c) => c.name === split.timeColumn)
    : undefined;
  if (
    split.method === 'time' &&
    (!timeColumn || (timeColumn.kind !== 'datetime' && timeColumn.kind !== 'numeric'))
  ) {
    throw new Error(
      `A time split needs a date/time or numeric time column; ${quoteInput(split.timeColumn ?? '')} is not one.`,
    );
  }
  const stratify = task === 'regression' ? null : Float32Array.from(known, (r) => y[r]!);
  const timeValues =
    timeColumn?.kind === 'datetime' || timeColumn?.kind === 'numeric'
      ? Float64Array.from(known, (r) => timeColumn.values[r]!)
      : undefined;
  const parts = splitRows(
    stratify,
    {
      method: split.method,
      test: split.test,
      validation: split.validation,
      rowCount: known.length,
      ...(timeValues ? { timeValues } : {}),
    },
    config.seed,
  );
  const toRows = (indices: Int32Array) => Int32Array.from(indices, (i) => known[i]!);
  return {
    train: toRows(parts.train),
    validation: toRows(parts.validation),
    test: toRows(parts.test),
  };
}
