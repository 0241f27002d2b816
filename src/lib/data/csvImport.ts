import type { ColumnKind, Table } from './table.ts';
import type { RawColumn, RawNumericColumn } from './csvRawColumns.ts';
import { readCsvRaw, type CsvReadOptions, type ImportReport } from './csvReader.ts';
import {
  buildColumnAs,
  inferColumn,
  numericColumnOf,
  overflowNote,
  rawOf,
  type ColumnSchema,
} from './schema.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** An imported file: the typed table, one schema entry per column, and what the import did. */
export interface CsvImport {
  table: Table;
  /** Same order as table.columns. */
  schema: ColumnSchema[];
  report: ImportReport;
  /**
   * Per column, the raw form kept for overrides (same order as table.columns); null where the
   * typed column already holds the strings or keeping them would cost too much memory.
   */
  sources: (RawColumn | null)[];
}

/**
 * Parses a CSV/TSV file (a Blob or File in a worker, a string or Blob in Node) into a typed
 * table with an inferred schema. Streams in chunks with progress and cancel; see readCsvRaw.
 * @throws CsvError for a file the user must fix; CancelledError when `signal` aborts.
 */
export async function parseCsv(
  input: Blob | string,
  options: CsvReadOptions = {},
): Promise<CsvImport> {
  const { names, columns, report } = await readCsvRaw(input, options);
  const built = names.map((name, i) => {
    const raw = columns[i] as RawColumn | RawNumericColumn;
    return 'values' in raw
      ? numericColumnOf(name, raw, report.rows)
      : inferColumn(name, raw, report.rows, report.delimiter);
  });
  const schema = built.map((b) => b.schema);
  // Overflowing numbers are counted per column in the schema; the report says which columns.
  for (const column of schema) {
    if (column.overflowed > 0) {
      report.warnings.push(`Column ${quoteInput(column.name)}: ${overflowNote(column.overflowed)}`);
    }
  }
  return {
    table: { rowCount: report.rows, columns: built.map((b) => b.column) },
    schema,
    report,
    sources: built.map((b) => b.source),
  };
}

/**
 * A copy of the import with one column rebuilt as `kind` (e.g. numeric -> categorical,
 * categorical -> text), from its kept raw form, without the file. Other columns are shared.
 * @throws Error for an unknown column or an impossible boolean.
 */
export function retypeColumn(imported: CsvImport, name: string, kind: ColumnKind): CsvImport {
  const index = columnIndex(imported, name);
  const schema = imported.schema[index] as ColumnSchema;
  const raw = rawOf(
    imported.table.columns[index] as CsvImport['table']['columns'][number],
    imported.sources[index] ?? null,
    schema.missingTokens,
  );
  const built = buildColumnAs(name, raw, kind, imported.report.delimiter, schema.excluded);
  built.schema.idLike = schema.idLike;
  return {
    ...imported,
    table: { ...imported.table, columns: replaceAt(imported.table.columns, index, built.column) },
    schema: replaceAt(imported.schema, index, built.schema),
    sources: replaceAt(imported.sources, index, built.source),
  };
}

/** A copy of the import with one column excluded from (or returned to) the features. */
export function setColumnExcluded(imported: CsvImport, name: string, excluded: boolean): CsvImport {
  const index = columnIndex(imported, name);
  const schema = { ...(imported.schema[index] as ColumnSchema), excluded };
  return { ...imported, schema: replaceAt(imported.schema, index, schema) };
}

function columnIndex(imported: CsvImport, name: string): number {
  const index = imported.schema.findIndex((s) => s.name === name);
  if (index < 0) throw new Error(`No column named ${quoteInput(name)}`);
  return index;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}
