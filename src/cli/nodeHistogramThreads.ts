import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HelperSetup } from '../lib/models/gbdt/histogramHelper.ts';
import type { HelperThread, HistogramThreads } from '../lib/models/gbdt/histogramThreads.ts';

/** Threads a fit uses by default: two where the machine has two cores or more (docs/design.md). */
export const DEFAULT_HISTOGRAM_THREADS = Math.min(2, availableParallelism());

/**
 * Helper threads for GBDT histograms in Node (CLI, bench, tests): node:worker_threads running
 * histogramThread.ts, bundled by esbuild when run from the sources, or the bundled histogramThread.js
 * next to the CLI (scripts/buildCli.mjs).
 */
export function nodeHistogramThreads(count = DEFAULT_HISTOGRAM_THREADS): HistogramThreads {
  return {
    count,
    spawn: spawnHelper,
    onOneThread: (reason) => console.warn(`GBDT trains on one thread: ${reason}`),
  };
}

const fromSources = import.meta.url.endsWith('.ts');
const entry = new URL(
  fromSources ? './histogramThread.ts' : './histogramThread.js',
  import.meta.url,
);
let bundled: string | undefined;

/**
 * From the sources (tests, bench), the entry bundled once per process by esbuild into one script:
 * a worker that registered tsx itself spent about 0.5 CPU s starting, on every fit.
 */
function bundledEntry(): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  bundled ??= esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
  }).outputFiles[0]!.text;
  return bundled;
}

function spawnHelper(): HelperThread {
  const worker = fromSources ? new Worker(bundledEntry(), { eval: true }) : new Worker(entry);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    start: (setup: HelperSetup) =>
      new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', () => reject(new Error('gbdt: a histogram helper thread exited')));
        worker.postMessage(setup);
      }),
    async terminate() {
      await worker.terminate();
      await exited;
    },
  };
}
