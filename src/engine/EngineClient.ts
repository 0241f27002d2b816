import * as Comlink from 'comlink';
import type { BackendChoice, BackendName, BackendReport } from '../lib/backend.ts';
import type { EngineApi } from '../lib/engineApi.ts';

/** What the UI is told about the engine, in plain words. */
export interface EngineNotice {
  kind: 'info' | 'warning' | 'error';
  message: string;
}

export class EngineFailure extends Error {
  override name = 'EngineFailure';
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
  /** Settles (rejects) when the worker crashes, so pending calls don't wait forever. */
  crashed: Promise<never>;
  backend: Promise<BackendReport>;
}

export interface CallOptions {
  /** Default 60 s; training passes a longer one. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

type WorkerFactory = () => Worker;

export interface EngineClientOptions {
  /** A cancel first asks the worker to stop; one that has not within this time is terminated. Default 2 s. */
  cancelGraceMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

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

  constructor(createWorker: WorkerFactory, options: EngineClientOptions = {}) {
    this.#createWorker = createWorker;
    this.#cancelGraceMs = options.cancelGraceMs ?? 2_000;
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
  backend(): Promise<BackendReport> {
    return this.#ensure().backend;
  }

  /** Switches backend: the worker restarts on the new choice (tfjs state does not carry over). */
  async setBackend(choice: BackendChoice): Promise<BackendReport> {
    this.#choice = choice;
    this.#excluded.clear();
    this.#stop();
    const report = await this.backend();
    this.#announceRestart();
    return report;
  }

  /**
   * Runs one engine call with a timeout and optional cancel. A cancel asks the worker to stop via
   * `cancel`; a worker that does not answer in time is terminated and replaced.
   */
  async call<T>(
    fn: (api: Comlink.Remote<EngineApi>) => Promise<T>,
    options: CallOptions & { cancel?: (api: Comlink.Remote<EngineApi>) => Promise<void> } = {},
  ): Promise<T> {
    if (options.signal?.aborted) throw new EngineCancelled();
    const running = this.#ensure();
    const report = await Promise.race([running.backend, running.crashed]);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // A worker that crashed while this call waited for its backend has no usable proxy left.
    const pending =
      this.#running === running
        ? fn(running.api)
        : Promise.reject(
            new EngineFailure('The engine restarted before this call started; try again.'),
          );
    pending.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const aborted = new Promise<never>((_, reject) => {
      options.signal?.addEventListener('abort', () => {
        reject(new EngineCancelled());
        void options.cancel?.(running.api).catch(() => undefined);
        // The worker stops at its next checkpoint; one that does not is terminated.
        const grace = setTimeout(
          () =>
            this.#restart(
              running,
              undefined,
              'The run did not stop in time, so the engine was restarted.',
            ),
          this.#cancelGraceMs,
        );
        pending.then(
          () => clearTimeout(grace),
          () => clearTimeout(grace),
        );
      });
    });
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
    }
  }

  /** Terminates the worker; the next call starts a fresh one. */
  dispose(): void {
    this.#stop();
    this.#listeners.clear();
    this.#restartListeners.clear();
  }

  #ensure(): Running {
    if (this.#running) return this.#running;
    const worker = this.#createWorker();
    const api = Comlink.wrap<EngineApi>(worker);
    const running: Running = {
      worker,
      api,
      crashed: new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          const message = `The engine crashed (${event.message || 'worker error'}) and was restarted; earlier results are kept.`;
          reject(new EngineFailure(message));
          this.#restart(running, undefined, message);
        });
      }),
      backend: undefined as unknown as Promise<BackendReport>,
    };
    running.crashed.catch(() => undefined);
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

  #restart(running: Running, failedBackend: BackendName | undefined, message: string): void {
    if (this.#running !== running) return;
    if (failedBackend) this.#excluded.add(failedBackend);
    this.#stop();
    this.#notify({ kind: 'warning', message });
    this.#announceRestart();
  }

  #announceRestart(): void {
    for (const listener of this.#restartListeners) listener();
  }

  #stop(): void {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    running.api[Comlink.releaseProxy]();
    running.worker.terminate();
  }

  #notify(notice: EngineNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}
