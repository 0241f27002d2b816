import * as tf from './tfjsCore.ts';
// Importing the wasm backend registers it with tfjs.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import type { BackendChoice, BackendName } from './backendChoices.ts';

export type { BackendChoice, BackendName } from './backendChoices.ts';

/**
 * The order auto tries. Single-thread SIMD wasm was the fastest backend for these small tabular
 * models on the machines we measured (docs/design.md); a GPU backend pays off only for large MLPs and
 * costs shader compilation, and cpu always works.
 */
export const AUTO_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

export interface BackendAttempt {
  backend: BackendName;
  outcome: 'ok' | 'failed' | 'excluded' | 'not tried';
  /** Plain words: why it failed, was excluded, or was not tried. */
  detail: string;
}

export interface BackendReport {
  requested: BackendChoice;
  /** The backend tfjs actually runs on, read back with tf.getBackend(). */
  active: BackendName;
  attempts: BackendAttempt[];
}

export interface BackendOptions {
  /** Backends to skip, e.g. one whose worker crashed or lost its WebGL context. */
  exclude?: readonly BackendName[];
  /** Where the wasm binaries are served from, for bundlers that hash file names. */
  wasmPaths?: Record<string, string>;
  /** How long one backend may take to start and prove itself. Default 15 s. */
  timeoutMs?: number;
}

let backendsRegistered: Promise<void> | undefined;

/** Registers webgpu where the browser has it (its module registers itself on import), once. */
function registerBackends(): Promise<void> {
  backendsRegistered ??= (async () => {
    // Threaded wasm hangs after Vite bundling (docs/design.md): stay single-threaded, SIMD still on.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== 'undefined') {
      await import('@tensorflow/tfjs-backend-webgpu');
    }
  })();
  return backendsRegistered;
}

/**
 * Starts the requested backend, or for 'auto' the first of AUTO_ORDER that starts and computes a
 * small matrix product correctly. tfjs falls back silently when a backend fails, so the result
 * always comes from tf.getBackend().
 */
export async function selectBackend(
  requested: BackendChoice,
  options: BackendOptions = {},
): Promise<BackendReport> {
  await registerBackends();
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  const exclude = new Set(options.exclude ?? []);
  const candidates =
    requested === 'auto' ? AUTO_ORDER : [requested, ...AUTO_ORDER.filter((b) => b !== requested)];
  const attempts: BackendAttempt[] = [];
  let active: BackendName | undefined;

  for (const backend of candidates) {
    if (active) {
      attempts.push({ backend, outcome: 'not tried', detail: `${active} started first` });
    } else if (exclude.has(backend)) {
      attempts.push({ backend, outcome: 'excluded', detail: 'failed earlier in this session' });
    } else {
      const failure = await tryBackend(backend, options.timeoutMs ?? 15_000);
      if (failure) attempts.push({ backend, outcome: 'failed', detail: failure });
      else {
        active = backend;
        attempts.push({
          backend,
          outcome: 'ok',
          detail: requested === backend ? 'requested' : 'first to start',
        });
      }
    }
  }
  if (!active)
    throw new Error(
      `No tfjs backend could start: ${attempts.map((a) => `${a.backend}: ${a.detail}`).join('; ')}`,
    );
  return { requested, active, attempts };
}

/** Returns undefined when the backend runs and computes correctly, else why not. */
async function tryBackend(backend: BackendName, timeoutMs: number): Promise<string | undefined> {
  if (!tf.findBackendFactory(backend)) return 'not available in this environment';
  try {
    const ok = await withTimeout(tf.setBackend(backend), timeoutMs, 'did not start in time');
    if (!ok || tf.getBackend() !== backend) return 'failed to initialise';
    const product = tf.tidy(() =>
      tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])),
    );
    try {
      const values = await withTimeout(product.data(), timeoutMs, 'hung reading results back');
      const expected = [19, 22, 43, 50];
      if (!expected.every((v, i) => values[i] === v)) return 'computed a wrong result';
    } finally {
      product.dispose();
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
