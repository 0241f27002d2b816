import { describe, expect, it } from 'vitest';
import {
  StorageUnavailableError,
  storageFailure,
} from '../../../src/lib/persistence/storageError.ts';

describe('storageFailure', () => {
  it('reports a full storage quota and what is kept until reload', () => {
    expect(storageFailure(new DOMException('quota', 'QuotaExceededError'), 'save')).toEqual({
      ok: false,
      problem: 'full',
      reason:
        'Storage full: this run is kept until you reload. Delete or export older runs to make room.',
    });
    expect(storageFailure(new DOMException('quota', 'QuotaExceededError'), 'rename').reason).toBe(
      'Storage full: the new name is kept until you reload. Delete or export older runs to make room.',
    );
  });

  it("recognises Firefox's quota error and legacy quota codes", () => {
    expect(storageFailure({ name: 'NS_ERROR_DOM_QUOTA_REACHED' }, 'save').problem).toBe('full');
    expect(storageFailure({ name: 'Error', code: 22 }, 'save').problem).toBe('full');
    expect(storageFailure({ name: 'Error', code: 1014 }, 'save').problem).toBe('full');
  });

  it('reports storage refused by the browser as unavailable', () => {
    const reason =
      'This browser does not let Tradeoff Lab store runs (private browsing, or site storage turned off): this run is kept until you reload.';
    for (const error of [
      new StorageUnavailableError('no IndexedDB'),
      new DOMException('denied', 'SecurityError'),
      new DOMException('mutation not allowed', 'InvalidStateError'),
    ]) {
      expect(storageFailure(error, 'save')).toEqual({ ok: false, problem: 'unavailable', reason });
    }
    expect(storageFailure(new StorageUnavailableError('x'), 'load').reason).toBe(
      'This browser does not let Tradeoff Lab store runs (private browsing, or site storage turned off): saved runs cannot be shown, and new runs are kept only until you reload.',
    );
  });

  it('reports a database of a newer app version', () => {
    expect(storageFailure(new DOMException('newer', 'VersionError'), 'baseline')).toEqual({
      ok: false,
      problem: 'unavailable',
      reason:
        'Saved runs belong to a newer version of Tradeoff Lab: the baseline is kept until you reload. Reload the page to get the newer version.',
    });
  });

  it('names any other error', () => {
    expect(storageFailure(new DOMException('could not clone', 'DataCloneError'), 'save')).toEqual({
      ok: false,
      problem: 'failed',
      reason:
        'Storage failed (DataCloneError: could not clone): this run is kept until you reload.',
    });
    expect(storageFailure('boom', 'delete').reason).toBe(
      'Storage failed (boom): the run comes back when you reload.',
    );
    expect(storageFailure(new DOMException('', 'AbortError'), 'clear').reason).toBe(
      'Storage failed (AbortError): the runs come back when you reload.',
    );
  });
});
