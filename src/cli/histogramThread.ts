import { parentPort } from 'node:worker_threads';
import { type HelperSetup, histogramHelper } from '../lib/models/gbdt/histogramHelper.ts';

// A node:worker_threads helper for parallel GBDT histograms (src/lib/models/gbdt/histogramThreads.ts):
// one setup message, then requests through shared memory until stopped; the thread then exits.
// A helper that cannot attach throws before it reports ready: the pool sees an 'error' event.
parentPort!.once('message', (setup: HelperSetup) => {
  const serve = histogramHelper(setup);
  parentPort!.postMessage('ready');
  serve();
});
