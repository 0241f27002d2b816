import * as Comlink from 'comlink';
import type { BackendChoice, BackendName, BackendReport } from '../lib/backend.ts';
import type { CsvProgress } from '../lib/data/csvReader.ts';
import type { EngineApi, FailureCause, Outcome } from '../lib/engineApi.ts';
import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { PredictionsReport } from '../lib/experiment/evaluatePredictions.ts';
import type { DatasetView } from '../lib/experiment/inspectDataset.ts';
import type { ExperimentPlan } from '../lib/experiment/planExperiment.ts';
import type { RunProgress, RunResult } from '../lib/experiment/result.ts';
import type { SweepProgress, SweepResult } from '../lib/experiment/runSweep.ts';
import type { TestPredictions } from '../lib/experiment/testPredictions.ts';
import type { PairedComparison } from '../lib/metrics/comparePredictions.ts';

/** What the UI is told about the engine, in plain words. */
export interface EngineNotice {
  kind: 'info' | 'warning' | 'error';
  message: string;
}

export class EngineFailure extends Error {
  override name = 'EngineFailure';
}

/**
 * The engine refused or failed a call (bad input, a file it cannot read, a config it cannot
 * export): the message says why in plain words, `cause` where (the CSV line and column, the
 * config field) when the engine knew.
 */
export class EngineError extends EngineFailure {
  override name = 'EngineError';
  declare readonly cause: FailureCause | undefined;
  constructor(message: string, cause?: FailureCause) {
    super(message, { cause });
  }
}

/**
 * The worker a call was waiting on was replaced. `resend`: it was replaced for a reason that is
 * not the call's own (another call's cancel, a backend switch), so the call is sent again to the
 * new worker; otherwise (a crash, a hang, a wasm abort) the call fails with this message.
 */
class WorkerReplaced extends EngineFailure {
  readonly resend: boolean;
  constructor(message: string, resend: boolean) {
    super(message);
    this.resend = resend;
  }
}

export class EngineCancelled extends Error {
  override name = 'EngineCancelled';
  constructor() {
    super('Cancelled');
  }
}

interface Running {
  worker: Worker;
  api: Comlink.Remote<EngineApi>;
  /** Rejects when the worker crashes or is replaced, so that no call waits on a dead worker. */
  crashed: Promise<never>;
  end: (reason: WorkerReplaced) => void;
  /** Why the worker was replaced, once it was. */
  ended: WorkerReplaced | null;
  backend: Promise<BackendReport>;
  /** Calls in flight on this worker; the heartbeat runs only while there are some. */
  calls: number;
  heartbeat: ReturnType<typeof setInterval> | undefined;
  /** When the worker last answered (a call settled or a heartbeat came back), in ms. */
  lastAnswer: number;
}

export interface CallOptions {
  /** Default: the client's `call` timeout (60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

type WorkerFactory = () => Worker;

/** A long call's progress reports and cancel. */
export interface LongCallOptions<P> {
  /** Batched progress: once per chunk, epoch or point, never per row. */
  onProgress?: (progress: P) => void;
  /** Aborting stops the call: the worker is asked to stop, and terminated if it does not. */
  signal?: AbortSignal;
}

/** Per-kind call timeouts in ms, after which the engine is presumed hung and restarted. */
export interface CallTimeouts {
  /** Inspect, plan, preview, export, compare, score predictions. Default 60 s. */
  call: number;
  /** A CSV import. Default 10 min. */
  importFile: number;
  /** One training run. Default 10 min. */
  run: number;
  /** A sweep, which may train many times. Default 60 min. */
  sweep: number;
}

export interface EngineClientOptions {
  /** A cancel first asks the worker to stop; one that has not within this time is terminated. Default 2 s. */
  cancelGraceMs?: number;
  /** While calls are in flight the worker is pinged this often. Default 5 s. */
  heartbeatMs?: number;
  /**
   * A worker that answers nothing (no call settles, no ping comes back) for this long is dead
   * or stuck, and is replaced. Default 90 s: the engine yields between batches and trees, far
   * more often than that.
   */
  silenceMs?: number;
  timeouts?: Partial<CallTimeouts>;
  /**
   * The worker is created only once this settles; calls made before wait. The app passes its
   * first paint: the worker's start (and tfjs compiling in it) would otherwise share the page's
   * first task and its 2 cores (docs/design.md "Facts measured").
   */
  startAfter?: Promise<unknown>;
}

const DEFAULT_TIMEOUTS: CallTimeouts = {
  call: 60_000,
  importFile: 10 * 60_000,
  run: 10 * 60_000,
  sweep: 60 * 60_000,
};
const KEPT = 'earlier results are kept';

/**
 * The main thread's one handle on the engine worker: starts it lazily, puts a timeout on every
 * call, and on a crash, a timeout or a lost WebGL context (after which tfjs hangs forever)
 * terminates it and starts a fresh one without the failed backend.
 */
export class EngineClient {
  #createWorker: WorkerFactory;
  #running: Running | undefined;
  #choice: BackendChoice = 'auto';
  #excluded = new Set<BackendName>();
  #listeners = new Set<(notice: EngineNotice) => void>();
  #restartListeners = new Set<() => void>();
  #cancelGraceMs: number;
  #heartbeatMs: number;
  #silenceMs: number;
  #timeouts: CallTimeouts;
  /** Ids by which the worker knows a long call, to cancel it. */
  #nextCallId = 1;
  #startAfter: Promise<unknown> | undefined;

