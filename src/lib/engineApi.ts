import * as tf from './tfjsCore.ts';
import { CancelledError } from './abort.ts';
import { selectBackend } from './backend.ts';
import type { BackendChoice, BackendName, BackendReport } from './backend.ts';
import { parseCsv } from './data/csvImport.ts';
import type { CsvProgress } from './data/csvReader.ts';
import { parseConfig, type ExperimentConfig } from './experiment/config.ts';
import { DatasetStore } from './experiment/datasetStore.ts';
import { evaluatePredictions, type PredictionsReport } from './experiment/evaluatePredictions.ts';
import { inspectDataset, previewRows, type DatasetView } from './experiment/inspectDataset.ts';
import { withTypes, type DataReader, type LoadedDataset } from './experiment/loadSource.ts';
import { planExperiment, type ExperimentPlan } from './experiment/planExperiment.ts';
import { runExperiment, type RunArtifacts } from './experiment/runExperiment.ts';
import { exportPythonJobFor } from './export/pythonJob.ts';
import type { HistogramThreads } from './models/gbdt/histogramThreads.ts';
import { quoteInput } from './text/quoteInput.ts';
import type { RunProgress, RunResult } from './experiment/result.ts';
import { runSweep, type SweepProgress, type SweepResult } from './experiment/runSweep.ts';
import { parseSweep } from './experiment/sweep.ts';
import { sameTestRows, type TestPredictions } from './experiment/testPredictions.ts';
import { comparePredictions, type PairedComparison } from './metrics/comparePredictions.ts';
import type { PairedBootstrapOptions } from './metrics/pairedBootstrap.ts';

export interface EngineEnvironment {
  /** Reads a built-in data set file (relative to the app's base), as text or a Blob. */
  readData: DataReader;
  /** Where the wasm binaries are served from (Vite hashes their names); Node finds them itself. */
  wasmPaths?: Record<string, string>;
  /** Helper threads for GBDT histograms; absent: one thread (docs/design.md "Parallel histograms"). */
  histogramThreads?: HistogramThreads;
  /** Rounds of serving-latency timing per run (RunOptions.latencyRounds); default 5. */
  latencyRounds?: number;
}

/**
 * Where a failure lies, when the error knew: its class name (CsvError, ConfigError, ExportError,
 * ...), the CSV line and column, the config field.
 */
export interface FailureCause {
  name: string;
  /** 1-based line of the file. */
  line?: number;
  column?: string;
  /** Config path, e.g. `features.columns.city.categorical`. */
  field?: string;
}

/** A call's outcome: a value, or the plain reason there is none. Bad input never throws across. */
export type Outcome<T> =
  { ok: true; value: T } | { ok: false; cancelled: boolean; message: string; cause?: FailureCause };
export type TrainOutcome = Outcome<RunResult>;

/** Largest CSV accepted, about a fifth of a 2 GiB worker heap once parsed into columns. */
export const MAX_CSV_BYTES = 400 * 1024 * 1024;

/**
 * The engine: everything the worker does, as one object of async functions. The worker file only
 * exposes it with Comlink; Node tests and the CLI call it directly. It owns the heavy state: the
 * loaded data sets and the tfjs backend.
 */
