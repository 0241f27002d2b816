import * as Comlink from 'comlink';
import type { EngineClient } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { Outcome } from '../lib/engineApi.ts';
import type { SweepProgress, SweepResult } from '../lib/experiment/runSweep.ts';

/** A sweep may run many trainings: beyond this the engine is presumed hung. */
const SWEEP_TIMEOUT_MS = 60 * 60_000;

/** The sweep the user asked for and its result: the latest sweep replaces the previous one on screen. */
export class SweepState {
  /** The sweep JSON last run (docs/design.md "Sweeps and uncertainty"), for the share link. */
  sweep = $state.raw<unknown>(null);
  result = $state.raw<SweepResult | null>(null);
  running = $state(false);
  progress = $state.raw<SweepProgress | null>(null);
  error = $state<string | null>(null);

  #engine: EngineClient;
  #controller: AbortController | null = null;
  #nextId = 1_000_000;

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  /** Runs a sweep in the worker; a failure or cancel leaves the previous result on screen. */
  async start(sweep: unknown): Promise<void> {
    if (this.running) return;
    const id = this.#nextId++;
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.error = null;
    this.progress = null;
    try {
      const outcome = await this.#engine.call<Outcome<SweepResult>>(
        (api) =>
          api.sweep(
            id,
            sweep,
            Comlink.proxy((p: SweepProgress) => void (this.progress = p)),
          ),
        { timeoutMs: SWEEP_TIMEOUT_MS, signal: controller.signal, cancel: (api) => api.cancel(id) },
      );
      if (outcome.ok) {
        this.sweep = sweep;
        this.result = outcome.value;
      } else if (!outcome.cancelled) this.error = outcome.message;
    } catch (error) {
      if (!(error instanceof EngineCancelled)) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }
}
