import type { EngineClient, EngineNotice } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { BackendChoice, BackendReport } from '../lib/backend.ts';
import type { TrainOutcome } from '../lib/engineApi.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { LossPoint, RunProgress, RunResult } from '../lib/experiment/result.ts';
import * as Comlink from 'comlink';

export interface Run {
  id: number;
  name: string;
  createdAt: number;
  result: RunResult;
}

/** A training run may take a while on big data; beyond this the engine is presumed hung. */
const TRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs and the engine's state as the UI sees them. Results arrive from the worker and are
 * replaced whole ($state.raw); a failed or cancelled run leaves earlier results untouched.
 */
export class RunsState {
  runs = $state.raw<Run[]>([]);
  selectedId = $state<number | null>(null);
  /** Configs waiting behind the running one. */
  queue = $state.raw<ExperimentConfig[]>([]);
  running = $state(false);
  progress = $state.raw<RunProgress | null>(null);
  liveCurve = $state.raw<LossPoint[]>([]);
  error = $state<string | null>(null);
  notices = $state.raw<EngineNotice[]>([]);
  backend = $state.raw<BackendReport | null>(null);

  selected = $derived(this.runs.find((r) => r.id === this.selectedId) ?? this.runs.at(-1) ?? null);

  #engine: EngineClient;
  #controller: AbortController | null = null;
  #nextId = 1;

  constructor(engine: EngineClient) {
    this.#engine = engine;
    engine.onNotice((notice) => {
      this.notices = [...this.notices.slice(-4), notice];
      void this.refreshBackend();
    });
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

  async #drain(): Promise<void> {
    while (this.queue.length > 0) {
      const [config, ...rest] = this.queue;
      this.queue = rest;
      await this.#run(config!);
    }
  }

  async #run(config: ExperimentConfig): Promise<void> {
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
        this.liveCurve = [
          ...this.liveCurve,
          {
            step: progress.step,
            trainLoss: progress.trainLoss ?? NaN,
            ...(progress.validationLoss !== undefined
              ? { validationLoss: progress.validationLoss }
              : {}),
          },
        ];
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
        this.runs = [
          ...this.runs,
          { id, name: `Run ${id}`, createdAt: Date.now(), result: outcome.value },
        ];
        this.selectedId = id;
        this.backend = await this.#engine.backend();
      } else if (!outcome.cancelled) this.error = outcome.message;
    } catch (error) {
      if (!(error instanceof EngineCancelled)) this.error = messageOf(error);
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
