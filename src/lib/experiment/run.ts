import type { RunResult } from './result.ts';
import type { TestPredictions } from './testPredictions.ts';

/**
 * One finished run as the app keeps it: the result plus what the user sees in the runs list.
 * Stored in IndexedDB, exported as CSV and JSON.
 */
export interface Run {
  /** Unique among the saved runs (the IndexedDB key): a positive integer. */
  id: number;
  /** User-controlled: treat as untrusted text when exporting. */
  name: string;
  /** Milliseconds since the Unix epoch (Date.now()). */
  createdAt: number;
  result: RunResult;
  /**
   * Per-row test predictions (binary runs), for paired comparisons; dropped from the oldest
   * unpinned runs when storage nears its quota.
   */
  predictions?: TestPredictions;
}
