import type { EngineClient } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { SweepProgress, SweepResult } from '../lib/experiment/runSweep.ts';

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

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  /** Runs a sweep in the worker; a failure or cancel leaves the previous result on screen. */
  async start(sweep: unknown): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.error = null;
    this.progress = null;
    try {
      const result = await this.#engine.sweep(sweep, {
        onProgress: (p) => (this.progress = p),
        signal: controller.signal,
      });
      this.sweep = sweep;
      this.result = result;
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
