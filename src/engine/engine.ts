import { EngineClient } from './EngineClient.ts';

/**
 * The app's one engine: a module worker started on first use, and not before `startAfter`
 * settles (see EngineClientOptions).
 */
export function createEngine(startAfter?: Promise<unknown>): EngineClient {
  return new EngineClient(
    () =>
      new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'engine',
      }),
    startAfter ? { startAfter } : {},
  );
}
