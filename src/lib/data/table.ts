import { quoteInput } from '../text/quoteInput.ts';
/**
 * The columnar in-memory table every part of src/lib reads.
 * Numeric values are float64 with NaN for missing; categorical values are dictionary codes with -1 for missing.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'text' | 'datetime';

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  /** NaN marks a missing value. */
  values: Float64Array;
}

export interface CategoricalColumn {
  /** 'boolean' is a two-level categorical column: dictionary [false label, true label] as the file spells them ("0"/"1", "no"/"yes"). */
  kind: 'categorical' | 'boolean';
  name: string;
  /** Index into dictionary, -1 for missing. */
  codes: Int32Array;
  dictionary: string[];
}

export interface TextColumn {
  kind: 'text';
  name: string;
  /** null marks a missing value. */
  values: (string | null)[];
}

export interface DatetimeColumn {
  kind: 'datetime';
  name: string;
  /** Milliseconds since the Unix epoch (UTC), NaN for missing. */
  values: Float64Array;
  /** The original strings, kept for display. */
  raw: (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn | TextColumn | DatetimeColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`No column named ${quoteInput(name)}`);
  return column;
}
