import { quantileOfSorted } from '../metrics/quantile.ts';
import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import { blockSizeFor, timerResolutionMs } from './latency.ts';

/** The latency of whole requests: k candidate rows scored as one batch (docs/design.md "Capacity and cost"). */
export interface RequestLatencyReport {
  /** Rows scored per request. */
  candidates: number;
  /** Requests timed. */
  requests: number;
  /** Milliseconds per request. */
  p50Ms: number;
  p99Ms: number;
  /** Requests per timed block: 1 unless one request is shorter than the timer's resolution. */
  blockSize: number;
  /** What was measured and how, in plain words. */
  note: string;
}

export interface RequestLatencyOptions {
  /** Rows per request, named in the report. */
  candidates: number;
  /** Requests to time; default and minimum 200. */
  requests?: number;
  /** Requests before timing starts; default 20. */
  warmup?: number;
  signal?: AbortSignal;
}

/** Requests timed at least (docs/design.md). */
export const MIN_REQUESTS = 200;

/**
 * Times `scoreRequest(i)`, which scores request i (its candidates' raw records through the feature
 * transform, the model as one batch and the post-processing) and resolves when the scores are read
 * back. Requests shorter than the timer are timed in blocks and divided, and the note says so.
 */
export async function measureRequestLatency(
  scoreRequest: (i: number) => Promise<unknown>,
  options: RequestLatencyOptions,
): Promise<RequestLatencyReport> {
  const requests = Math.max(MIN_REQUESTS, options.requests ?? MIN_REQUESTS);
  const warmup = Math.max(1, options.warmup ?? 20);
  const resolution = timerResolutionMs();

  const warmStart = performance.now();
  for (let i = 0; i < warmup; i++) await scoreRequest(i);
  const blockSize = blockSizeFor((performance.now() - warmStart) / warmup, resolution);
  throwIfAborted(options.signal);

  const samples = new Float64Array(requests);
  let next = warmup;
  for (let r = 0; r < requests; r++) {
    const start = performance.now();
    for (let k = 0; k < blockSize; k++) await scoreRequest(next++);
    samples[r] = (performance.now() - start) / blockSize;
    if (r % 50 === 49) {
      throwIfAborted(options.signal);
      await yieldToEventLoop();
    }
  }
  samples.sort();
  const { candidates } = options;
  const rows = `${candidates} candidate${candidates === 1 ? '' : 's'}`;
  return {
    candidates,
    requests,
    p50Ms: quantileOfSorted(samples, 0.5)!,
    p99Ms: quantileOfSorted(samples, 0.99)!,
    blockSize,
    note:
      blockSize === 1
        ? `${requests} requests of ${rows} scored as one batch, feature transform included, timed one by one after ${warmup} warm-up requests.`
        : `One request of ${rows} is shorter than the timer, so ${requests} blocks of ${blockSize} requests were timed and divided; percentiles of block means understate the tail.`,
  };
}
