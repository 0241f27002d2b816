import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import {
  EngineCancelled,
  EngineClient,
  EngineFailure,
  type EngineNotice,
} from '../../../src/engine/EngineClient.ts';
import type { BackendChoice, BackendName, BackendReport } from '../../../src/lib/backend.ts';

/** A stand-in for the engine behind the worker: it records calls and can hang on demand. */
function fakeApi(active: BackendName, log: string[]) {
  return {
    async init(choice: BackendChoice, exclude: BackendName[]): Promise<BackendReport> {
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
    cancel(id: number) {
      log.push(`cancel ${id}`);
    },
  };
}

/** A Worker look-alike over a MessageChannel, able to crash like a real one. */
class FakeWorker extends EventTarget {
  terminated = false;
  #port: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port1);
    this.#port = port2;
    port2.addEventListener('message', (event) =>
      this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data })),
    );
    port2.start();
  }

  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.#port.postMessage(message, transfer);
  }

  terminate() {
    this.terminated = true;
    this.#port.close();
  }

  crash(message: string) {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

function setup(active: BackendName = 'wasm') {
  const log: string[] = [];
  const workers: FakeWorker[] = [];
  const notices: EngineNotice[] = [];
  const client = new EngineClient(
    () => {
      const worker = new FakeWorker(fakeApi(active, log));
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { cancelGraceMs: 50 },
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
});
