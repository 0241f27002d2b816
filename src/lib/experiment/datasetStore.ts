import type { CsvImport } from '../data/csvImport.ts';
import {
  fromImport,
  loadSource,
  sourceKey,
  type DataReader,
  type LoadOptions,
  type LoadedDataset,
  type Source,
} from './loadSource.ts';

/** Loaded tables kept besides uploads, most recent last: switching between two sets stays instant. */
const KEEP_LOADED = 2;

/**
 * The data sets the engine holds: uploads by name (until replaced) and a few recently loaded
 * sources, so that runs on the same data do not parse or generate it again.
 */
export class DatasetStore {
  #read: DataReader;
  #uploads = new Map<string, LoadedDataset>();
  #recent: LoadedDataset[] = [];

  constructor(read: DataReader) {
    this.#read = read;
  }

  /** Registers an imported file as `upload:NAME`. */
  addUpload(name: string, imported: CsvImport): LoadedDataset {
    const dataset = fromImport(`upload:${name}`, imported, []);
    this.#uploads.set(dataset.key, dataset);
    return dataset;
  }

  async load(source: Source, options: LoadOptions): Promise<LoadedDataset> {
    const key = sourceKey(source, options.seed);
    const known = this.#uploads.get(key) ?? this.#recent.find((d) => d.key === key);
    if (known) return known;
    const dataset = await loadSource(source, this.#read, options);
    this.#recent = [...this.#recent.filter((d) => d.key !== key), dataset].slice(-KEEP_LOADED);
    return dataset;
  }
}
