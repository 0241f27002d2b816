import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Run } from '../lib/experiment/run.ts';
import {
  StorageUnavailableError,
  storageFailure,
  type StorageAction,
  type StorageFailure,
} from '../lib/persistence/storageError.ts';
import {
  readStoredRuns,
  toStoredRun,
  type RunList,
  type StoredRun,
} from '../lib/persistence/storedRun.ts';

/**
 * Runs kept in IndexedDB so a reload loses nothing. Storage is best effort: no method rejects;
 * each resolves to `{ ok: true, ... }` or a StorageFailure whose reason the UI shows, and the app
 * carries on from memory. Several tabs share the database: the store allocates run ids inside the
 * transaction that adds the run, never replaces one, and tells the other tabs of every change.
 */

const DB_NAME = 'tradeoff-lab';
const DB_VERSION = 1;
const BASELINE_KEY = 'baselineId';
/** The next run id, kept so that an id is never reused, even after its run was deleted. */
const NEXT_ID_KEY = 'nextRunId';
/** Tabs of the app tell each other on this channel that the stored runs changed. */
const CHANGES_CHANNEL = 'tradeoff-lab-runs';

interface RunsDb extends DBSchema {
  /** Keyed by run id. */
  runs: { key: number; value: StoredRun };
  /** Small settings: the pinned baseline's id under BASELINE_KEY, the next id under NEXT_ID_KEY. */
  meta: { key: string; value: unknown };
}

/** `{ ok: true }` plus the answer, or why storage failed. */
export type StoreResult<T extends object = object> = ({ ok: true } & T) | StorageFailure;

export interface RunStore {
  /** Why no run is saved (no IndexedDB, private mode, ...), to show once; null when saving. */
  readonly unavailable: StorageFailure | null;
  /** Readable runs oldest first; damaged or other-version records are skipped and listed. */
  list(): Promise<StoreResult<RunList>>;
  /**
   * Saves a new run under an id the database allocates (unique across tabs, never reused) and
   * named `name(id)`; it never replaces a stored run.
   */
  add(
    run: Omit<Run, 'id' | 'name'>,
    name: (id: number) => string,
  ): Promise<StoreResult<{ id: number }>>;
  /** Renames a stored run; a run that is not stored (its save failed earlier) is left alone. */
  rename(id: number, name: string): Promise<StoreResult>;
  /** Drops a stored run's per-row predictions (to stay under the quota); its metrics stay. */
  dropPredictions(id: number): Promise<StoreResult>;
  /** Deletes a run, and unpins it when it was the baseline. */
  delete(id: number): Promise<StoreResult>;
  /** Pins the run compared against; null unpins. */
  setBaseline(id: number | null): Promise<StoreResult>;
  getBaseline(): Promise<StoreResult<{ id: number | null }>>;
  /** Deletes every run and the baseline. */
  clear(): Promise<StoreResult>;
  /** Calls `listener` when another tab changed the stored runs. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * Opens the store. Never rejects: when IndexedDB cannot be opened, the store's `unavailable`
 * says why and each method resolves to that failure.
 */
export async function openRunStore(): Promise<RunStore> {
  const store = new IdbRunStore();
  try {
    if (typeof indexedDB === 'undefined') {
      throw new StorageUnavailableError('this browser has no IndexedDB');
    }
    store.attach(
      await openDB<RunsDb>(DB_NAME, DB_VERSION, {
        upgrade(db) {
          db.createObjectStore('runs', { keyPath: 'id' });
          db.createObjectStore('meta');
        },
        // A newer version of the app opened in another tab and needs to upgrade the database.
        blocking: () => store.detach(new DOMException('upgraded elsewhere', 'VersionError')),
        terminated: () => store.detach(new Error('the browser closed the database')),
      }),
    );
  } catch (error) {
    store.detach(error);
  }
  return store;
}

class IdbRunStore implements RunStore {
  #db: IDBPDatabase<RunsDb> | null = null;
  /** Why the database is not usable, once it is not. */
  #lost: unknown = null;
  #channel: BroadcastChannel | null =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGES_CHANNEL);

  get unavailable(): StorageFailure | null {
    return this.#db === null ? storageFailure(this.#lost, 'load') : null;
  }

  attach(db: IDBPDatabase<RunsDb>): void {
    this.#db = db;
  }

