import type { EngineClient } from '../engine/EngineClient.ts';
import { EngineCancelled } from '../engine/EngineClient.ts';
import type { SweepProgress, SweepResult } from '../lib/experiment/runSweep.ts';
import { parseSweep } from '../lib/experiment/sweep.ts';
import {
  sameSweep,
  STORED_SWEEP_VERSION,
  type StoredSweep,
} from '../lib/persistence/storedSweep.ts';
import { decodeSweepLink, sweepDefinition, type SweepDefinition } from '../lib/links/sweepLink.ts';
import { openSweepStore, type SweepStore } from './sweepStore.ts';

/** The sweep the user asked for and its result: the latest sweep replaces the previous one on screen. */
export class SweepState {
  /** The sweep JSON last run (docs/design.md "Sweeps and uncertainty"), for the share link. */
  sweep = $state.raw<unknown>(null);
  result = $state.raw<SweepResult | null>(null);
  running = $state(false);
  progress = $state.raw<SweepProgress | null>(null);
  error = $state<string | null>(null);
  /** Finished sweeps kept in IndexedDB, oldest first. */
  stored = $state.raw<StoredSweep[]>([]);
  /** The stored sweep on screen, if the result shown is one. */
  shownId = $state<number | null>(null);
  /** A sweep opened from a `#sweep=` link, until it is run or dismissed. */
  linked = $state.raw<SweepDefinition | null>(null);
  /** Why a sweep link could not be opened, or sweeps could not be kept; null when all is well. */
  notice = $state<string | null>(null);
  /** Resolves once the stored sweeps are listed. */
  readonly ready: Promise<void>;

  #engine: EngineClient;
  #store: SweepStore | null = null;
  #controller: AbortController | null = null;

  constructor(engine: EngineClient) {
    this.#engine = engine;
    this.ready = this.#load();
  }

  async #load(): Promise<void> {
    this.#store = await openSweepStore();
    const list = await this.#store.list();
    if (list.ok) this.stored = list.sweeps;
  }

  /** Shows a stored sweep's definition and result. */
  show(id: number): void {
    const found = this.stored.find((s) => s.id === id);
    if (!found || this.running) return;
    this.sweep = found.definition;
    this.result = found.result;
    this.shownId = id;
  }

  /** Deletes a stored sweep (its result stays on screen until another replaces it). */
  async remove(id: number): Promise<void> {
    this.stored = this.stored.filter((s) => s.id !== id);
    if (this.shownId === id) this.shownId = null;
    const outcome = await this.#store?.delete(id);
    if (outcome && !outcome.ok) this.notice = outcome.reason;
  }

  /**
   * Opens a `#sweep=` link: false when the hash is no sweep link. A valid link's sweep is offered
   * to run (`linked`), its stored result shown when the same sweep was kept; a tampered link's
   * problem, naming the field, goes to `notice`.
   */
  openLink(hash: string): boolean {
    const link = decodeSweepLink(hash);
    if (!link.ok && link.problem === 'none') return false;
    if (!link.ok) {
      this.notice = link.reason;
      return true;
    }
    this.notice = null;
    this.linked = link.definition;
    void this.ready.then(() => {
      const kept = [...this.stored].reverse().find((s) => sameSweep(s.definition, link.definition));
      if (kept && this.linked === link.definition) this.show(kept.id);
    });
    return true;
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
      this.shownId = null;
      await this.#keep(sweepDefinition(parseSweep(sweep)), result);
    } catch (error) {
      if (!(error instanceof EngineCancelled)) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }

  /** Saves a finished sweep beside the runs; a storage failure is told, the result stays. */
  async #keep(definition: SweepDefinition, result: SweepResult): Promise<void> {
    await this.ready;
    const record: Omit<StoredSweep, 'id'> = {
      createdAt: Date.now(),
      definition,
      result,
      schemaVersion: STORED_SWEEP_VERSION,
    };
    const saved = await this.#store?.add(record);
    if (saved?.ok) {
      this.stored = [...this.stored, { ...record, id: saved.id }];
      this.shownId = saved.id;
    } else if (saved) this.notice = saved.reason;
  }

  cancel(): void {
    this.#controller?.abort();
  }
}
