import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserHistogramThreads } from '../../../src/engine/histogramThreads.ts';
import type { HelperSetup } from '../../../src/lib/models/gbdt/histogramHelper.ts';

/**
 * A stand-in for the engine worker's Worker constructor (Node has none): the helper either
 * reports ready or fails as it starts, as a script that throws does, with the error event a
 * browser dispatches (preventDefault marks it handled).
 */
function fakeWorker(outcome: 'ready' | 'throws') {
  const events: { preventDefault: ReturnType<typeof vi.fn> }[] = [];
  const workers: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    terminated = false;
    constructor() {
      workers.push(this);
    }
    postMessage() {
      queueMicrotask(() => {
        if (outcome === 'ready') return this.onmessage?.({ data: 'ready' });
        const event = { message: 'Uncaught Error: broken helper', preventDefault: vi.fn() };
        events.push(event);
        this.onerror?.(event);
      });
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return { events, workers };
}

const setup = {} as HelperSetup;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browser histogram helper threads', () => {
  it('handle a helper that fails as it starts, so the error does not end the engine worker', async () => {
    const { events } = fakeWorker('throws');
    const helper = browserHistogramThreads().spawn();
    await expect(helper.start(setup)).rejects.toThrow(
      'gbdt: a histogram helper thread failed to start: Uncaught Error: broken helper',
    );
    // Unhandled, a nested worker's error passes on to the engine worker's scope and ends it.
    expect(events).toHaveLength(1);
    expect(events[0]!.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('leave errors after a helper is ready to the browser, and terminate it', async () => {
    const { workers } = fakeWorker('ready');
    const helper = browserHistogramThreads().spawn();
    await helper.start(setup);
    expect(workers[0]!.onerror).toBeNull();
    await helper.terminate();
    expect(workers[0]!.terminated).toBe(true);
  });

  it('say in the worker console why a fit runs on one thread', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    browserHistogramThreads().onOneThread!('a helper thread failed to start: x');
    expect(warn).toHaveBeenCalledWith(
      'GBDT trains on one thread: a helper thread failed to start: x',
    );
    warn.mockRestore();
  });
});
