import { splitRows } from '../data/split.ts';
import type { Table } from '../data/table.ts';
import type { ExperimentConfig } from './config.ts';
import { readLabels, type Labels } from './labels.ts';
import { sampleTraining, type SampledTraining } from './sampleTraining.ts';

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
  const sampled = sampleTraining(parts.train, labels.y, config, warnings);
  return { labels, known, parts, sampled };
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
      `A time split needs a date/time or numeric time column; "${split.timeColumn ?? ''}" is not one.`,
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
