import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { EngineEnvironment } from '../lib/engineApi.ts';
import { browserHistogramThreads } from './histogramThreads.ts';

/**
 * What the engine needs from the browser, runs inside the worker: the wasm binaries served by the
 * app itself (Vite hashes and copies them; no network), built-in data read relative to the app,
 * and helper threads for GBDT histograms where the page is cross-origin isolated.
 */
export const workerEnvironment: EngineEnvironment = {
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  },
  histogramThreads: browserHistogramThreads(),
  async readData(path) {
    const url = new URL(import.meta.env.BASE_URL + path, self.location.origin);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
    return response.blob();
  },
};
