import * as tf from '@tensorflow/tfjs';
import { CancelledError } from './abort.ts';
import { selectBackend } from './backend.ts';
import type { BackendChoice, BackendName, BackendReport } from './backend.ts';
import { parseConfig } from './experiment/config.ts';
import { DatasetStore } from './experiment/datasetStore.ts';
import { withTypes, type DataReader } from './experiment/loadSource.ts';
import { runExperiment } from './experiment/runExperiment.ts';
import type { RunProgress, RunResult } from './experiment/result.ts';

export interface EngineEnvironment {
  /** Reads a built-in data set file (relative to the app's base), as text. */
  readData: DataReader;
  /** Where the wasm binaries are served from (Vite hashes their names); Node finds them itself. */
  wasmPaths?: Record<string, string>;
}

/** Outcome of a training call: a result, or the plain reason it did not finish. */
export type TrainOutcome =
  { ok: true; result: RunResult } | { ok: false; cancelled: boolean; message: string };

/**
 * The engine: everything the worker does, as one object of async functions. The worker file only
 * exposes it with Comlink; Node tests and the CLI call it directly. It owns the heavy state: the
 * loaded data sets and the tfjs backend.
 */
export function createEngineApi(env: EngineEnvironment) {
  const datasets = new DatasetStore(env.readData);
  const runs = new Map<number, AbortController>();
  let backend: BackendReport | undefined;

  return {
    /**
     * Starts tfjs on the chosen backend. `onContextLost` is called if a GPU backend loses its
     * context, after which tfjs would hang: the client then replaces the worker.
     */
    async init(
      choice: BackendChoice,
      exclude: BackendName[] = [],
      onContextLost?: (backend: BackendName) => void,
    ): Promise<BackendReport> {
      backend = await selectBackend(choice, {
        exclude,
        ...(env.wasmPaths ? { wasmPaths: env.wasmPaths } : {}),
      });
      if (onContextLost && backend.active === 'webgl')
        watchWebglContext(() => onContextLost('webgl'));
      return backend;
    },

    /** Trains and evaluates one config. Never throws for bad input or a cancel: the outcome says why. */
    async train(
      runId: number,
      configInput: unknown,
      onProgress?: (progress: RunProgress) => void,
    ): Promise<TrainOutcome> {
      const controller = new AbortController();
      runs.set(runId, controller);
      try {
        const config = parseConfig(configInput);
        backend ??= await selectBackend(config.backend);
        const loaded = await datasets.load(config.data.source, {
          seed: config.seed,
          signal: controller.signal,
        });
        const result = await runExperiment(config, withTypes(loaded, config.data.types), {
          backend: backend.active,
          signal: controller.signal,
          ...(onProgress ? { onProgress } : {}),
        });
        return { ok: true, result };
      } catch (error) {
        const cancelled = error instanceof CancelledError;
        return { ok: false, cancelled, message: cancelled ? 'Cancelled' : errorMessage(error) };
      } finally {
        runs.delete(runId);
      }
    },

    /** Asks a running train call to stop at its next checkpoint. */
    cancel(runId: number): void {
      runs.get(runId)?.abort();
    },

    /** Live tensors and bytes held by tfjs: proof that runs leave nothing behind. */
    memory(): { numTensors: number; numBytes: number } {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * tfjs's webgl backend draws on an OffscreenCanvas in a worker; listening for its context loss
 * is the only early warning, since afterwards every read-back hangs without throwing.
 */
function watchWebglContext(onLost: () => void): void {
  const backendImpl = tf.backend() as unknown as {
    gpgpu?: {
      gl?: { canvas?: { addEventListener?: (type: string, listener: () => void) => void } };
    };
  };
  backendImpl.gpgpu?.gl?.canvas?.addEventListener?.('webglcontextlost', onLost);
}
