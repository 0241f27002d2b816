import type { ImportReport } from '../data/csvReader.ts';
import { detectLeakage, type LeakageFinding } from '../data/leakage.ts';
import type { ColumnSchema } from '../data/schema.ts';
import { summarizeColumn } from '../data/schemaSummary.ts';
import { bytesPerRow, tableBytes } from '../data/tableStats.ts';
import type { Column, Table } from '../data/table.ts';
import type { LoadedDataset } from './loadSource.ts';

/** One column as the data step lists it. */
export type ColumnView = Pick<
  ColumnSchema,
  | 'name'
  | 'kind'
  | 'missingCount'
  | 'missingShare'
  | 'cardinality'
  | 'topValues'
  | 'histogram'
  | 'memoryBytes'
  | 'idLike'
  | 'notes'
> & {
  /** Never a feature: a true-probability column or a built-in set's ignored column. */
  excluded: boolean;
  /** Left out unless the user opts in: id-like or all-missing. */
  excludedByDefault: boolean;
};

/** What the data step shows about a loaded data set: small, plain, safe to send across. */
export interface DatasetView {
  key: string;
  rows: number;
  bytes: number;
  bytesPerRow: number;
  columns: ColumnView[];
  /** Columns that alone predict the target suspiciously well. */
  leakage: LeakageFinding[];
  /** What the CSV importer found and did; null for generated data. */
  importReport: ImportReport | null;
}

/** Summaries of every column, with leakage flags for `target` when it is a column. */
export function inspectDataset(dataset: LoadedDataset, target: string | undefined): DatasetView {
  const { table, imported } = dataset;
  const excluded = new Set(dataset.exclude);
  const byDefault = new Set(dataset.excludedByDefault);
  const columns: ColumnView[] = table.columns.map((column, i) => {
    const schema = imported?.schema[i];
    const summary = schema ?? { ...summarizeColumn(column), idLike: false, notes: [] };
    return {
      name: column.name,
      kind: column.kind,
      missingCount: summary.missingCount,
      missingShare: summary.missingShare,
      cardinality: summary.cardinality,
      ...(summary.topValues ? { topValues: summary.topValues } : {}),
      ...(summary.histogram ? { histogram: summary.histogram } : {}),
      memoryBytes: summary.memoryBytes,
      idLike: summary.idLike,
      notes: summary.notes,
      excluded: excluded.has(column.name),
      excludedByDefault: byDefault.has(column.name),
    };
  });
  const hasTarget = target !== undefined && table.columns.some((c) => c.name === target);
  return {
    key: dataset.key,
    rows: table.rowCount,
    bytes: tableBytes(table),
    bytesPerRow: bytesPerRow(table),
    columns,
    leakage: hasTarget ? detectLeakage(table, target, { exclude: dataset.exclude }) : [],
    importReport: imported?.report ?? null,
  };
}

/** Rows `start` to `start + count` as display strings, for the virtualised preview. */
export function previewRows(table: Table, start: number, count: number): string[][] {
  const end = Math.min(table.rowCount, Math.max(0, start) + Math.max(0, count));
  const rows: string[][] = [];
  for (let r = Math.max(0, start); r < end; r++)
    rows.push(table.columns.map((c) => displayValue(c, r)));
  return rows;
}

function displayValue(column: Column, row: number): string {
  switch (column.kind) {
    case 'numeric': {
      const v = column.values[row]!;
      return Number.isNaN(v) ? '' : String(v);
    }
    case 'datetime':
      return column.raw[row] ?? '';
    case 'categorical':
    case 'boolean': {
      const code = column.codes[row]!;
      return code < 0 ? '' : column.dictionary[code]!;
    }
    case 'text':
      return column.values[row] ?? '';
  }
}
