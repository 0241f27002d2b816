import { histogram, type Histogram } from '../metrics/histogram.ts';
import type { Column } from './table.ts';
import { distinctCount } from './distinctCount.ts';
import { columnBytes } from './tableStats.ts';

/** A value and how many rows hold it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** What the data step shows for one column, computed from the typed column alone. */
export interface ColumnSummary {
  missingCount: number;
  /** missingCount / row count, 0 for an empty column. */
  missingShare: number;
  /** Distinct non-missing values. */
  cardinality: number;
  /** Categorical, boolean and text: the most frequent values (ties by value), at most TOP_VALUES. */
  topValues?: ValueCount[];
  /**
   * Numeric and datetime (epoch ms): a histogram of the non-missing values over [min, max],
   * HISTOGRAM_BINS bins (1 when all are equal).
   */
  histogram?: Histogram;
  memoryBytes: number;
}

export const TOP_VALUES = 10;
export const HISTOGRAM_BINS = 20;

/** Summarises a column; O(n) but for the cardinality of many distinct numbers in no order. */
export function summarizeColumn(column: Column): ColumnSummary {
  const rows = rowsOf(column);
  const memoryBytes = columnBytes(column);
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    // Both counts skip NaN themselves: a compact copy of the present values was the import's
    // largest transient allocation after reading (docs/design.md, "CSV import").
    const missingCount = countNaN(column.values);
    return {
      missingCount,
      missingShare: rows === 0 ? 0 : missingCount / rows,
      cardinality: distinctCount(column.values),
      ...(missingCount < rows
        ? { histogram: histogram(column.values, { bins: HISTOGRAM_BINS }) }
        : {}),
      memoryBytes,
    };
  }
  const counts = column.kind === 'text' ? countStrings(column.values) : countCodes(column);
  let missingCount = rows;
  for (const { count } of counts) missingCount -= count;
  return {
    missingCount,
    missingShare: rows === 0 ? 0 : missingCount / rows,
    cardinality: counts.length,
    topValues: topValues(counts),
    memoryBytes,
  };
}

function rowsOf(column: Column): number {
  return 'codes' in column ? column.codes.length : column.values.length;
}

function countNaN(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i] as number)) count++;
  return count;
}

function countCodes(column: { codes: Int32Array; dictionary: string[] }): ValueCount[] {
  const perCode = new Float64Array(column.dictionary.length);
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i] as number;
    if (code >= 0) perCode[code] = (perCode[code] as number) + 1;
  }
  const counts: ValueCount[] = [];
  column.dictionary.forEach((value, code) => {
    const count = perCode[code] as number;
    if (count > 0) counts.push({ value, count });
  });
  return counts;
}

function countStrings(values: readonly (string | null)[]): ValueCount[] {
  const perValue = new Map<string, number>();
  for (const value of values) {
    if (value !== null) perValue.set(value, (perValue.get(value) ?? 0) + 1);
  }
  return Array.from(perValue, ([value, count]) => ({ value, count }));
}

function topValues(counts: ValueCount[]): ValueCount[] {
  return counts
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, TOP_VALUES);
}
