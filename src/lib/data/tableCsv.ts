import Papa from 'papaparse';
import type { Column, Table } from './table.ts';

/**
 * A table as CSV text (comma, "\n" line ends, quoted where needed, a header row), every column in
 * table order. Missing values are empty cells; numbers are written so they read back to the same
 * float64 (JavaScript's shortest round-trip form); booleans as "true" / "false"; dates as the
 * original text. This is the file `npm run cli -- data` writes and the exported Python job reads.
 */
export function tableToCsv(table: Table): string {
  const cells = table.columns.map(cellReader);
  const data = Array.from({ length: table.rowCount }, (_, row) => cells.map((cell) => cell(row)));
  const text = Papa.unparse(
    { fields: table.columns.map((c) => c.name), data },
    { newline: '\n', escapeFormulae: false },
  );
  return `${text}\n`;
}

function cellReader(column: Column): (row: number) => string {
  switch (column.kind) {
    case 'numeric':
      return (row) => (Number.isNaN(column.values[row]!) ? '' : String(column.values[row]!));
    case 'categorical':
    case 'boolean':
      return (row) => {
        const code = column.codes[row]!;
        return code < 0 ? '' : column.dictionary[code]!;
      };
    case 'text':
      return (row) => column.values[row] ?? '';
    case 'datetime':
      return (row) => (Number.isNaN(column.values[row]!) ? '' : (column.raw[row] ?? ''));
  }
}
