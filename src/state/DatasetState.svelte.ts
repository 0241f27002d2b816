import * as Comlink from 'comlink';
import type { EngineClient } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { CsvProgress } from '../lib/data/csvReader.ts';
import type { Outcome } from '../lib/engineApi.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { DatasetView } from '../lib/experiment/inspectDataset.ts';
import type { ExperimentPlan } from '../lib/experiment/planExperiment.ts';

/** Ids for cancellable imports, apart from run ids. */
let nextImportId = 1_000_000;

/**
 * The data set as the data step shows it: column summaries, the live plan of the current config,
 * and CSV imports. A failed import leaves the previous data set and its view in place.
 */
export class DatasetState {
  view = $state.raw<DatasetView | null>(null);
  plan = $state.raw<ExperimentPlan | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  planError = $state<string | null>(null);
  importing = $state.raw<{ name: string; progress: CsvProgress | null } | null>(null);
  importError = $state<string | null>(null);
  /** Names of files imported in this session, selectable as `upload:NAME`. */
  uploads = $state.raw<string[]>([]);

  #engine: EngineClient;
  #importController: AbortController | null = null;
  /** The imported files themselves, to send again to a worker that replaced a failed one. */
  #files = new Map<string, File>();
  /** Latest request wins: replies to older ones are dropped. */
  #inspectSeq = 0;
  #planSeq = 0;

  constructor(engine: EngineClient) {
    this.#engine = engine;
    engine.onRestart(() => {
      for (const file of this.#files.values()) void this.importFile(file);
    });
  }

  async inspect(config: ExperimentConfig): Promise<void> {
    const seq = ++this.#inspectSeq;
    this.loading = true;
    const outcome = await this.#call<DatasetView>((api) => api.inspect(config));
    if (seq !== this.#inspectSeq) return;
    this.loading = false;
    if (outcome.ok) {
      this.view = outcome.value;
      this.error = null;
    } else this.error = outcome.message;
  }

  async replan(config: ExperimentConfig): Promise<void> {
    const seq = ++this.#planSeq;
    const outcome = await this.#call<ExperimentPlan>((api) => api.plan(config));
    if (seq !== this.#planSeq) return;
    if (outcome.ok) {
      this.plan = outcome.value;
      this.planError = null;
    } else {
      this.plan = null;
      this.planError = outcome.message;
    }
  }

  preview(config: ExperimentConfig, start: number, count: number): Promise<Outcome<string[][]>> {
    return this.#call((api) => api.preview(config, start, count));
  }

  /** Parses a file in the worker; resolves to its name once it can be used as `upload:NAME`. */
  async importFile(file: File): Promise<string | null> {
    const id = nextImportId++;
    const controller = new AbortController();
    this.#importController = controller;
    this.importError = null;
    this.importing = { name: file.name, progress: null };
    const onProgress = (progress: CsvProgress) => {
      if (this.importing) this.importing = { name: file.name, progress };
    };
    try {
      const outcome = await this.#engine.call<Outcome<DatasetView>>(
        (api) => api.importCsv(id, file.name, file, Comlink.proxy(onProgress)),
        { timeoutMs: 10 * 60_000, signal: controller.signal, cancel: (api) => api.cancel(id) },
      );
      if (!outcome.ok) {
        if (!outcome.cancelled) this.importError = `${file.name}: ${outcome.message}`;
        return null;
      }
      this.uploads = [...new Set([...this.uploads, file.name])];
      this.#files.set(file.name, file);
      return file.name;
    } catch (error) {
      if (!(error instanceof EngineCancelled))
        this.importError = `${file.name}: ${messageOf(error)}`;
      return null;
    } finally {
      this.importing = null;
      this.#importController = null;
    }
  }

  cancelImport(): void {
    this.#importController?.abort();
  }

  async #call<T>(fn: Parameters<EngineClient['call']>[0]): Promise<Outcome<T>> {
    try {
      return (await this.#engine.call(fn)) as Outcome<T>;
    } catch (error) {
      return { ok: false, cancelled: false, message: messageOf(error) };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
