import type { Run } from '../experiment/run.ts';
import { toStoredRun } from './storedRun.ts';
import { predictionBytes } from '../experiment/testPredictions.ts';

/**
 * About how many bytes a run takes in IndexedDB: its stored record written as JSON (one byte per
 * character, as the structured clone keeps ASCII text), plus its per-row predictions' typed
 * arrays. An estimate: the browser's own encoding and compression move it by some tens of percent.
 */
export function storedRunBytes(run: Run): number {
  const { predictions, ...record } = toStoredRun(run);
  return JSON.stringify(record).length + (predictions ? predictionBytes(predictions) : 0);
}
