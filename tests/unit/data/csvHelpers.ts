import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseCsv, type CsvImport } from '../../../src/lib/data/csvImport.ts';
import type { CsvReadOptions } from '../../../src/lib/data/csvReader.ts';
import { getColumn, type Table } from '../../../src/lib/data/table.ts';

const FIXTURES = new URL('../../fixtures/csv/', import.meta.url);

/** A fixture as a Blob of its exact bytes, as a File from the browser would be. */
export function fixtureBlob(name: string): Blob {
  return new Blob([new Uint8Array(readFileSync(new URL(name, FIXTURES)))]);
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/**
 * Imports a fixture twice: as a Blob read in 7-byte chunks (every record crosses a chunk
 * boundary) and as one string. Both must give the same table and report counts.
 */
export async function importFixture(
  name: string,
  options: CsvReadOptions = {},
): Promise<CsvImport> {
  const fromBlob = await parseCsv(fixtureBlob(name), { ...options, chunkSize: 7 });
  const fromString = await parseCsv(fixtureText(name), options);
  expect(fromBlob.table).toEqual(fromString.table);
  expect({ ...fromBlob.report, bytes: 0 }).toEqual({ ...fromString.report, bytes: 0 });
  return fromString;
}

/** The failure message of an import that must fail. */
export async function importError(
  input: Blob | string,
  options: CsvReadOptions = {},
): Promise<Error> {
  try {
    await parseCsv(input, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the import to fail');
}

export function numbers(table: Table, name: string): number[] {
  const column = getColumn(table, name);
  if (column.kind !== 'numeric' && column.kind !== 'datetime')
    throw new Error(`${name}: ${column.kind}`);
  return Array.from(column.values);
}

/** A categorical, boolean or text column as strings, null for missing. */
export function strings(table: Table, name: string): (string | null)[] {
  const column = getColumn(table, name);
  if (column.kind === 'text') return column.values;
  if (column.kind === 'datetime') return column.raw;
  if (column.kind === 'numeric') throw new Error(`${name} is numeric`);
  return Array.from(column.codes, (code) => (code < 0 ? null : (column.dictionary[code] ?? '?')));
}
