import { writeFile } from 'node:fs/promises';
import { tableToCsv } from '../lib/data/tableCsv.ts';
import { loadSource, withTypes } from '../lib/experiment/loadSource.ts';
import { readCommandArgs } from './commandArgs.ts';
import { InputError } from './inputError.ts';
import { nodeDataReader } from './nodeDataReader.ts';
import { readConfigFile } from './configFile.ts';

export const DATA_USAGE = `data CONFIG.json --out DATA.csv
  Writes the table the config's data.source resolves to (a built-in set, the synthetic click
  data for the config's seed, or a csv: file) as one plain CSV with every column: comma-separated,
  missing values empty, booleans true/false. The exported Python job reads this file.`;

/** `data CONFIG.json --out FILE`: writes the CSV and returns a one-line summary. */
export async function dataCommand(args: readonly string[], cwd = process.cwd()): Promise<string> {
  const { positional, options } = readCommandArgs('data', args, ['out']);
  const { out } = options;
  if (positional.length !== 1 || out === undefined)
    throw new InputError('data: expected CONFIG.json --out DATA.csv');
  const configFile = positional[0]!;
  const config = readConfigFile(configFile);
  const reader = nodeDataReader(config.data.source, cwd);
  let table;
  try {
    const loaded = await loadSource(config.data.source, reader.read, { seed: config.seed });
    table = withTypes(loaded, config.data.types).table;
  } catch (error) {
    throw new InputError(`${reader.lastFile() ?? configFile}: ${(error as Error).message}`);
  }
  try {
    await writeFile(out, tableToCsv(table));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${out}: cannot write the data (${code})`);
  }
  return `${table.rowCount} rows x ${table.columns.length} columns written to ${out}`;
}
