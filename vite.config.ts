import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Cross-origin isolation sharpens performance.now() from 100 us to 5 us in workers, which the
 * latency figures need; every resource the app loads is its own, so nothing breaks.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Offline use (a classroom with a poor network): after one visit a service worker serves the app,
 * its worker and wasm files, the built-in data sets and the lessons from its precache. It never
 * takes over on its own: a new version waits until the user reloads (src/ui/UpdatePrompt.svelte),
 * so an update cannot replace the page while a run is in progress.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,wasm,csv,json}'],
    // The engine chunk (tfjs) and the largest data set are over workbox's 2 MiB default.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    navigateFallback: 'index.html',
  },
});

const e2eOptions = {
  // A poll without its own timeout waits 1 s by default: too short for a loaded 2-core CI.
  expect: { poll: { timeout: 30_000 } },
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // Each file launches and closes its own browser; sharing the module graph spares importing
  // playwright-core again for every file.
  isolate: false,
};

export default defineConfig({
  plugins: [svelte(), offline],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // which left one core idle for the whole unit run.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
          // One module graph per worker, not per file: importing tfjs and the pipeline again for
          // each of ~100 files was half of the unit run's CPU time. Tests must not rely on a fresh
          // module state (tf backends and memory are checked as before/after differences).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/dom/**/*.test.ts'],
          // Mounting the steps compiles Svelte on first use: 5 s is short on a loaded 2-core CI.
          testTimeout: 30_000,
          // One module graph and one document per worker, as for the unit tests (19 -> 8 CPU s);
          // the setup file gives each file an empty document and unmounts after each test.
          isolate: false,
          setupFiles: ['tests/dom/setup.ts'],
        },
        resolve: { conditions: ['browser'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/previewServer.ts'],
          // Files run side by side (one per core), each in its own browser against one preview
          // server: a file mostly keeps one core busy, training in the page's worker.
          ...e2eOptions,
        },
      },
    ],
  },
});
