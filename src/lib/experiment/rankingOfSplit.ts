import type { Column, Table } from '../data/table.ts';
import { rankingMetrics, type RankingMetrics } from '../metrics/rankingMetrics.ts';
import type { ExperimentConfig } from './config.ts';

/**
 * The group column of a config (`data.group`), checked against the table and the task: ranking
 * metrics need a binary target and a column other than it. Null when the config has none.
 */
export function groupColumnOf(config: ExperimentConfig, table: Table): Column | null {
  const name = config.data.group;
  if (name === undefined) return null;
  if (config.data.task !== 'binary') {
    throw new Error(
      `data.group: ranking by "${name}" needs a binary task; this one is ${config.data.task}.`,
    );
  }
  if (name === config.data.target) {
    throw new Error(`data.group: "${name}" is the target; choose another column.`);
  }
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`data.group: there is no column named "${name}".`);
  return column;
}

/** The group key of a table row, or null when the value is missing. */
function groupKey(column: Column, row: number): string | number | null {
  switch (column.kind) {
    case 'categorical':
    case 'boolean': {
      const code = column.codes[row]!;
      return code < 0 ? null : code;
    }
    case 'text':
      return column.values[row] ?? null;
    default: {
      const value = column.values[row]!;
      return Number.isNaN(value) ? null : value;
    }
  }
}

/** Ranking metrics of one split, and the rows left out because their group value is missing. */
export interface SplitRanking extends RankingMetrics {
  /** Rows whose group value is missing: they belong to no group and are left out. */
  rowsWithoutGroup: number;
}

/**
 * Ranking metrics (docs/design.md "Ranking metrics") of a split's final probabilities `p` against
 * its labels `y`, grouped by `column`; `rows` are the split's table rows, aligned with y and p.
 */
export function rankingOfSplit(
  column: Column,
  rows: Int32Array,
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  k: number,
): SplitRanking {
  const keys: (string | number)[] = [];
  const keptY: number[] = [];
  const keptP: number[] = [];
  rows.forEach((row, i) => {
    const key = groupKey(column, row);
    if (key === null) return;
    keys.push(key);
    keptY.push(y[i]!);
    keptP.push(p[i]!);
  });
  return { ...rankingMetrics(keptY, keptP, keys, k), rowsWithoutGroup: rows.length - keys.length };
}