  detach(reason: unknown): void {
    this.#db?.close();
    this.#db = null;
    this.#lost = reason;
  }

  list(): Promise<StoreResult<RunList>> {
    return this.#attempt('load', async (db) => readStoredRuns(await db.getAll('runs')));
  }

  add(
    run: Omit<Run, 'id' | 'name'>,
    name: (id: number) => string,
  ): Promise<StoreResult<{ id: number }>> {
    return this.#attempt('save', async (db) => {
      // Readwrite transactions over the same stores run one at a time, across tabs too, so two
      // tabs can never take the same id; `add` fails rather than replace a record.
      const tx = db.transaction(['runs', 'meta'], 'readwrite');
      const runs = tx.objectStore('runs');
      const meta = tx.objectStore('meta');
      const allocate = async () => {
        const next = await meta.get(NEXT_ID_KEY);
        const newest = await runs.openCursor(null, 'prev');
        const id = Math.max(typeof next === 'number' ? next : 1, (newest?.key ?? 0) + 1);
        await runs.add(toStoredRun({ ...run, id, name: name(id) }));
        await meta.put(id + 1, NEXT_ID_KEY);
        return id;
      };
      const [id] = await Promise.all([allocate(), tx.done]);
      return { id };
    });
  }

  rename(id: number, name: string): Promise<StoreResult> {
    return this.#attempt('rename', async (db) => {
      const tx = db.transaction('runs', 'readwrite');
      const rename = async () => {
        const record = await tx.store.get(id);
        if (record !== undefined) await tx.store.put({ ...record, name });
      };
      await Promise.all([rename(), tx.done]);
      return {};
    });
  }

  dropPredictions(id: number): Promise<StoreResult> {
    return this.#attempt('trim', async (db) => {
      const tx = db.transaction('runs', 'readwrite');
      const trim = async () => {
        const record = await tx.store.get(id);
        if (record === undefined) return;
        const { predictions: _dropped, ...kept } = record as typeof record & {
          predictions?: unknown;
        };
        await tx.store.put(kept);
      };
      await Promise.all([trim(), tx.done]);
      return {};
    });
  }

  delete(id: number): Promise<StoreResult> {
    return this.#attempt('delete', async (db) => {
      const tx = db.transaction(['runs', 'meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const unpin = async () => {
        if ((await meta.get(BASELINE_KEY)) === id) await meta.delete(BASELINE_KEY);
      };
      await Promise.all([tx.objectStore('runs').delete(id), unpin(), tx.done]);
      return {};
    });
  }

  setBaseline(id: number | null): Promise<StoreResult> {
    return this.#attempt('baseline', async (db) => {
      await (id === null ? db.delete('meta', BASELINE_KEY) : db.put('meta', id, BASELINE_KEY));
      return {};
    });
  }

  getBaseline(): Promise<StoreResult<{ id: number | null }>> {
    return this.#attempt('load', async (db) => {
      const id = await db.get('meta', BASELINE_KEY);
      return { id: typeof id === 'number' ? id : null };
    });
  }

  clear(): Promise<StoreResult> {
    return this.#attempt('clear', async (db) => {
      const tx = db.transaction(['runs', 'meta'], 'readwrite');
      // The id counter stays: a tab still showing a cleared run must not meet its id again.
      const meta = tx.objectStore('meta');
      await Promise.all([tx.objectStore('runs').clear(), meta.delete(BASELINE_KEY), tx.done]);
      return {};
    });
  }

  onChange(listener: () => void): () => void {
    const channel = this.#channel;
    if (channel === null) return () => undefined;
    const onMessage = () => listener();
    channel.addEventListener('message', onMessage);
    return () => channel.removeEventListener('message', onMessage);
  }

  /**
   * Runs `operation` on the open database, turning any error into the failure to show. Operations
   * await their transaction's `done` together with their requests (Promise.all), so an aborted
   * transaction (a quota error often surfaces only there) is never an unhandled rejection.
   */
  async #attempt<T extends object>(
    action: StorageAction,
    operation: (db: IDBPDatabase<RunsDb>) => Promise<T>,
  ): Promise<StoreResult<T>> {
    const db = this.#db;
    if (db === null) return storageFailure(this.#lost, action);
    try {
      const result = await operation(db);
      if (action !== 'load') this.#channel?.postMessage(action);
      return { ok: true, ...result };
    } catch (error) {
      return storageFailure(error, action);
    }
  }
}
