import type { EngineClient } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { CsvProgress } from '../lib/data/csvReader.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { DatasetView } from '../lib/experiment/inspectDataset.ts';
import type { ExperimentPlan } from '../lib/experiment/planExperiment.ts';

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
    try {
      const view = await this.#engine.inspect(config);
      if (seq !== this.#inspectSeq) return;
      this.view = view;
      this.error = null;
    } catch (error) {
      if (seq === this.#inspectSeq) this.error = messageOf(error);
    } finally {
      if (seq === this.#inspectSeq) this.loading = false;
    }
  }

  async replan(config: ExperimentConfig): Promise<void> {
    const seq = ++this.#planSeq;
    try {
      const plan = await this.#engine.plan(config);
      if (seq !== this.#planSeq) return;
      this.plan = plan;
      this.planError = null;
    } catch (error) {
      if (seq !== this.#planSeq) return;
      this.plan = null;
      this.planError = messageOf(error);
    }
  }

  /** `count` rows from `start` as display strings; null when they cannot be read. */
  async preview(
    config: ExperimentConfig,
    start: number,
    count: number,
  ): Promise<string[][] | null> {
    try {
      return await this.#engine.preview(config, start, count);
    } catch {
      return null;
    }
  }

  /** Parses a file in the worker; resolves to its name once it can be used as `upload:NAME`. */
  async importFile(file: File): Promise<string | null> {
    const controller = new AbortController();
    this.#importController = controller;
    this.importError = null;
    this.importing = { name: file.name, progress: null };
    const onProgress = (progress: CsvProgress) => {
      if (this.importing) this.importing = { name: file.name, progress };
    };
    try {
      await this.#engine.importFile(file, { onProgress, signal: controller.signal });
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
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
