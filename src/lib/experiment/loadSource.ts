import { findBuiltin } from '../data/builtins.ts';
import { parseCsv, retypeColumn, type CsvImport } from '../data/csvImport.ts';
import type { CsvProgress } from '../data/csvReader.ts';
import { generateCtr } from '../data/synthetic.ts';
import type { ColumnKind } from '../data/table.ts';
import { featureSpecOf, type ExperimentConfig } from './config.ts';
import { isFeatureColumn } from '../features/featureColumns.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** Reads a data file by path: fetch relative to the app in a worker, the file system in the CLI. */
export type DataReader = (path: string) => Promise<Blob | string>;

export type Source = ExperimentConfig['data']['source'];

/** A table ready for experiments, with the columns that must never become features. */
export interface LoadedDataset {
  /** Cache key: the same key is the same table. */
  key: string;
  imported: CsvImport | null;
  table: CsvImport['table'];
  /** Never features: a true-probability column, a built-in set's ignored columns. */
  exclude: string[];
  /** Left out unless the config asks for them (`drop: false`): id-like and all-missing columns. */
  excludedByDefault: string[];
}

export interface LoadOptions {
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: CsvProgress) => void;
}

/** The cache key of a source: a synthetic table depends on its spec and the seed. */
export function sourceKey(source: Source, seed: number): string {
  return typeof source === 'string'
    ? source
    : `synthetic:${JSON.stringify(source.synthetic)}:${seed}`;
}

/** Loads `builtin:NAME`, `csv:PATH` or a synthetic spec. Uploads are registered, not loaded. */
export async function loadSource(
  source: Source,
  read: DataReader,
  options: LoadOptions,
): Promise<LoadedDataset> {
  const key = sourceKey(source, options.seed);
  if (typeof source !== 'string') {
    const { kind: _kind, ...spec } = source.synthetic;
    return {
      key,
      imported: null,
      table: generateCtr(spec, options.seed),
      exclude: ['p_true'],
      excludedByDefault: [],
    };
  }
  const [scheme, ...rest] = source.split(':');
  const name = rest.join(':');
  if (scheme === 'builtin') {
    const builtin = findBuiltin(name);
    if (!builtin) throw new Error(`There is no built-in data set named ${quoteInput(name)}.`);
    if (builtin.kind === 'generated') {
      return {
        key,
        imported: null,
        table: generateCtr(builtin.spec, options.seed),
        exclude: builtin.ignoreColumns ?? [],
        excludedByDefault: [],
      };
    }
    const imported = await parseCsv(await read(builtin.file), csvOptions(options));
    return fromImport(key, imported, builtin.ignoreColumns ?? []);
  }
  if (scheme === 'csv')
    return fromImport(key, await parseCsv(await read(name), csvOptions(options)), []);
  throw new Error(`The data set ${quoteInput(source)} is not loaded: import the file again.`);
}

/** A dataset from an imported CSV: the schema's excluded columns (id-like, all missing) start out. */
export function fromImport(key: string, imported: CsvImport, exclude: string[]): LoadedDataset {
  const excludedByDefault = imported.schema.filter((s) => s.excluded).map((s) => s.name);
  return { key, imported, table: imported.table, exclude, excludedByDefault };
}

/**
 * Columns that are not features for this config ({@link isFeatureColumn}): the target, the data
 * set's exclusions, the ranking group, and the columns the spec drops.
 */
export function featureExclusions(dataset: LoadedDataset, config: ExperimentConfig): string[] {
  const spec = featureSpecOf(config);
  const exclusions = {
    // The group says which rows are ranked together (docs/design.md "Ranking metrics").
    never: [
      config.data.target,
      ...dataset.exclude,
      ...(config.data.group === undefined ? [] : [config.data.group]),
    ],
    byDefault: dataset.excludedByDefault,
  };
  return dataset.table.columns
    .map((c) => c.name)
    .filter((name) => !isFeatureColumn(spec, name, exclusions));
}

/** The dataset with the user's column type overrides applied (cheap: no file re-read). */
export function withTypes(
  dataset: LoadedDataset,
  types: Record<string, ColumnKind> | undefined,
): LoadedDataset {
  if (!types || !dataset.imported) return dataset;
  let imported = dataset.imported;
  for (const name of Object.keys(types)) {
    const kind = types[name]!;
    const current = imported.schema.find((s) => s.name === name);
    if (current && current.kind !== kind) imported = retypeColumn(imported, name, kind);
  }
  return imported === dataset.imported ? dataset : { ...dataset, imported, table: imported.table };
}

function csvOptions(options: LoadOptions) {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}
