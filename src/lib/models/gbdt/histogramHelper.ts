import { type ArenaShare, GbdtWasmArena } from './wasmKernels.ts';

/**
 * The helper thread's side of parallel histograms (histogramThreads.ts; docs/design.md
 * "Parallel histograms"): everything lives in shared memory, handed over once per fit: the
 * TreeBuilder's arena (both sides of its node-ordered data and a histogram buffer per thread, in
 * one shared WebAssembly memory) and a control block. Per node the calling thread writes the
 * node's side, positions and the helper's share of its features into `control`, bumps its
 * sequence number and notifies; the helper fills its own histogram buffer for those features with
 * the same kernels as the calling thread and answers through the same block.
 */

/** Int32 slots of a helper's control block. */
export const Control = {
  /** Bumped by the caller for each request (and for stop). */
  request: 0,
  /** Set by the helper to the request it finished. */
  done: 1,
  start: 2,
  end: 3,
  /** The side of the node-ordered data (0 or 1) that holds the node's rows. */
  side: 4,
  /** The request's features: features[featureFrom..featureFrom + featureCount). */
  featureFrom: 5,
  featureCount: 6,
  /** 1: leave the loop. */
  stop: 7,
  /** 1: the last request threw; `hist` is not to be read. */
  failed: 8,
  /** 1: read the positions from end - 1 down to start (buildHistogram's `descending`). */
  descending: 9,
  length: 10,
} as const;

/** What a helper gets once per fit; every array is a view of shared memory. */
export interface HelperSetup {
  control: Int32Array;
  /** [0]: the largest hessian among the request's rows (buildHistogram's return value). */
  hMax: Float64Array;
  /** [0]: milliseconds this helper spent building histograms in the fit (its share of the CPU). */
  busyMs: Float64Array;
  /** The node's features, ascending, as the caller lists them. */
  features: Int32Array;
  /** The fit's arena, with this helper's histogram buffer named. */
  arena: ArenaShare;
}

/**
 * Attaches the helper to the fit's arena and returns the loop that answers requests until told to
 * stop; throws, before the helper reports ready, where this thread cannot run the kernels (the fit
 * then runs on one thread). The loop blocks its thread in Atomics.wait between requests, which a
 * Web Worker and a node:worker_threads thread may do; a request that throws is flagged, not lost,
 * so the caller never waits for an answer that will not come.
 */
export function histogramHelper(s: HelperSetup): () => void {
  const arena = GbdtWasmArena.attach(s.arena);
  if (!arena) throw new Error('gbdt: a histogram helper thread cannot run the WebAssembly kernels');
  return () => serve(s, arena);
}

function serve(s: HelperSetup, arena: GbdtWasmArena): void {
  const c = s.control;
  let seen = Atomics.load(c, Control.done);
  for (;;) {
    Atomics.wait(c, Control.request, seen);
    const request = Atomics.load(c, Control.request);
    if (request === seen) continue;
    seen = request;
    if (c[Control.stop] === 1) return;
    const began = performance.now();
    try {
      s.hMax[0] = arena.fill(
        s.features.subarray(c[Control.featureFrom]!),
        c[Control.featureCount]!,
        c[Control.start]!,
        c[Control.end]!,
        c[Control.side]!,
        c[Control.descending] === 1,
      );
      c[Control.failed] = 0;
    } catch {
      c[Control.failed] = 1;
    }
    s.busyMs[0] = s.busyMs[0]! + (performance.now() - began);
    Atomics.store(c, Control.done, request);
    Atomics.notify(c, Control.done);
  }
}
