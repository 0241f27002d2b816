import { median } from 'd3-array';
import { quantileOfSorted } from '../metrics/quantile.ts';
import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import { formatMs } from '../text/format.ts';

/** Serving latency as a serving system would measure it (docs/design.md "Latency"). */
export interface LatencyReport {
  /**
   * One-row predict, raw row in, final probability out, after a warm-up. Milliseconds: the median
   * over the rounds of each round's percentile, so one noisy round (a GC pause, another tab) does
   * not move the figure.
   */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Rounds measured; each round times `calls` calls. Absent in runs stored before rounds existed. */
  rounds?: number;
  /** Each round's p50 and p99 in milliseconds: their range is the spread shown as an error bar. */
  roundP50Ms?: number[];
  roundP99Ms?: number[];
  /** Batch predict throughput over the whole test split. */
  batchRowsPerSec: number;
  /** Single-row calls (or blocks) timed per round. */
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
  /** Rounds of `calls` timed calls each; default 5. */
  rounds?: number;
  /** The tfjs backend in use, named in the report. */
  backend: string;
  signal?: AbortSignal;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Times `predictOne(i)` (one raw row i through features, model and calibration) and
 * `predictBatch()` (returns rows predicted). Browser timers are coarse (100 us, or 5 us when
 * cross-origin isolated): when a call is shorter than about 20 timer steps, blocks of k calls are
 * timed and divided, which narrows the tails, and the note says so. The timing is repeated in
 * rounds and each percentile reported is the median of the rounds' values.
 */
export async function measureLatency(
  predictOne: (i: number) => MaybePromise<unknown>,
  predictBatch: () => Promise<number>,
  options: LatencyOptions,
): Promise<LatencyReport> {
  const calls = Math.max(1000, options.calls ?? 1000);
  const warmup = options.warmup ?? 200;
  const rounds = Math.max(1, Math.floor(options.rounds ?? 5));
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
  const percentiles = { p50: [] as number[], p95: [] as number[], p99: [] as number[] };
  let row = 0;
  for (let round = 0; round < rounds; round++) {
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
    percentiles.p50.push(quantileOfSorted(samples, 0.5)!);
    percentiles.p95.push(quantileOfSorted(samples, 0.95)!);
    percentiles.p99.push(quantileOfSorted(samples, 0.99)!);
  }

  const batchStart = performance.now();
  const rows = await predictBatch();
  const batchSeconds = Math.max(1e-9, (performance.now() - batchStart) / 1000);

  return {
    p50Ms: median(percentiles.p50)!,
    p95Ms: median(percentiles.p95)!,
    p99Ms: median(percentiles.p99)!,
    rounds,
    roundP50Ms: percentiles.p50,
    roundP99Ms: percentiles.p99,
    batchRowsPerSec: rows / batchSeconds,
    calls,
    blockSize,
    timerResolutionMs: resolution,
    backend: options.backend,
    note:
      blockSize === 1
        ? `${rounds} rounds of ${calls} single-row calls timed one by one after ${warmup} warm-up calls, feature transform included; each percentile is the median of the rounds'.`
        : `One call is shorter than the timer (${formatMs(resolution)} steps), so ${rounds} rounds of ${calls} blocks of ${blockSize} calls were timed and divided; percentiles of block means understate the tail; each is the median of the rounds'.`,
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
