import { type HelperSetup, histogramHelper } from '../src/lib/models/gbdt/histogramHelper.ts';

// A helper thread for GBDT histograms, started by the engine worker (src/engine/histogramThreads.ts):
// one setup message, then requests through shared memory until stopped; then it closes itself.
// The app is type-checked with the DOM lib, where `self` is a Window; here it is the worker scope.
const scope = self as unknown as {
  onmessage: (event: MessageEvent<HelperSetup>) => void;
  postMessage(message: string): void;
  close(): void;
};
scope.onmessage = (event) => {
  // Throws before 'ready' where it cannot attach: the engine worker sees an error event.
  const serve = histogramHelper(event.data);
  scope.postMessage('ready');
  serve();
  scope.close();
};
