import type { RawValue } from '../features/transformRecord.ts';
import type { Table } from './table.ts';

/**
 * One table row as the raw record a serving request would carry: strings for categories and text,
 * numbers for numeric and datetime values, null for missing. A Map, so column names such as
 * "__proto__" stay plain keys.
 */
export function tableRecord(table: Table, row: number): Map<string, RawValue> {
  const record = new Map<string, RawValue>();
  for (const column of table.columns) {
    switch (column.kind) {
      case 'numeric':
      case 'datetime': {
        const value = column.values[row]!;
        record.set(column.name, Number.isNaN(value) ? null : value);
        break;
      }
      case 'categorical':
      case 'boolean': {
        const code = column.codes[row]!;
        record.set(column.name, code < 0 ? null : column.dictionary[code]!);
        break;
      }
      case 'text':
        record.set(column.name, column.values[row] ?? null);
        break;
    }
  }
  return record;
}
