import { writeFile } from 'node:fs/promises';
import { loadSource, withTypes } from '../lib/experiment/loadSource.ts';
import { ExportError, exportPythonJobFor } from '../lib/export/pythonJob.ts';
import { readConfigFile } from './configFile.ts';
import { readCommandArgs } from './commandArgs.ts';
import { InputError } from './inputError.ts';
import { nodeDataReader } from './nodeDataReader.ts';

export const EXPORT_USAGE = `export python CONFIG.json [--out pipeline.py] [--data PATH] [--dask ADDRESS|local:N]
  Writes the config as a readable Python 3 job (pandas, scikit-learn, XGBoost) with the same
  encodings, sampling, calibration and metrics; it prints one JSON object of metrics. The data
  is read once here to learn the column types. --data: the CSV the script reads by default (a
  csv: source's own file otherwise; for built-in and synthetic data write it with
  "npm run cli -- data CONFIG.json --out data.csv"). --dask: the job runs on Dask, on a
  LocalCluster of N worker processes (local:N) or the scheduler at ADDRESS. Without --out the
  script goes to stdout.`;

const OPTIONS = ['out', 'data', 'dask'] as const;

/** `export python CONFIG.json [options]`: the script (stdout) or a line saying where it went. */
export async function exportCommand(args: readonly string[], cwd = process.cwd()): Promise<string> {
  const [format, ...rest] = args;
  if (format !== 'python')
    throw new InputError(
      `export: the only format is python; usage: ${EXPORT_USAGE.split('\n')[0]}`,
    );
  const { positional, options } = readCommandArgs('export', rest, OPTIONS);
  if (positional.length !== 1) throw new InputError('export: expected one argument, CONFIG.json');
  const { dask, data, out } = options;
  if (
    dask !== undefined &&
    !/^local:[1-9]\d*$/.test(dask) &&
    !/^[\w.+-]+:\/\/|^[\w.-]+:\d+$/.test(dask)
  )
    throw new InputError(
      `export: --dask is local:N or a scheduler address (tcp://host:8786); got ${dask}`,
    );
  const configFile = positional[0]!;
  const config = readConfigFile(configFile);
  const reader = nodeDataReader(config.data.source, cwd);
  let script: string;
  try {
    const dataset = withTypes(
      await loadSource(config.data.source, reader.read, { seed: config.seed }),
      config.data.types,
    );
    script = exportPythonJobFor(config, dataset, {
      ...(data !== undefined ? { dataPath: data } : {}),
      ...(dask !== undefined ? { dask } : {}),
    });
  } catch (error) {
    if (error instanceof ExportError) throw new InputError(`${configFile}: ${error.message}`);
    throw new InputError(`${reader.lastFile() ?? configFile}: ${(error as Error).message}`);
  }
  if (out === undefined) return script.trimEnd();
  try {
    await writeFile(out, script);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${out}: cannot write the script (${code})`);
  }
  return `Python job written to ${out}`;
}
