import { throwIfAborted, yieldToEventLoop } from '../abort.ts';

/** Serving latency as a serving system would measure it (docs/design.md "Latency"). */
export interface LatencyReport {
  /** One-row predict, raw row in, final probability out, after a warm-up. Milliseconds. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Batch predict throughput over the whole test split. */
  batchRowsPerSec: number;
  /** Single-row calls measured. */
  calls: number;
  /** Calls per timed block: 1 when one call is longer than the timer's resolution, else k. */
  blockSize: number;
  /** The smallest step of performance.now() seen here, in milliseconds. */
  timerResolutionMs: number;
  backend: string;
  /** What was measured and how, in plain words. */
  note: string;
}

export interface LatencyOptions {
  /** Single-row calls to time; default 1,000 (at least 1,000 per docs/design.md). */
  calls?: number;
  /** Calls before timing starts (JIT, caches, shader compilation); default 200. */
  warmup?: number;
  /** The tfjs backend in use, named in the report. */
  backend: string;
  signal?: AbortSignal;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Times `predictOne(i)` (one raw row i through features, model and calibration) and
 * `predictBatch()` (returns rows predicted). Browser timers are coarse (100 us, or 5 us when
 * cross-origin isolated): when a call is shorter than about 20 timer steps, blocks of k calls are
 * timed and divided, which narrows the tails, and the note says so.
 */
export async function measureLatency(
  predictOne: (i: number) => MaybePromise<unknown>,
  predictBatch: () => Promise<number>,
  options: LatencyOptions,
): Promise<LatencyReport> {
  const calls = Math.max(1000, options.calls ?? 1000);
  const warmup = options.warmup ?? 200;
  const resolution = timerResolutionMs();

  const warmStart = performance.now();
  for (let i = 0; i < warmup; i++) {
    const pending = predictOne(i);
    if (pending instanceof Promise) await pending;
  }
  const perCall = (performance.now() - warmStart) / warmup;
  const blockSize = blockSizeFor(perCall, resolution);
  throwIfAborted(options.signal);

  const samples = new Float64Array(calls);
  let row = 0;
  for (let c = 0; c < calls; c++) {
    const start = performance.now();
    // Sync predictors are not awaited: an await alone costs about as much as a linear model's predict.
    for (let k = 0; k < blockSize; k++) {
      const pending = predictOne(row++);
      if (pending instanceof Promise) await pending;
    }
    samples[c] = (performance.now() - start) / blockSize;
    if (c % 250 === 249) {
      throwIfAborted(options.signal);
      await yieldToEventLoop();
    }
  }
  samples.sort();

  const batchStart = performance.now();
  const rows = await predictBatch();
  const batchSeconds = Math.max(1e-9, (performance.now() - batchStart) / 1000);

  return {
    p50Ms: quantile(samples, 0.5),
    p95Ms: quantile(samples, 0.95),
    p99Ms: quantile(samples, 0.99),
    batchRowsPerSec: rows / batchSeconds,
    calls,
    blockSize,
    timerResolutionMs: resolution,
    backend: options.backend,
    note:
      blockSize === 1
        ? `${calls} single-row calls timed one by one after ${warmup} warm-up calls, feature transform included.`
        : `One call is shorter than the timer (${formatMs(resolution)} steps), so ${calls} blocks of ${blockSize} calls were timed and divided; percentiles of block means understate the tail.`,
  };
}

/** Calls per timed block so that a block lasts about 20 timer steps; 1 for calls that long already. */
export function blockSizeFor(perCallMs: number, resolutionMs: number): number {
  return perCallMs >= 20 * resolutionMs
    ? 1
    : Math.ceil((20 * resolutionMs) / Math.max(perCallMs, 1e-6));
}

/** The smallest positive step between two readings of performance.now(). */
export function timerResolutionMs(): number {
  let smallest = Infinity;
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function formatMs(ms: number): string {
  return ms >= 0.1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(0)} us`;
}
