import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredSweep, type StoredSweep } from '../lib/persistence/storedSweep.ts';

/**
 * Finished sweeps kept in IndexedDB beside the runs (a database of their own, so the runs'
 * format and version never move for them). Best effort, like the run store: no method rejects;
 * a failure resolves to the sentence to show, and the app carries on from memory.
 */

const DB_NAME = 'tradeoff-lab-sweeps';
const DB_VERSION = 1;

interface SweepsDb extends DBSchema {
  /** Keyed by an id IndexedDB allocates. */
  sweeps: { key: number; value: StoredSweep };
}

export type SweepStoreResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; reason: string };

export interface SweepStore {
  /** Readable sweeps, oldest first, and how many records could not be read. */
  list(): Promise<SweepStoreResult<{ sweeps: StoredSweep[]; skipped: number }>>;
  /** Saves a sweep under a new id. */
  add(sweep: Omit<StoredSweep, 'id'>): Promise<SweepStoreResult<{ id: number }>>;
  delete(id: number): Promise<SweepStoreResult>;
}

/** Opens the store; never rejects (every call then answers why nothing is kept). */
export async function openSweepStore(): Promise<SweepStore> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    const db = await openDB<SweepsDb>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('sweeps', { keyPath: 'id', autoIncrement: true });
      },
    });
    return new IdbSweepStore(db);
  } catch (error) {
    return new IdbSweepStore(null, error);
  }
}

class IdbSweepStore implements SweepStore {
  #db: IDBPDatabase<SweepsDb> | null;
  #lost: unknown;

  constructor(db: IDBPDatabase<SweepsDb> | null, lost: unknown = null) {
    this.#db = db;
    this.#lost = lost;
  }

  list() {
    return this.#attempt('read', async (db) => {
      const read = (await db.getAll('sweeps')).map(readStoredSweep);
      const sweeps = read.flatMap((r) => (r.ok ? [r.sweep] : []));
      return { sweeps, skipped: read.length - sweeps.length };
    });
  }

  add(sweep: Omit<StoredSweep, 'id'>) {
    // With autoIncrement, IndexedDB fills in the id key path of a record that has none.
    return this.#attempt('save', async (db) => ({
      id: await db.add('sweeps', sweep as StoredSweep),
    }));
  }

  delete(id: number) {
    return this.#attempt('delete', async (db) => {
      await db.delete('sweeps', id);
      return {};
    });
  }

  async #attempt<T extends object>(
    action: 'read' | 'save' | 'delete',
    operation: (db: IDBPDatabase<SweepsDb>) => Promise<T>,
  ): Promise<SweepStoreResult<T>> {
    const failed = (error: unknown) => ({
      ok: false as const,
      reason: `Sweeps could not be ${action === 'read' ? 'read' : action === 'save' ? 'saved' : 'deleted'} in this browser (${error instanceof Error ? error.message : String(error)}); they are kept until you reload.`,
    });
    if (this.#db === null) return failed(this.#lost);
    try {
      return { ok: true, ...(await operation(this.#db)) };
    } catch (error) {
      return failed(error);
    }
  }
}
