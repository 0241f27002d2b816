/**
 * Turns what IndexedDB throws into a result the UI can show. Saving is best effort: when it fails
 * the app keeps working from memory, and the message says what is lost on reload.
 */

/**
 * - full: the browser's storage quota is used up (QuotaExceededError);
 * - unavailable: this browser will not store anything here (no IndexedDB, private browsing,
 *   storage blocked) or the database belongs to a newer version of the app;
 * - failed: anything else.
 */
export type StorageProblem = 'full' | 'unavailable' | 'failed';

export interface StorageFailure {
  ok: false;
  problem: StorageProblem;
  /** One or two plain-words sentences for the UI. */
  reason: string;
}

/** What the app was doing; it decides what the message says is kept or lost. */
export type StorageAction = 'save' | 'rename' | 'trim' | 'delete' | 'baseline' | 'clear' | 'load';

/** Thrown by the store itself when there is no IndexedDB at all (some private modes). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

const UNTIL_RELOAD: Record<StorageAction, string> = {
  save: 'this run is kept until you reload',
  rename: 'the new name is kept until you reload',
  trim: 'the dropped predictions come back when you reload',
  delete: 'the run comes back when you reload',
  baseline: 'the baseline is kept until you reload',
  clear: 'the runs come back when you reload',
  load: 'saved runs cannot be shown, and new runs are kept only until you reload',
};

/** Names of errors that mean storage is refused here rather than broken. */
const UNAVAILABLE_NAMES = new Set([
  'StorageUnavailableError',
  'SecurityError',
  'InvalidStateError',
]);

/**
 * The failure to report for `error`, thrown while doing `action`. Recognises quota errors by
 * name (QuotaExceededError, Firefox's NS_ERROR_DOM_QUOTA_REACHED) or legacy DOMException code
 * (22, 1014).
 */
export function storageFailure(error: unknown, action: StorageAction): StorageFailure {
  const name = errorName(error);
  const consequence = UNTIL_RELOAD[action];
  if (isQuotaError(error, name)) {
    return {
      ok: false,
      problem: 'full',
      reason: `Storage full: ${consequence}. Delete or export older runs to make room.`,
    };
  }
  if (name === 'VersionError') {
    return {
      ok: false,
      problem: 'unavailable',
      reason: `Saved runs belong to a newer version of Tradeoff Lab: ${consequence}. Reload the page to get the newer version.`,
    };
  }
  if (UNAVAILABLE_NAMES.has(name)) {
    return {
      ok: false,
      problem: 'unavailable',
      reason: `This browser does not let Tradeoff Lab store runs (private browsing, or site storage turned off): ${consequence}.`,
    };
  }
  return {
    ok: false,
    problem: 'failed',
    reason: `Storage failed (${describe(error)}): ${consequence}.`,
  };
}

function isQuotaError(error: unknown, name: string): boolean {
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : 0;
  return code === 22 || code === 1014;
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string' && message !== '') {
      return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
    }
    if (typeof name === 'string' && name !== '') return name;
  }
  return String(error);
}