export function createEngineApi(env: EngineEnvironment) {
  const datasets = new DatasetStore(env.readData);
  const running = new Map<number, AbortController>();
  let backend: BackendReport | undefined;
  let onWasmAbort: ((detail: string) => void) | undefined;

  async function load(config: ExperimentConfig, signal?: AbortSignal): Promise<LoadedDataset> {
    const loaded = await datasets.load(config.data.source, {
      seed: config.seed,
      ...(signal ? { signal } : {}),
    });
    return withTypes(loaded, config.data.types);
  }

  /** Runs `work` under a cancellable id, turning every failure into a plain outcome. */
  async function attempt<T>(
    id: number | null,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T>> {
    const controller = new AbortController();
    if (id !== null) running.set(id, controller);
    try {
      return { ok: true, value: await work(controller.signal) };
    } catch (error) {
      const cancelled = error instanceof CancelledError;
      if (isWasmAbort(error)) onWasmAbort?.(quoteInput(errorMessage(error)));
      if (cancelled) return { ok: false, cancelled, message: 'Cancelled' };
      return { ok: false, cancelled, message: errorMessage(error), cause: causeOf(error) };
    } finally {
      if (id !== null) running.delete(id);
    }
  }

  return {
    /**
     * Starts tfjs on the chosen backend. `onContextLost` is called if a GPU backend loses its
     * context, after which tfjs would hang, and `onWasmAbort` after a WebAssembly trap or abort
     * ("memory access out of bounds", "Aborted()"), after which every later call fails: the
     * client then replaces the worker.
     */
    async init(
      choice: BackendChoice,
      exclude: BackendName[] = [],
      onContextLost?: (backend: BackendName) => void,
      abortListener?: (detail: string) => void,
    ): Promise<BackendReport> {
      onWasmAbort = abortListener;
      backend = await selectBackend(choice, {
        exclude,
        ...(env.wasmPaths ? { wasmPaths: env.wasmPaths } : {}),
      });
      if (onContextLost && backend.active === 'webgl')
        watchWebglContext(() => onContextLost('webgl'));
      return backend;
    },

    /** Trains and evaluates one config. */
    train(
      runId: number,
      configInput: unknown,
      onProgress?: (progress: RunProgress) => void,
      onArtifacts?: (artifacts: RunArtifacts) => void,
    ): Promise<TrainOutcome> {
      return attempt(runId, async (signal) => {
        const config = parseConfig(configInput);
        backend ??= await selectBackend(config.backend);
        return runExperiment(config, await load(config, signal), {
          backend: backend.active,
          signal,
          ...(env.histogramThreads ? { histogramThreads: env.histogramThreads } : {}),
          ...(env.latencyRounds ? { latencyRounds: env.latencyRounds } : {}),
          ...(onProgress ? { onProgress } : {}),
          ...(onArtifacts ? { onArtifacts } : {}),
        });
      });
    },

    /**
     * Runs a sweep (docs/design.md "Sweeps and uncertainty") as one cancellable job: every value
     * is validated before anything trains; one progress stream for all points and seeds.
     */
    sweep(
      id: number,
      sweepInput: unknown,
      onProgress?: (progress: SweepProgress) => void,
    ): Promise<Outcome<SweepResult>> {
      return attempt(id, async (signal) => {
        const sweep = parseSweep(sweepInput);
        backend ??= await selectBackend(sweep.base.backend);
        return runSweep(sweep, {
          backend: backend.active,
          load,
          signal,
          ...(env.histogramThreads ? { histogramThreads: env.histogramThreads } : {}),
          ...(env.latencyRounds ? { latencyRounds: env.latencyRounds } : {}),
          ...(onProgress ? { onProgress } : {}),
        });
      });
    },

    /**
     * Is the difference between two runs real? DeLong for ROC AUC, a paired bootstrap for the
     * rest (docs/design.md "Sweeps and uncertainty"); A and B must share their test rows.
     */
    compare(
      a: TestPredictions,
      b: TestPredictions,
      options: PairedBootstrapOptions = {},
    ): Promise<Outcome<PairedComparison>> {
      return attempt(null, async () => {
        if (!sameTestRows(a, b)) {
          throw new Error(
            'These runs were not scored on the same test rows (their data, split or seed differ), so they cannot be compared row by row.',
          );
        }
        return comparePredictions(a.y, a.p, b.p, options);
      });
    },

    /** Parses a user's CSV in the worker and keeps it as `upload:NAME`. */
    importCsv(
      id: number,
      name: string,
      file: Blob,
      onProgress?: (progress: CsvProgress) => void,
    ): Promise<Outcome<DatasetView>> {
      return attempt(id, async (signal) => {
        const options = { signal, maxBytes: MAX_CSV_BYTES, ...(onProgress ? { onProgress } : {}) };
        return inspectDataset(await datasets.addUpload(name, parseCsv(file, options)), undefined);
      });
    },

    /** Column summaries, target balance and leakage flags of the config's data set. */
    inspect(configInput: unknown): Promise<Outcome<DatasetView>> {
      return attempt(null, async () => {
        const config = parseConfig(configInput);
        return inspectDataset(await load(config), config.data.target);
      });
    },

    /** Rows of the config's data set as display strings, for the preview table. */
    preview(configInput: unknown, start: number, count: number): Promise<Outcome<string[][]>> {
      return attempt(null, async () =>
        previewRows((await load(parseConfig(configInput))).table, start, count),
      );
    },

    /** Feature count, matrix size and training class balance of a config, before training. */
    plan(configInput: unknown): Promise<Outcome<ExperimentPlan>> {
      return attempt(null, async () => {
        const config = parseConfig(configInput);
        return planExperiment(config, await load(config));
      });
    },

    /** The config as a runnable Python job (src/lib/export): a script, or why it cannot be one. */
    exportPython(configInput: unknown): Promise<Outcome<string>> {
      return attempt(null, async () => {
        const config = parseConfig(configInput);
        return exportPythonJobFor(config, await load(config));
      });
    },

    /** Scores another model's predictions CSV with the same metrics and views as a run. */
    evaluatePredictions(name: string, file: Blob): Promise<Outcome<PredictionsReport>> {
      return attempt(null, () => evaluatePredictions(name, file));
    },

    /** Answers at once: the client's heartbeat, proof that the worker is alive and not stuck. */
    ping(): true {
      return true;
    },

    /** Asks a running call (train, import) to stop at its next checkpoint. */
    cancel(id: number): void {
      running.get(id)?.abort();
    },

    /** Live tensors and bytes held by tfjs: proof that runs leave nothing behind. */
    memory(): { numTensors: number; numBytes: number } {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;

/** A WebAssembly trap or an Emscripten abort ("Aborted(...)"): both are WebAssembly.RuntimeErrors. */
function isWasmAbort(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'RuntimeError' || /^Aborted\(/.test(error.message))
  );
}

/** The error's class and the place it names, in plain data that crosses to the main thread. */
function causeOf(error: unknown): FailureCause {
  if (!(error instanceof Error)) return { name: 'Error' };
  const { line, column, field } = error as { line?: unknown; column?: unknown; field?: unknown };
  return {
    name: error.name,
    ...(typeof line === 'number' ? { line } : {}),
    ...(typeof column === 'string' ? { column } : {}),
    ...(typeof field === 'string' ? { field } : {}),
  };
}

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
