import * as Comlink from 'comlink';
import type { EngineClient, EngineNotice } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { BackendChoice, BackendReport } from '../lib/backend.ts';
import type { TrainOutcome } from '../lib/engineApi.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { LossPoint, RunProgress } from '../lib/experiment/result.ts';
import type { Run } from '../lib/experiment/run.ts';
import { referenceRun } from '../lib/experiment/runSetup.ts';
import { nextRunId, skippedRunsMessage } from '../lib/experiment/storedRun.ts';
import { openRunStore, type RunStore, type StoreResult } from './runStore.ts';

export type { Run } from '../lib/experiment/run.ts';

/** How long a run waits for saved runs to load before it starts anyway. */
const STORAGE_WAIT_MS = 3000;

/** A training run may take a while on big data; beyond this the engine is presumed hung. */
const TRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs and the engine's state as the UI sees them. Every finished run is kept in IndexedDB, so a
 * reload loses nothing; a failed or cancelled run leaves earlier results untouched.
 */
export class RunsState {
  runs = $state.raw<Run[]>([]);
  selectedId = $state<number | null>(null);
  baselineId = $state<number | null>(null);
  /** Runs ticked for side-by-side comparison. */
  compareIds = $state.raw<number[]>([]);
  /** Configs waiting behind the running one. */
  queue = $state.raw<ExperimentConfig[]>([]);
  running = $state(false);
  progress = $state.raw<RunProgress | null>(null);
  liveCurve = $state.raw<LossPoint[]>([]);
  error = $state<string | null>(null);
  notices = $state.raw<EngineNotice[]>([]);
  backend = $state.raw<BackendReport | null>(null);
  /** Resolves once saved runs are loaded (or storage is known to be unavailable). */
  ready: Promise<void>;

  selected = $derived(this.runs.find((r) => r.id === this.selectedId) ?? this.runs.at(-1) ?? null);
  baseline = $derived(this.runs.find((r) => r.id === this.baselineId) ?? null);
  /**
   * What the selected run is compared with: the pinned baseline, else the latest run before it,
   * either only when it poses the same problem (same data, target and task).
   */
  reference = $derived(
    this.selected ? referenceRun(this.runs, this.selected, this.baselineId) : null,
  );
  compared = $derived(this.runs.filter((r) => this.compareIds.includes(r.id)));

  #engine: EngineClient;
  #store: RunStore | null = null;
  #controller: AbortController | null = null;
  #nextId = 1;

  constructor(engine: EngineClient) {
    this.#engine = engine;
    engine.onNotice((notice) => {
      this.#notify(notice);
      void this.refreshBackend();
    });
    this.ready = this.#load();
  }

  async refreshBackend(): Promise<void> {
    try {
      this.backend = await this.#engine.backend();
    } catch (error) {
      this.error = `The engine could not start: ${messageOf(error)}`;
    }
  }

  async setBackend(choice: BackendChoice): Promise<void> {
    this.backend = null;
    try {
      this.backend = await this.#engine.setBackend(choice);
    } catch (error) {
      this.error = `The ${choice} backend could not start: ${messageOf(error)}`;
    }
  }

  /** Starts a run now, or queues it behind the running one. */
  enqueue(config: ExperimentConfig): void {
    this.queue = [...this.queue, config];
    if (!this.running) void this.#drain();
  }

  /** Stops the running run; queued runs still start afterwards. */
  cancel(): void {
    this.#controller?.abort();
  }

  clearQueue(): void {
    this.queue = [];
  }

  select(id: number): void {
    this.selectedId = id;
  }

  async rename(id: number, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    this.runs = this.runs.map((r) => (r.id === id ? { ...r, name: trimmed } : r));
    await this.#persist(this.#store?.rename(id, trimmed));
  }

  async remove(id: number): Promise<void> {
    this.runs = this.runs.filter((r) => r.id !== id);
    this.compareIds = this.compareIds.filter((c) => c !== id);
    if (this.baselineId === id) this.baselineId = null;
    if (this.selectedId === id) this.selectedId = null;
    await this.#persist(this.#store?.delete(id));
  }

  async pinBaseline(id: number | null): Promise<void> {
    this.baselineId = id;
    await this.#persist(this.#store?.setBaseline(id));
  }

  toggleCompare(id: number): void {
    this.compareIds = this.compareIds.includes(id)
      ? this.compareIds.filter((c) => c !== id)
      : [...this.compareIds, id];
  }

  async #load(): Promise<void> {
    this.#store = await openRunStore();
    if (this.#store.unavailable) {
      this.#notify({ kind: 'warning', message: this.#store.unavailable.reason });
      return;
    }
    const [list, baseline] = await Promise.all([this.#store.list(), this.#store.getBaseline()]);
    if (!list.ok) {
      this.#notify({ kind: 'warning', message: list.reason });
      return;
    }
    // Runs finished before storage answered stay, after the saved ones.
    this.runs = [...list.runs, ...this.runs];
    this.#nextId = Math.max(this.#nextId, nextRunId(this.runs));
    const skipped = skippedRunsMessage(list.skipped.length);
    if (skipped) this.#notify({ kind: 'warning', message: skipped });
    if (baseline.ok) this.baselineId = baseline.id;
  }

  async #drain(): Promise<void> {
    while (this.queue.length > 0) {
      const [config, ...rest] = this.queue;
      this.queue = rest;
      await this.#run(config!);
    }
  }

  async #run(config: ExperimentConfig): Promise<void> {
    // Run ids continue after the saved ones; storage that does not answer must not block training.
    await Promise.race([
      this.ready,
      new Promise((resolve) => setTimeout(resolve, STORAGE_WAIT_MS)),
    ]);
    const id = this.#nextId++;
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.error = null;
    this.progress = null;
    this.liveCurve = [];
    const onProgress = (progress: RunProgress) => {
      this.progress = progress;
      if (progress.phase === 'training') {
        const point: LossPoint = { step: progress.step, trainLoss: progress.trainLoss ?? NaN };
        if (progress.validationLoss !== undefined) point.validationLoss = progress.validationLoss;
        this.liveCurve = [...this.liveCurve, point];
      }
    };
    try {
      const outcome = await this.#engine.call<TrainOutcome>(
        (api) => api.train(id, config, Comlink.proxy(onProgress)),
        {
          timeoutMs: TRAIN_TIMEOUT_MS,
          signal: controller.signal,
          cancel: (api) => api.cancel(id),
        },
      );
      if (outcome.ok) {
        const run: Run = { id, name: `Run ${id}`, createdAt: Date.now(), result: outcome.value };
        this.runs = [...this.runs, run];
        this.selectedId = id;
        await this.#persist(this.#store?.put(run));
      } else if (!outcome.cancelled) this.error = outcome.message;
    } catch (error) {
      if (!(error instanceof EngineCancelled)) this.error = messageOf(error);
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }

  /** Storage problems are told, never fatal: the run stays on screen. */
  async #persist(pending: Promise<StoreResult> | undefined): Promise<void> {
    const result = await pending;
    if (result && !result.ok) this.#notify({ kind: 'warning', message: result.reason });
  }

  #notify(notice: EngineNotice): void {
    this.notices = [...this.notices.slice(-4), notice];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
