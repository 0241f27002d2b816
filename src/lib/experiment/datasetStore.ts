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
  /** Pending or done: a run that asks for an upload still being parsed waits for it. */
  #uploads = new Map<string, Promise<LoadedDataset>>();
  #recent: LoadedDataset[] = [];

  constructor(read: DataReader) {
    this.#read = read;
  }

  /**
   * Registers a file being imported as `upload:NAME`. If the import fails, an earlier file of
   * that name stays registered.
   */
  addUpload(name: string, importing: Promise<CsvImport>): Promise<LoadedDataset> {
    const key = `upload:${name}`;
    const previous = this.#uploads.get(key);
    const dataset = importing.then((imported) => fromImport(key, imported, []));
    this.#uploads.set(key, dataset);
    dataset.catch(() => {
      if (this.#uploads.get(key) !== dataset) return;
      if (previous) this.#uploads.set(key, previous);
      else this.#uploads.delete(key);
    });
    return dataset;
  }

  async load(source: Source, options: LoadOptions): Promise<LoadedDataset> {
    const key = sourceKey(source, options.seed);
    const known = this.#uploads.get(key) ?? this.#recent.find((d) => d.key === key);
    if (known) return await known;
    const dataset = await loadSource(source, this.#read, options);
    this.#recent = [...this.#recent.filter((d) => d.key !== key), dataset].slice(-KEEP_LOADED);
    return dataset;
  }
}
