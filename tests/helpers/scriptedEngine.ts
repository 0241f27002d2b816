import { EngineClient, type EngineClientOptions } from '../../src/engine/EngineClient.ts';
import type { BackendReport } from '../../src/lib/backend.ts';
import type { FailureCause, Outcome } from '../../src/lib/engineApi.ts';
import type { RunResult } from '../../src/lib/experiment/result.ts';
import { makeRun } from '../unit/experiment/runFixture.ts';
import { FakeWorker } from './fakeWorker.ts';

/**
 * What a config, sweep or file name asks the scripted engine to do: `hang` never answers (until
 * cancelled), `fail` answers with a failure and its cause; anything else succeeds.
 */
export type Script = 'hang' | 'fail' | 'ok';

/** The failure the scripted engine reports for `fail`: a CSV error on line 3, column "age". */
export const SCRIPTED_FAILURE: { message: string; cause: FailureCause } = {
  message: 'Line 3, column "age": "abc" is not a number.',
  cause: { name: 'CsvError', line: 3, column: 'age' },
};

/**
 * The engine API (src/lib/engineApi.ts) as the client sees it through a worker, with scripted
 * answers instead of training, for the protocol and the state classes: every call is logged
 * (`train 1`, `cancel 1`, ...) with the worker index; long calls report one progress first; a
 * cancel ends the call it names with a cancelled outcome. `scriptOf` reads a call's script from
 * its input (a config's or sweep's `script` key, a file's name).
 */
function scriptedApi(log: string[], worker: number) {
  const hanging = new Map<number, (outcome: Outcome<never>) => void>();
  const scriptOf = (input: unknown): Script =>
    typeof input === 'string'
      ? ((input.split('.')[0] as Script) ?? 'ok')
      : ((input as { script?: Script }).script ?? 'ok');

  async function answer<T>(id: number | null, input: unknown, value: () => T): Promise<Outcome<T>> {
    const script = scriptOf(input);
    if (script === 'fail') return { ok: false, cancelled: false, ...SCRIPTED_FAILURE };
    if (script === 'hang')
      return new Promise((resolve) => {
        if (id !== null) hanging.set(id, resolve);
      });
    return { ok: true, value: value() };
  }

  return {
    async init(choice: string): Promise<BackendReport> {
      log.push(`w${worker} init ${choice}`);
      return {
        requested: 'auto',
        active: 'wasm',
        attempts: [{ backend: 'wasm', outcome: 'ok', detail: 'first to start' }],
      };
    },
    async train(
      id: number,
      config: { script?: Script },
      onProgress?: (p: unknown) => void,
    ): Promise<Outcome<RunResult>> {
      log.push(`w${worker} train ${id}`);
      await onProgress?.({ phase: 'training', step: 1, total: 2, trainLoss: 0.5 });
      return answer(id, config, () => ({ ...makeRun(1, 'Run 1').result, trainMs: id }));
    },
    async sweep(id: number, sweep: unknown, onProgress?: (p: unknown) => void) {
      log.push(`w${worker} sweep ${id}`);
      await onProgress?.({ done: 1, total: 2 });
      return answer(id, sweep, () => ({ path: 'model.l2', values: [], seeds: 1, points: [] }));
    },
    async importCsv(id: number, name: string, _file: Blob, onProgress?: (p: unknown) => void) {
      log.push(`w${worker} import ${id} ${name}`);
      await onProgress?.({ bytes: 10, totalBytes: 20, rows: 1 });
      return answer(id, name, () => ({ key: `upload:${name}`, rows: 1, columns: [] }));
    },
    async inspect(config: unknown) {
      return answer(null, config, () => ({ key: 'builtin:flights', rows: 2, columns: [] }));
    },
    async plan(config: unknown) {
      return answer(null, config, () => ({ trainRows: 5 }));
    },
    async preview(config: unknown, start: number, count: number) {
      return answer(null, config, () => [[`row ${start}`], [`count ${count}`]]);
    },
    async exportPython(config: unknown) {
      return answer(null, config, () => 'print("job")');
    },
    async evaluatePredictions(name: string) {
      return answer(null, name, () => ({ name, rows: 4 }));
    },
    async compare(a: { script?: Script }) {
      return answer(null, a, () => ({ rocAuc: { difference: 0.01 } }));
    },
    ping() {
      return true;
    },
    cancel(id: number) {
      log.push(`w${worker} cancel ${id}`);
      hanging.get(id)?.({ ok: false, cancelled: true, message: 'Cancelled' });
      hanging.delete(id);
    },
  };
}

/** An EngineClient over scripted fake workers, with the workers and the call log to inspect. */
export function scriptedClient(options: EngineClientOptions = {}) {
  const log: string[] = [];
  const workers: FakeWorker[] = [];
  const client = new EngineClient(
    () => {
      const worker = new FakeWorker(scriptedApi(log, workers.length));
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { cancelGraceMs: 50, ...options },
  );
  return { client, log, workers };
}
