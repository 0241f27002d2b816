import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import {
  EngineCancelled,
  EngineClient,
  EngineError,
  EngineFailure,
  type EngineClientOptions,
  type EngineNotice,
} from '../../../src/engine/EngineClient.ts';
import type { BackendChoice, BackendName, BackendReport } from '../../../src/lib/backend.ts';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import type { RunProgress } from '../../../src/lib/experiment/result.ts';
import { FakeWorker } from '../../helpers/fakeWorker.ts';
import { SCRIPTED_FAILURE, scriptedClient, type Script } from '../../helpers/scriptedEngine.ts';

/**
 * A stand-in for the engine behind the worker number `index`: it records calls and can hang on
 * demand, hang on the first worker only, or report a WebAssembly abort.
 */
function fakeApi(active: BackendName, log: string[], index = 0) {
  let onWasmAbort: ((detail: string) => void) | undefined;
  return {
    async init(
      choice: BackendChoice,
      exclude: BackendName[],
      _onContextLost?: unknown,
      onAbort?: (detail: string) => void,
    ): Promise<BackendReport> {
      onWasmAbort = onAbort;
      log.push(`init ${choice} exclude=[${exclude.join(',')}]`);
      const chosen = exclude.includes(active) ? 'wasm' : active;
      return {
        requested: choice,
        active: chosen,
        attempts: [{ backend: chosen, outcome: 'ok', detail: 'first to start' }],
      };
    },
    async echo(value: number) {
      return value;
    },
    hang(): Promise<never> {
      return new Promise(() => undefined);
    },
    /** Never answers on the first worker (busy or stuck there); answers on a replacement. */
    hangOnFirst(value: number): Promise<number> {
      return index === 0 ? new Promise(() => undefined) : Promise.resolve(value);
    },
    /** What the engine does when tfjs's wasm code aborts: tell the client, fail the call. */
    async abortWasm() {
      onWasmAbort?.('"memory access out of bounds"');
      return { ok: false, message: 'memory access out of bounds' };
    },
    ping() {
      return true;
    },
    cancel(id: number) {
      log.push(`cancel ${id}`);
    },
  };
}