  constructor(createWorker: WorkerFactory, options: EngineClientOptions = {}) {
    this.#createWorker = createWorker;
    this.#cancelGraceMs = options.cancelGraceMs ?? 2_000;
    this.#heartbeatMs = options.heartbeatMs ?? 5_000;
    this.#silenceMs = options.silenceMs ?? 90_000;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#startAfter = options.startAfter;
  }

  /** Parses a user's CSV/TSV in the worker, which keeps it as `upload:NAME` (NAME: the file's). */
  importFile(file: File, options: LongCallOptions<CsvProgress> = {}): Promise<DatasetView> {
    return this.#long(this.#timeouts.importFile, options, (api, id, onProgress) =>
      api.importCsv(id, file.name, file, onProgress),
    );
  }

  /** Trains and evaluates one config. */
  run(config: ExperimentConfig, options: LongCallOptions<RunProgress> = {}): Promise<RunResult> {
    return this.#long(this.#timeouts.run, options, (api, id, onProgress) =>
      api.train(id, config, onProgress),
    );
  }

  /** Runs a sweep (docs/design.md "Sweeps and uncertainty"), validated by the engine. */
  sweep(sweep: unknown, options: LongCallOptions<SweepProgress> = {}): Promise<SweepResult> {
    return this.#long(this.#timeouts.sweep, options, (api, id, onProgress) =>
      api.sweep(id, sweep, onProgress),
    );
  }

  /** Column summaries and leakage flags of the config's data set. */
  inspect(config: ExperimentConfig): Promise<DatasetView> {
    return this.#short((api) => api.inspect(config));
  }

  /** Feature count, matrix size and class balance of a config, before training. */
  plan(config: ExperimentConfig): Promise<ExperimentPlan> {
    return this.#short((api) => api.plan(config));
  }

  /** `count` rows from `start` of the config's data set, as display strings. */
  preview(config: ExperimentConfig, start: number, count: number): Promise<string[][]> {
    return this.#short((api) => api.preview(config, start, count));
  }

  /** The config as a runnable Python job; an EngineError names the field it cannot express. */
  exportPython(config: ExperimentConfig): Promise<string> {
    return this.#short((api) => api.exportPython(config));
  }

  /** Scores another model's predictions CSV; an EngineError names the row and column at fault. */
  evaluatePredictions(file: File): Promise<PredictionsReport> {
    return this.#short((api) => api.evaluatePredictions(file.name, file));
  }

  /** Paired test of two runs scored on the same test rows (DeLong, paired bootstrap). */
  compare(a: TestPredictions, b: TestPredictions): Promise<PairedComparison> {
    return this.#short((api) => api.compare(a, b));
  }

  /** A call under the default timeout, its outcome unwrapped. */
  async #short<T>(fn: (api: Comlink.Remote<EngineApi>) => Promise<Outcome<T>>): Promise<T> {
    return unwrap(await this.call(fn, { timeoutMs: this.#timeouts.call }));
  }

  /** A cancellable call under its own id, progress proxied back, its outcome unwrapped. */
  async #long<T, P>(
    timeoutMs: number,
    options: LongCallOptions<P>,
    send: (
      api: Comlink.Remote<EngineApi>,
      id: number,
      onProgress: ((progress: P) => void) | undefined,
    ) => Promise<Outcome<T>>,
  ): Promise<T> {
    const id = this.#nextCallId++;
    const { onProgress, signal } = options;
    const outcome = await this.call(
      (api) => send(api, id, onProgress ? Comlink.proxy(onProgress) : undefined),
      { timeoutMs, ...(signal ? { signal } : {}), cancel: (api) => api.cancel(id) },
    );
    return unwrap(outcome);
  }

  /** Plain-words notices: restarts, fallbacks, failures. Returns an unsubscribe function. */
  onNotice(listener: (notice: EngineNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Called when a new worker replaced the old one (after a failure or a backend switch): state
   * that lived in the old one (imported files) is gone and must be sent again. Returns an
   * unsubscribe function.
   */
  onRestart(listener: () => void): () => void {
    this.#restartListeners.add(listener);
    return () => this.#restartListeners.delete(listener);
  }

  /** The backend in use, starting the worker if needed. */
  async backend(): Promise<BackendReport> {
    return (await this.#started()).backend;
  }

  /** Switches backend: the worker restarts on the new choice (tfjs state does not carry over). */
  async setBackend(choice: BackendChoice): Promise<BackendReport> {
    this.#choice = choice;
    this.#excluded.clear();
    this.#stop(new WorkerReplaced(`The engine switched to the ${choice} backend.`, true));
    const report = await this.backend();
    this.#announceRestart();
    return report;
  }

  /**
   * Runs one engine call with a timeout and optional cancel. A cancel asks the worker to stop via
   * `cancel`; a worker that does not answer in time is terminated and replaced. A call never
   * outlives its worker: when the worker is replaced the call ends at once, sent again to the new
   * worker when the replacement was not its own doing (see WorkerReplaced), else rejected.
   */
  async call<T>(
    fn: (api: Comlink.Remote<EngineApi>) => Promise<T>,
    options: CallOptions & { cancel?: (api: Comlink.Remote<EngineApi>) => Promise<void> } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#callOnce(fn, options);
      } catch (error) {
        const resend = error instanceof WorkerReplaced && error.resend && attempt < 3;
        if (!resend || options.signal?.aborted) throw error;
      }
    }
  }

  async #callOnce<T>(
    fn: (api: Comlink.Remote<EngineApi>) => Promise<T>,
    options: CallOptions & { cancel?: (api: Comlink.Remote<EngineApi>) => Promise<void> },
  ): Promise<T> {
    if (options.signal?.aborted) throw new EngineCancelled();
    const running = await this.#started();
    if (options.signal?.aborted) throw new EngineCancelled();
    const report = await Promise.race([running.backend, running.crashed]);
    const timeoutMs = options.timeoutMs ?? this.#timeouts.call;
    // Replaced while this call waited for its backend: its proxy is released.
    if (running.ended) throw running.ended;
    if (options.signal?.aborted) throw new EngineCancelled();
    const pending = fn(running.api);
    pending.catch(() => undefined);
    this.#track(running, pending);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(new EngineCancelled());
        if (this.#running !== running) return;
        try {
          void options.cancel?.(running.api).catch(() => undefined);
        } catch {
          // The proxy was released meanwhile: the worker is gone, nothing is left to cancel.
        }
        // The worker stops at its next checkpoint; one that does not is terminated.
        const grace = setTimeout(
          () =>
            this.#restart(
              running,
              undefined,
              'The run did not stop in time, so the engine was restarted.',
              true,
            ),
          this.#cancelGraceMs,
        );
        pending.then(
          () => clearTimeout(grace),
          () => clearTimeout(grace),
        );
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const gpu = report.active === 'webgl' || report.active === 'webgpu';
        const message = gpu
          ? `The ${report.active} backend stopped answering (a lost GPU context hangs tfjs), so the engine restarted without it.`
          : `The engine did not answer within ${Math.round(timeoutMs / 1000)} s and was restarted.`;
        this.#restart(running, gpu ? report.active : undefined, message);
        reject(new EngineFailure(message));
      }, timeoutMs);
    });
    try {
      // The crash comes first: when both have failed, it carries the reason.
      return await Promise.race([running.crashed, pending, timeout, aborted]);
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Terminates the worker; the next call starts a fresh one. */
  dispose(): void {
    this.#stop();
    this.#listeners.clear();
    this.#restartListeners.clear();
  }

  /** The running worker, started once `startAfter` has settled. */
  async #started(): Promise<Running> {
    if (this.#startAfter) {
      await this.#startAfter.catch(() => undefined);
      this.#startAfter = undefined;
    }
    return this.#ensure();
  }

  #ensure(): Running {
    if (this.#running) return this.#running;
    const worker = this.#createWorker();
    const api = Comlink.wrap<EngineApi>(worker);
    let end: (reason: WorkerReplaced) => void = () => undefined;
    const running: Running = {
      worker,
      api,
      crashed: new Promise<never>((_, reject) => {
        end = reject;
      }),
      end: (reason) => {
        running.ended = reason;
        end(reason);
      },
      ended: null,
      backend: undefined as unknown as Promise<BackendReport>,
      calls: 0,
      heartbeat: undefined,
      lastAnswer: Date.now(),
    };
    running.crashed.catch(() => undefined);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = `The engine crashed (${event.message || 'worker error'}) and was restarted; ${KEPT}.`;
      this.#restart(running, undefined, message);
    });
    running.backend = api
      .init(
        this.#choice,
        [...this.#excluded],
        Comlink.proxy((backend: BackendName) =>
          this.#restart(
            running,
            backend,
            `The ${backend} backend lost its GPU context; the engine restarted without it.`,
          ),
        ),
        // After a WebAssembly abort the module's memory is unusable: every later call would fail.
        Comlink.proxy((detail: string) =>
          queueMicrotask(() =>
            this.#restart(
              running,
              undefined,
              `The engine's WebAssembly code aborted (${detail}), so the engine was restarted; ${KEPT}.`,
            ),
          ),
        ),
      )
      .then((report) => {
        const failed = report.attempts.filter((a) => a.outcome === 'failed');
        if (failed.length > 0) {
          this.#notify({
            kind: 'warning',
            message: `Running on ${report.active}: ${failed.map((a) => `${a.backend} ${a.detail}`).join('; ')}.`,
          });
        }
        return report;
      });
    running.backend.catch(() => undefined);
    this.#running = running;
    return running;
  }

  /**
   * Counts a call in flight and, while any is, pings the worker: one that answers nothing for
   * silenceMs has died without an error event (or is stuck) and is replaced.
   */
  #track(running: Running, pending: Promise<unknown>): void {
    running.calls++;
    running.lastAnswer = Date.now();
    running.heartbeat ??= setInterval(() => {
      if (Date.now() - running.lastAnswer > this.#silenceMs) {
        const seconds = Math.round(this.#silenceMs / 1000);
        this.#restart(
          running,
          undefined,
          `The engine stopped answering for ${seconds} s and was restarted; ${KEPT}.`,
        );
        return;
      }
      if (this.#running !== running) return;
      running.api.ping().then(
        () => (running.lastAnswer = Date.now()),
        () => undefined,
      );
    }, this.#heartbeatMs);
    const settled = () => {
      running.lastAnswer = Date.now();
      if (--running.calls === 0) {
        clearInterval(running.heartbeat);
        running.heartbeat = undefined;
      }
    };
    pending.then(settled, settled);
  }

  /**
   * Replaces the worker: its pending calls end now (`resend`: sent again to the new worker),
   * the notice says why, and listeners send again what the old worker held.
   */
  #restart(
    running: Running,
    failedBackend: BackendName | undefined,
    message: string,
    resend = false,
  ): void {
    if (this.#running !== running) return;
    if (failedBackend) this.#excluded.add(failedBackend);
    this.#stop(new WorkerReplaced(message, resend));
    this.#notify({ kind: 'warning', message });
    this.#announceRestart();
  }

  #announceRestart(): void {
    for (const listener of this.#restartListeners) listener();
  }

  #stop(reason = new WorkerReplaced('The engine was shut down.', false)): void {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    clearInterval(running.heartbeat);
    running.end(reason);
    running.api[Comlink.releaseProxy]();
    running.worker.terminate();
  }

  #notify(notice: EngineNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}

/** The value of an outcome, or its failure thrown: EngineCancelled, or an EngineError with its cause. */
function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  if (outcome.cancelled) throw new EngineCancelled();
  throw new EngineError(outcome.message, outcome.cause);
}
