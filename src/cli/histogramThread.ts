import { parentPort } from 'node:worker_threads';
import { type HelperSetup, serveHistograms } from '../lib/models/gbdt/histogramHelper.ts';

// A node:worker_threads helper for parallel GBDT histograms (src/lib/models/gbdt/histogramThreads.ts):
// one setup message, then requests through shared memory until stopped; the thread then exits.
parentPort!.once('message', (setup: HelperSetup) => {
  parentPort!.postMessage('ready');
  serveHistograms(setup);
});
