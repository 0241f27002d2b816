import { ConfigError } from '../experiment/config.ts';
import type { SweepResult } from '../experiment/runSweep.ts';
import { parseSweep } from '../experiment/sweep.ts';
import { sweepDefinition, type SweepDefinition } from '../links/sweepLink.ts';

/** The format of stored sweeps; bump it when a stored field changes meaning. */
export const STORED_SWEEP_VERSION = 1;

/** A finished sweep as IndexedDB keeps it, beside the runs: its definition and its result. */
export interface StoredSweep {
  /** Allocated by IndexedDB: a positive integer. */
  id: number;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  definition: SweepDefinition;
  result: SweepResult;
  schemaVersion: typeof STORED_SWEEP_VERSION;
}

/**
 * Checks one stored record, read back as untrusted input: its format, id, time, definition
 * (through parseSweep, whose output replaces it) and a result whose points match the values.
 */
export function readStoredSweep(
  record: unknown,
): { ok: true; sweep: StoredSweep } | { ok: false; reason: string } {
  if (typeof record !== 'object' || record === null) {
    return { ok: false, reason: 'it is not an object' };
  }
  const { id, createdAt, definition, result, schemaVersion } = record as Record<string, unknown>;
  if (schemaVersion !== STORED_SWEEP_VERSION) {
    return { ok: false, reason: `it has no known format version (${String(schemaVersion)})` };
  }
  if (!(typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) {
    return { ok: false, reason: 'its id is not a positive integer' };
  }
  if (!(typeof createdAt === 'number' && Number.isFinite(createdAt))) {
    return { ok: false, reason: 'its creation time is not a number' };
  }
  let valid: SweepDefinition;
  try {
    valid = sweepDefinition(parseSweep(definition));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, reason: error.message };
  }
  const points = (result as { points?: unknown } | null)?.points;
  if (!Array.isArray(points) || points.length !== valid.vary.values.length) {
    return { ok: false, reason: 'its result does not have one point per value' };
  }
  return {
    ok: true,
    sweep: {
      id,
      createdAt,
      definition: valid,
      result: result as SweepResult,
      schemaVersion: STORED_SWEEP_VERSION,
    },
  };
}

/** Whether two definitions describe the same sweep (a link's sweep already stored). */
export function sameSweep(a: SweepDefinition, b: SweepDefinition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
