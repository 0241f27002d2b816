import type { Column, Table } from './table.ts';

/** Bytes V8 spends on one string: a header plus 1 byte a character (Latin-1) or 2 (other). */
export function stringBytes(value: string): number {
  return 16 + value.length * (/[^\u0000-\u00ff]/.test(value) ? 2 : 1);
}

const POINTER_BYTES = 8;

/**
 * Estimated memory of one column in bytes: typed arrays exactly, string arrays as one pointer
 * a row plus each distinct string once (equal strings share storage after import).
 */
export function columnBytes(column: Column): number {
  switch (column.kind) {
    case 'numeric':
      return column.values.byteLength;
    case 'categorical':
    case 'boolean': {
      let bytes = column.codes.byteLength + column.dictionary.length * POINTER_BYTES;
      for (const value of column.dictionary) bytes += stringBytes(value);
      return bytes;
    }
    case 'text':
      return stringArrayBytes(column.values);
    case 'datetime':
      return column.values.byteLength + stringArrayBytes(column.raw);
  }
}

function stringArrayBytes(values: readonly (string | null)[]): number {
  let bytes = values.length * POINTER_BYTES;
  const seen = new Set<string>();
  for (const value of values) {
    if (value === null || seen.has(value)) continue;
    seen.add(value);
    bytes += stringBytes(value);
  }
  return bytes;
}

/** Estimated memory of the whole table in bytes (the figure shown to the user). */
export function tableBytes(table: Table): number {
  let bytes = 0;
  for (const column of table.columns) bytes += columnBytes(column);
  return bytes;
}

/** tableBytes divided by the row count; 0 for an empty table. */
export function bytesPerRow(table: Table): number {
  return table.rowCount === 0 ? 0 : tableBytes(table) / table.rowCount;
}
