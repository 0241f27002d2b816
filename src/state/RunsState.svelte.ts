import type { EngineClient, EngineNotice } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { BackendChoice, BackendReport } from '../lib/backend.ts';
import type { Outcome } from '../lib/engineApi.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { LossPoint, RunProgress, RunResult } from '../lib/experiment/result.ts';
import type { Run } from '../lib/experiment/run.ts';
import { referenceRun } from '../lib/experiment/runSetup.ts';
import { nextRunId, skippedRunsMessage } from '../lib/persistence/storedRun.ts';
import {
  predictionBytes,
  predictionsToDrop,
  type TestPredictions,
} from '../lib/experiment/testPredictions.ts';
import type { PairedComparison } from '../lib/metrics/comparePredictions.ts';
import { openRunStore, type RunStore, type StoreResult } from './runStore.ts';

export type { Run } from '../lib/experiment/run.ts';

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
  /** The paired comparison of the first two compared runs (A, B), or why there is none. */
  pairedComparison = $state.raw<{ key: string; outcome: Outcome<PairedComparison> } | null>(null);

  #engine: EngineClient;
  #store: RunStore | null = null;
  #controller: AbortController | null = null;
  /** Who waits for each queued config's result (see enqueue). */
  #waiters = new Map<ExperimentConfig, (result: RunResult | null) => void>();
  /** A finished run is shown at once under a negative id until the store gives it its own. */
  #provisionalId = -1;
  /** Runs whose save failed: kept in memory under ids the store never gave out. */
  #unsaved = new Set<number>();

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

  /**
   * Starts a run now, or queues it behind the running one. Resolves with its result once it is
   * shown, or null when it failed, was cancelled or left the queue (the UI says why).
   */
  enqueue(config: ExperimentConfig): Promise<RunResult | null> {
    const done = new Promise<RunResult | null>((resolve) => this.#waiters.set(config, resolve));
    this.queue = [...this.queue, config];
    if (!this.running) void this.#drain();
    return done;
  }

  /** Stops the running run; queued runs still start afterwards. */
  cancel(): void {
    this.#controller?.abort();
  }

  clearQueue(): void {
    for (const config of this.queue) this.#settle(config, null);
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
    this.#store.onChange(() => void this.#reload());
    const skipped = skippedRunsMessage(list.skipped.length);
    if (skipped) this.#notify({ kind: 'warning', message: skipped });
    if (baseline.ok) this.baselineId = baseline.id;
  }

  /** Another tab changed the stored runs: show them as stored, keeping this tab's unsaved runs. */
  async #reload(): Promise<void> {
    const store = this.#store;
    if (!store) return;
    const [list, baseline] = await Promise.all([store.list(), store.getBaseline()]);
    if (!list.ok) return;
    const unsaved = this.runs.filter((r) => r.id < 0 || this.#unsaved.has(r.id));
    this.runs = [...list.runs, ...unsaved];
    const ids = new Set(this.runs.map((r) => r.id));
    this.compareIds = this.compareIds.filter((id) => ids.has(id));
    if (this.selectedId !== null && !ids.has(this.selectedId)) this.selectedId = null;
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
    // Training never waits for storage: the store allocates the run's id when it saves it.
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
      // Per-row predictions live beside the result (typed arrays, left out of JSON exports).
      const { testPredictions, ...result } = await this.#engine.run(config, {
        onProgress,
        signal: controller.signal,
      });
      await this.#keep(result, testPredictions);
      this.#settle(config, result);
      await this.#keepStorageBounded();
    } catch (error) {
      if (!(error instanceof EngineCancelled)) this.error = messageOf(error);
    } finally {
      this.#settle(config, null);
      this.running = false;
      this.#controller = null;
    }
  }

  /** Resolves the promise enqueue returned for `config` (once; later calls do nothing). */
  #settle(config: ExperimentConfig, result: RunResult | null): void {
    this.#waiters.get(config)?.(result);
    this.#waiters.delete(config);
  }

  /**
   * Shows a finished run at once under a provisional id, then, once saved runs have loaded, saves
   * it under the id the store allocates (or, when storage fails, an id unused in this tab).
   */
  async #keep(result: RunResult, predictions?: TestPredictions): Promise<void> {
    const provisional = this.#provisionalId--;
    const run = { createdAt: Date.now(), result, ...(predictions ? { predictions } : {}) };
    this.runs = [...this.runs, { id: provisional, name: 'Run (saving…)', ...run }];
    this.selectedId = provisional;
    await this.ready;
    const saved = await this.#store?.add(run, runName);
    let id: number;
    if (saved?.ok) id = saved.id;
    else {
      if (saved) this.#notify({ kind: 'warning', message: saved.reason });
      id = nextRunId(this.runs);
      this.#unsaved.add(id);
    }
    this.#replaceId(provisional, id);
  }

  #replaceId(from: number, to: number): void {
    const swap = (id: number) => (id === from ? to : id);
    // A run another tab's change re-listed meanwhile is already there under its stored id.
    this.runs = this.runs.flatMap((r) => {
      if (r.id !== from) return [r];
      return this.runs.some((other) => other.id === to)
        ? []
        : [{ ...r, id: to, name: runName(to) }];
    });
    this.compareIds = this.compareIds.map(swap);
    if (this.selectedId === from) this.selectedId = to;
    if (this.baselineId === from) void this.pinBaseline(to);
  }

  /**
   * A run's config as a Python job (built in the worker, which holds the data set and its column
   * types); null, with a notice saying why, when the exporter cannot express the config.
   */
  async exportPython(run: Run): Promise<string | null> {
    try {
      return await this.#engine.exportPython(run.result.config);
    } catch (error) {
      this.#notify({ kind: 'warning', message: messageOf(error) });
    }
    return null;
  }

  /**
   * Compares two runs scored on the same test rows, in the worker (the bootstrap is too heavy
   * for the main thread). The latest request wins.
   */
  async comparePair(a: Run, b: Run): Promise<void> {
    const key = `${a.id}:${b.id}`;
    if (!a.predictions || !b.predictions) {
      const message =
        'Per-row predictions of one of these runs are not kept (a run from before they were, a non-binary task, or dropped for storage), so only the numbers can be compared.';
      this.pairedComparison = { key, outcome: { ok: false, cancelled: false, message } };
      return;
    }
    const [pa, pb] = [a.predictions, b.predictions];
    try {
      const value = await this.#engine.compare(pa, pb);
      if (this.compared[0]?.id === a.id && this.compared[1]?.id === b.id) {
        this.pairedComparison = { key, outcome: { ok: true, value } };
      }
    } catch (error) {
      this.pairedComparison = {
        key,
        outcome: { ok: false, cancelled: false, message: messageOf(error) },
      };
    }
  }

  /**
   * Near the storage quota, drops the per-row predictions of the oldest unpinned runs (their
   * metrics stay) and says so.
   */
  async #keepStorageBounded(): Promise<void> {
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
    if (!estimate?.quota || estimate.usage === undefined) return;
    const pinned = new Set(this.baselineId === null ? [] : [this.baselineId]);
    const drop = new Set(predictionsToDrop(this.runs, pinned, estimate.usage, estimate.quota));
    if (drop.size === 0) return;
    let freed = 0;
    this.runs = this.runs.map((run) => {
      if (!drop.has(run.id) || !run.predictions) return run;
      freed += predictionBytes(run.predictions);
      const { predictions: _dropped, ...kept } = run;
      return kept;
    });
    for (const id of drop) await this.#persist(this.#store?.dropPredictions(id));
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    this.#notify({
      kind: 'warning',
      message: `Storage is nearly full (${mb(estimate.usage)} of ${mb(estimate.quota)} MB): the per-row predictions of the ${drop.size} oldest unpinned runs (${mb(freed)} MB) were dropped. Their metrics stay, but they can no longer be compared row by row.`,
    });
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

function runName(id: number): string {
  return `Run ${id}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
