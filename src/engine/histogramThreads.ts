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
  return { count, spawn };
}

function spawn(): HelperThread {
  const worker = new Worker(new URL('../../workers/histogram.worker.ts', import.meta.url), {
    type: 'module',
  });
  return {
    start: (setup: HelperSetup) =>
      new Promise((resolve, reject) => {
        worker.onmessage = () => resolve();
        worker.onerror = (event) =>
          reject(new Error(`gbdt: a histogram helper thread failed to start: ${event.message}`));
        worker.postMessage(setup);
      }),
    async terminate() {
      worker.terminate();
    },
  };
}
