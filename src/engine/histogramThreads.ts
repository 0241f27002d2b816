import type { HelperSetup } from '../lib/models/gbdt/histogramHelper.ts';
import type { HelperThread, HistogramThreads } from '../lib/models/gbdt/histogramThreads.ts';

/**
 * Helper threads for GBDT histograms in the browser, started from the engine worker: Web Workers
 * sharing memory with it. Only where the page is cross-origin isolated (COOP: same-origin and
 * COEP: require-corp; docs/design.md "Parallel histograms"): elsewhere SharedArrayBuffer is
 * missing and GBDT runs on one thread. Two threads where the machine has two cores or more.
 */
export function browserHistogramThreads(): HistogramThreads {
  const count = globalThis.crossOriginIsolated
    ? Math.min(2, navigator.hardwareConcurrency || 1)
    : 1;
  return {
    count,
    spawn,
    // The engine worker's console: a developer (and the browser tests) can see the fallback.
    onOneThread: (reason) => console.warn(`GBDT trains on one thread: ${reason}`),
  };
}

function spawn(): HelperThread {
  const worker = new Worker(new URL('../../workers/histogram.worker.ts', import.meta.url), {
    type: 'module',
  });
  return {
    start: (setup: HelperSetup) =>
      new Promise((resolve, reject) => {
        worker.onmessage = () => {
          worker.onerror = null;
          resolve();
        };
        worker.onerror = (event) => {
          // Handled: the fit goes on on one thread. Unhandled, the error would pass on to the
          // engine worker's own scope and end it, and the page would report an engine crash.
          event.preventDefault();
          reject(new Error(`gbdt: a histogram helper thread failed to start: ${event.message}`));
        };
        worker.postMessage(setup);
      }),
    async terminate() {
      worker.terminate();
    },
  };
}