function setup(active: BackendName = 'wasm', options: EngineClientOptions = {}) {
  const log: string[] = [];
  const workers: FakeWorker[] = [];
  const notices: EngineNotice[] = [];
  const client = new EngineClient(
    () => {
      const worker = new FakeWorker(fakeApi(active, log, workers.length));
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { cancelGraceMs: 50, ...options },
  );
  client.onNotice((n) => notices.push(n));
  type Api = ReturnType<typeof fakeApi>;
  const call = <T>(fn: (api: Comlink.Remote<Api>) => Promise<T>, options = {}) =>
    client.call((api) => fn(api as unknown as Comlink.Remote<Api>), options);
  return { client, log, workers, notices, call };
}

describe('EngineClient', () => {
  it('starts the worker lazily and answers calls', async () => {
    const { workers, call } = setup();
    expect(workers).toHaveLength(0);
    expect(await call((api) => api.echo(7))).toBe(7);
    expect(workers).toHaveLength(1);
  });

  it('creates no worker before startAfter settles; calls made meanwhile wait, then answer', async () => {
    let start!: () => void;
    const startAfter = new Promise<void>((resolve) => (start = resolve));
    const { client, workers, call } = setup('wasm', { startAfter });
    const answer = call((api) => api.echo(7));
    const backend = client.backend();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(workers).toHaveLength(0);
    start();
    expect(await answer).toBe(7);
    expect((await backend).active).toBe('wasm');
    expect(workers).toHaveLength(1);
  });

  it('turns a worker crash into a plain message and starts a fresh worker for the next call', async () => {
    const { client, workers, notices, call } = setup();
    let restarts = 0;
    client.onRestart(() => restarts++);
    await call((api) => api.echo(1));
    const pending = call((api) => api.hang());
    workers[0]!.crash('out of memory');
    await expect(pending).rejects.toThrow(EngineFailure);
    await expect(pending).rejects.toThrow(/crashed \(out of memory\)/);
    expect(workers[0]!.terminated).toBe(true);
    expect(notices.at(-1)?.message).toMatch(/earlier results are kept/);
    expect(restarts).toBe(1);
    expect(await call((api) => api.echo(2))).toBe(2);
    expect(workers).toHaveLength(2);
  });

  it('restarts without a GPU backend that stopped answering', async () => {
    const { workers, log, notices, call } = setup('webgl');
    await expect(call((api) => api.hang(), { timeoutMs: 50 })).rejects.toThrow(
      /webgl backend stopped answering/,
    );
    expect(workers[0]!.terminated).toBe(true);
    expect(notices.at(-1)?.kind).toBe('warning');
    await call((api) => api.echo(1));
    expect(log).toEqual(['init auto exclude=[]', 'init auto exclude=[webgl]']);
  });

  it('cancels: asks the worker to stop, then terminates one that does not', async () => {
    const { workers, log, call } = setup();
    const controller = new AbortController();
    const pending = call((api) => api.hang(), {
      signal: controller.signal,
      cancel: (api: Comlink.Remote<ReturnType<typeof fakeApi>>) => api.cancel(5),
    });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toThrow(EngineCancelled);
    await expect.poll(() => workers[0]!.terminated).toBe(true);
    expect(log).toContain('cancel 5');
  });

  it('re-sends a call queued behind a cancelled run when the stuck worker is replaced', async () => {
    const { workers, call } = setup();
    const controller = new AbortController();
    const cancelled = call((api) => api.hang(), {
      signal: controller.signal,
      cancel: (api: Comlink.Remote<ReturnType<typeof fakeApi>>) => api.cancel(1),
    });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(cancelled).rejects.toThrow(EngineCancelled);
    // The next run starts at once, on the worker that has not stopped yet.
    const queued = call((api) => api.hangOnFirst(2));
    expect(await queued).toBe(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('ends a call pending on a replaced worker when cancelled again, without an uncaught error', async () => {
    const { call } = setup();
    const first = new AbortController();
    const second = new AbortController();
    const cancel = (api: Comlink.Remote<ReturnType<typeof fakeApi>>) => api.cancel(1);
    const a = call((api) => api.hang(), { signal: first.signal, cancel });
    const b = call((api) => api.hang(), { signal: second.signal, cancel });
    await new Promise((r) => setTimeout(r, 10));
    first.abort();
    await expect(a).rejects.toThrow(EngineCancelled);
    await new Promise((r) => setTimeout(r, 100));
    second.abort();
    await expect(b).rejects.toThrow(EngineCancelled);
  });

  it('finishes an import pending during a backend switch on the new worker', async () => {
    const { client, workers, log, call } = setup();
    const importing = call((api) => api.hangOnFirst(3));
    await new Promise((r) => setTimeout(r, 10));
    await client.setBackend('cpu');
    expect(await importing).toBe(3);
    expect(workers[0]!.terminated).toBe(true);
    expect(log.at(-1)).toBe('init cpu exclude=[]');
  });

  it('replaces a worker that died silently, with a notice, and serves the next call', async () => {
    const { workers, notices, call } = setup('wasm', { heartbeatMs: 10, silenceMs: 100 });
    // A long call is fine while the worker answers its heartbeat.
    const long = call((api) => api.hangOnFirst(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(workers).toHaveLength(1);
    workers[0]!.dieSilently();
    await expect(long).rejects.toThrow(/stopped answering for 0 s and was restarted/);
    expect(notices.at(-1)?.message).toMatch(/earlier results are kept/);
    expect(workers[0]!.terminated).toBe(true);
    expect(await call((api) => api.echo(4))).toBe(4);
  });

  it('replaces the worker after a WebAssembly abort so that later calls work', async () => {
    const { workers, notices, call } = setup();
    expect(await call((api) => api.abortWasm())).toMatchObject({ ok: false });
    await expect.poll(() => workers[0]!.terminated).toBe(true);
    expect(notices.at(-1)?.message).toMatch(
      /WebAssembly code aborted \("memory access out of bounds"\)/,
    );
    expect(await call((api) => api.echo(5))).toBe(5);
    expect(workers).toHaveLength(2);
  });
});

describe('EngineClient typed calls', () => {
  const config = (script: Script) => ({ script }) as unknown as ExperimentConfig;

  it('gives each long call its own id, reports progress and unwraps the value', async () => {
    const { client, log } = scriptedClient();
    const progress: RunProgress[] = [];
    const first = await client.run(config('ok'), { onProgress: (p) => progress.push(p) });
    const second = await client.run(config('ok'));
    expect([first.trainMs, second.trainMs]).toEqual([1, 2]);
    expect(progress).toEqual([{ phase: 'training', step: 1, total: 2, trainLoss: 0.5 }]);
    const view = await client.importFile(new File(['a'], 'clicks.csv'));
    expect(view.key).toBe('upload:clicks.csv');
    expect(log).toEqual(['w0 init auto', 'w0 train 1', 'w0 train 2', 'w0 import 3 clicks.csv']);
  });

  it('throws an EngineError that keeps where the failure lies', async () => {
    const { client } = scriptedClient();
    const failed = client.importFile(new File(['a'], 'fail.csv'));
    await expect(failed).rejects.toThrow(EngineError);
    await expect(failed).rejects.toMatchObject({
      message: SCRIPTED_FAILURE.message,
      cause: { name: 'CsvError', line: 3, column: 'age' },
    });
    await expect(client.exportPython(config('fail'))).rejects.toMatchObject({
      cause: SCRIPTED_FAILURE.cause,
    });
  });

  it('cancels a long call by its own id and throws EngineCancelled', async () => {
    const { client, log, workers } = scriptedClient();
    const controller = new AbortController();
    const sweeping = client.sweep(config('hang'), { signal: controller.signal });
    await expect.poll(() => log).toContain('w0 sweep 1');
    controller.abort();
    await expect(sweeping).rejects.toThrow(EngineCancelled);
    await expect.poll(() => log).toContain('w0 cancel 1');
    // The worker stopped in time: it is kept.
    await new Promise((r) => setTimeout(r, 100));
    expect(workers[0]!.terminated).toBe(false);
  });

  it('runs a run queued behind one that timed out on the fresh worker', async () => {
    const { client, log, workers } = scriptedClient({ timeouts: { run: 100 } });
    const stuck = client.run(config('hang'));
    await expect(stuck).rejects.toThrow(/did not answer within 0 s and was restarted/);
    const queued = await client.run(config('ok'));
    expect(queued.trainMs).toBe(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(log.filter((line) => line.includes('train'))).toEqual(['w0 train 1', 'w1 train 2']);
  });
});
