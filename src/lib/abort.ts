/** Thrown by long computations when their AbortSignal fires; the worker client reports it as a cancel, not a failure. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Lets queued messages (a cancel from the main thread) run between chunks of synchronous work.
 * Call it between epochs or every few trees, never per row.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
