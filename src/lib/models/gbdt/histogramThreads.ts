import type { BinnedFeatures } from './binning.ts';
import { buildHistogram } from './histogram.ts';
import { Control } from './histogramHelper.ts';
import type { HelperSetup } from './histogramHelper.ts';
import { GbdtWasmArena, copyFeatures } from './wasmKernels.ts';

/**
 * Parallel histograms (docs/design.md "Parallel histograms"): the thread that grows the tree
 * builds one share of a node's histogram while helper threads build the others with the same
 * WebAssembly kernels, over one shared WebAssembly memory that holds the TreeBuilder's
 * node-ordered data (wasmKernels.ts), handed each request through an Int32 control block
 * (Atomics.notify / wait); nothing is copied per node but the node's feature list. The fit stays
 * synchronous: the calling thread blocks in Atomics.wait until the helpers are done, which a Web
 * Worker and Node's threads may do (a page's main thread may not; it never trains).
 */

/** What the platform offers: how many threads in all (the calling one included), how to start one. */
export interface HistogramThreads {
  /** Threads that build one histogram together, the calling one included; 1: no helpers. */
  count: number;
  spawn: SpawnHelper;
  /**
   * Told why a fit that could have used helpers runs on one thread after all (the results are the
   * same; only the time differs): for the platform to log, as a silent fallback hides a slow fit.
   */
  onOneThread?(reason: string): void;
}

/** Starts one helper thread (a Web Worker, a node:worker_threads Worker) that runs serveHistograms. */
export type SpawnHelper = () => HelperThread;

export interface HelperThread {
  /** Hands the helper its shared buffers; resolves once it serves requests, rejects if it failed to start. */
  start(setup: HelperSetup): Promise<void>;
  /** Ends the thread; resolves once it has exited. */
  terminate(): Promise<void>;
}

/**
 * The TreeBuilder's two sides of node-ordered data (treeBuilder.ts; docs/design.md "GBDT kernel"):
 * binned rows (`rowBytes` each, as words for copying and for histograms, as bytes for single
 * bins) and interleaved gradients and hessians, by position.
 */
export interface NodeSides {
  words: [Int32Array, Int32Array];
  bins: [Uint8Array, Uint8Array];
  gh: [Float64Array, Float64Array];
}

/** How a TreeBuilder builds node histograms: buildHistogram, or shares of it on several threads. */
export interface HistogramBuilder {
  /** The sides the TreeBuilder keeps its node-ordered data in: helpers read them in place. */
  sides: NodeSides;
  /** buildHistogram's contract, for words and gh of one of `sides`. */
  build: typeof buildHistogram;
  /** Where `sides` live in WebAssembly memory (one thread only): the TreeBuilder's row ids too. */
  arena?: GbdtWasmArena;
}

/** Training rows below which a fit starts no helper: its few large nodes would not pay for starting it. */
export const MIN_FIT_ROWS = 20_000;
/**
 * Node rows below which one thread builds the histogram: the handoff (a wake-up each way, the
 * rows' cache lines moving between cores) would cost more than it saves. Measured, not estimated:
 * docs/design.md "Parallel histograms".
 */
export const MIN_NODE_ROWS = 16_384;

/**
 * Histograms on the calling thread, over unshared sides: in WebAssembly SIMD (wasmKernels.ts)
 * where the engine has it, else buildHistogram.
 */
export function singleThreadHistograms(data: BinnedFeatures): HistogramBuilder {
  const arena = GbdtWasmArena.create(data.rows, data.rowBytes, data.cols, data.missingBin + 1);
  return arena ? arenaHistograms(arena) : { sides: plainSides(data), build: buildHistogram };
}

/** The arena's sides and its build, on the calling thread alone. */
function arenaHistograms(arena: GbdtWasmArena): HistogramBuilder {
  return {
    sides: { words: arena.words, bins: arena.bins, gh: arena.gh },
    build: arena.build,
    arena,
  };
}

/** Two sides for `data`'s rows in arrays of their own, for the JavaScript kernels. */
function plainSides(data: BinnedFeatures): NodeSides {
  const words = () => new Int32Array((data.rows * data.rowBytes) >> 2);
  const w: [Int32Array, Int32Array] = [words(), words()];
  return {
    words: w,
    bins: [new Uint8Array(w[0].buffer), new Uint8Array(w[1].buffer)],
    gh: [new Float64Array(2 * data.rows), new Float64Array(2 * data.rows)],
  };
}

/**
 * The helper threads of one fit: started when threads are offered, memory can be shared and the
 * fit is large enough; else every histogram is built on the calling thread. Call close() when the
 * fit ends (also when it throws): it stops every helper.
 */
export class HistogramThreadPool {
  /** Emptied when the helpers cannot work: one failed to start, or no shared arena could be made. */
  readonly #helpers: HelperThread[];
  readonly #onOneThread: (reason: string) => void;
  readonly #controls: Int32Array[];
  readonly #hMax: Float64Array[];
  readonly #busyMs: Float64Array[];
  #sharedNodes = 0;

  constructor(threads: HistogramThreads | undefined, rows: number) {
    const helpers =
      threads && rows >= MIN_FIT_ROWS && typeof SharedArrayBuffer === 'function'
        ? Math.max(0, Math.floor(threads.count) - 1)
        : 0;
    this.#helpers = Array.from({ length: helpers }, () => threads!.spawn());
    this.#onOneThread = (reason) => threads?.onOneThread?.(reason);
    this.#controls = this.#helpers.map(() => sharedInt32(Control.length));
    this.#hMax = this.#helpers.map(() => sharedFloat64(1));
    this.#busyMs = this.#helpers.map(() => sharedFloat64(1));
  }

  /**
   * Milliseconds the helpers spent building histograms: CPU the fit used beyond its own thread's
   * time, which the capacity block's training cost must count (docs/design.md "Parallel histograms").
   */
  get helperMs(): number {
    return this.#busyMs.reduce((sum, ms) => sum + ms[0]!, 0);
  }

  /** Histograms built on every thread so far (the others were too small to share). */
  get sharedNodes(): number {
    return this.#sharedNodes;
  }

  /** Threads that build each large node's histogram, the calling one included. */
  get threads(): number {
    return this.#helpers.length + 1;
  }

  /**
   * Makes the TreeBuilder's arena in shared WebAssembly memory and hands it to every helper once;
   * each request then names its side. Without shared WebAssembly memory (no SIMD, or past 2 GiB),
   * or when a helper fails to start (a worker script that cannot load), the fit runs on one
   * thread. The fit's own g and h need no sharing: the TreeBuilder copies each tree's into the
   * sides (treeBuilder.ts).
   */
  async bind(data: BinnedFeatures): Promise<HistogramBuilder> {
    if (this.#helpers.length === 0) return singleThreadHistograms(data);
    const stride = data.missingBin + 1;
    const arena = GbdtWasmArena.create(data.rows, data.rowBytes, data.cols, stride, this.threads);
    if (!arena) {
      this.#onOneThread(
        'no shared WebAssembly memory with SIMD here (or the data needs over 2 GiB)',
      );
      await this.close();
      return singleThreadHistograms(data);
    }
    const features = sharedInt32(data.cols);
    const starts = this.#helpers.map((helper, i) =>
      helper.start({
        control: this.#controls[i]!,
        hMax: this.#hMax[i]!,
        busyMs: this.#busyMs[i]!,
        features,
        arena: arena.share(i + 1),
      }),
    );
    try {
      await Promise.all(starts);
    } catch (error) {
      this.#onOneThread(`a helper thread failed to start: ${(error as Error).message}`);
      await this.close();
      return arenaHistograms(arena);
    }
    return {
      ...arenaHistograms(arena),
      build: (...args) => {
        const [hist, words, rowBytes, nodeStride, nodeFeatures, featureCount, start, end, gh] =
          args;
        const side = arena.sideOf(words, gh);
        if (
          end - start < MIN_NODE_ROWS ||
          side < 0 ||
          rowBytes !== data.rowBytes ||
          nodeStride !== stride
        )
          return arena.build(...args);
        features.set(nodeFeatures.subarray(0, featureCount));
        const descending = args[9] ?? false;
        return this.#buildShared(
          hist,
          arena,
          side,
          stride,
          features,
          featureCount,
          start,
          end,
          descending,
        );
      },
    };
  }

  /**
   * Feature shares: thread t fills features [t F / T, (t + 1) F / T) of the node's F from all its
   * rows, the helpers into their own buffers, copied into `hist` after. Each bin sums its rows in
   * the same order as on one thread, so the histogram, and the model, are bit for bit the same.
   * (Row shares would read each row once, not once per thread, but adding partial histograms
   * changes the rounding, and split gains that tie exactly, as the two directions of a missing
   * value often do, then break the tie the other way: other trees.)
   */
  #buildShared(
    hist: Float64Array,
    arena: GbdtWasmArena,
    side: number,
    stride: number,
    features: Int32Array,
    featureCount: number,
    start: number,
    end: number,
    descending: boolean,
  ): number {
    this.#sharedNodes++;
    const parts = this.threads;
    const share = (t: number) => Math.floor((featureCount * t) / parts);
    const requests = this.#controls.map((c, i) => {
      c[Control.start] = start;
      c[Control.end] = end;
      c[Control.side] = side;
      c[Control.descending] = descending ? 1 : 0;
      c[Control.featureFrom] = share(i + 1);
      c[Control.featureCount] = share(i + 2) - share(i + 1);
      const request = c[Control.request]! + 1;
      Atomics.store(c, Control.request, request);
      Atomics.notify(c, Control.request);
      return request;
    });
    let hMax = arena.fill(features, share(1), start, end, side, descending);
    copyFeatures(hist, arena.histograms[0]!, stride, features, 0, share(1));
    this.#controls.forEach((c, i) => {
      awaitDone(c, requests[i]!);
      hMax = Math.max(hMax, this.#hMax[i]![0]!);
      copyFeatures(hist, arena.histograms[i + 1]!, stride, features, share(i + 1), share(i + 2));
    });
    return hMax;
  }

  /** Stops every helper and waits for its thread to exit; what follows runs on the calling thread. */
  async close(): Promise<void> {
    for (const c of this.#controls) {
      Atomics.store(c, Control.stop, 1);
      Atomics.add(c, Control.request, 1);
      Atomics.notify(c, Control.request);
    }
    await Promise.all(this.#helpers.map((helper) => helper.terminate()));
    this.#helpers.length = 0;
  }
}

/** Blocks until the helper has answered `request`; throws if its histogram failed. */
function awaitDone(c: Int32Array, request: number): void {
  for (
    let done = Atomics.load(c, Control.done);
    done !== request;
    done = Atomics.load(c, Control.done)
  )
    Atomics.wait(c, Control.done, done);
  if (c[Control.failed] === 1) throw new Error('gbdt: a histogram helper thread failed');
}

function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}
