import { capacityReport, trainingMeasurements } from '../serving/capacity.ts';
import { ConfigError, parseConfig, type ExperimentConfig } from '../experiment/config.ts';
import type { RunResult } from '../experiment/result.ts';
import type { Run } from '../experiment/run.ts';

/**
 * A run as IndexedDB keeps it. Records are read back as untrusted input: a record written by an
 * older or newer version of the app, or damaged, is left out and counted, never a crash.
 */

/**
 * The format of stored runs. Bump it when a stored field changes meaning and convert older
 * records in readStoredRun; a change to the config alone needs nothing, since parseConfig fills
 * in fields added with defaults.
 */
export const STORED_RUN_VERSION = 2;
/** Format 1: `model.bytes` counted parameters only and results had no `capacity` block. */
const FORMAT_WITHOUT_CAPACITY = 1;

export interface StoredRun extends Run {
  schemaVersion: typeof STORED_RUN_VERSION;
}

/** A record left out when reading, and why (for the console; the UI shows a count). */
export interface SkippedRecord {
  /** The record's id when it has a usable one. */
  id: number | null;
  reason: string;
}

/** Stored runs that could be read, oldest first, and the records that could not. */
export interface RunList {
  runs: StoredRun[];
  skipped: SkippedRecord[];
}

/** The record to store for `run`: only the Run's own fields, plus the format version. */
export function toStoredRun(run: Run): StoredRun {
  const { id, name, createdAt, result, predictions } = run;
  return {
    id,
    name,
    createdAt,
    result,
    ...(predictions ? { predictions } : {}),
    schemaVersion: STORED_RUN_VERSION,
  };
}

/**
 * Checks one stored record: its format version, the fields the app reads, and its config
 * (through parseConfig, whose output, defaults filled in, replaces the stored config).
 */
export function readStoredRun(
  record: unknown,
): { ok: true; run: StoredRun } | { ok: false; reason: string } {
  if (!isObject(record)) return { ok: false, reason: 'it is not an object' };
  const version = record['schemaVersion'];
  if (typeof version === 'number' && version > STORED_RUN_VERSION) {
    return {
      ok: false,
      reason: `it was saved by a newer version of Tradeoff Lab (format ${version})`,
    };
  }
  if (version !== STORED_RUN_VERSION && version !== FORMAT_WITHOUT_CAPACITY) {
    return { ok: false, reason: `it has no known format version (${String(version)})` };
  }
  const { id, name, createdAt, result } = record;
  if (!(typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) {
    return { ok: false, reason: 'its id is not a positive integer' };
  }
  if (typeof name !== 'string') return { ok: false, reason: 'its name is not text' };
  if (!(typeof createdAt === 'number' && Number.isFinite(createdAt))) {
    return { ok: false, reason: 'its creation time is not a number' };
  }
  const missing = missingResultPart(result, version === STORED_RUN_VERSION);
  if (missing !== null) return { ok: false, reason: `its result has no ${missing}` };
  try {
    const stored = (result as Record<string, unknown>)['config'];
    const { input, note } =
      version === STORED_RUN_VERSION ? { input: stored } : fromFormat1(stored);
    const config = parseConfig(input);
    const run = record as unknown as StoredRun;
    const read = {
      ...run.result,
      config,
      warnings: [...run.result.warnings, ...(note ? [note] : [])],
    };
    return {
      ok: true,
      run: {
        ...run,
        schemaVersion: STORED_RUN_VERSION,
        result: version === STORED_RUN_VERSION ? read : withCapacity(read, config),
      },
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, reason: `its config is not valid: ${error.message}` };
  }
}

/** Reads every record (see readStoredRun), sorted by creation time, then id. */
export function readStoredRuns(records: readonly unknown[]): RunList {
  const runs: StoredRun[] = [];
  const skipped: SkippedRecord[] = [];
  for (const record of records) {
    const read = readStoredRun(record);
    if (read.ok) runs.push(read.run);
    else skipped.push({ id: recordId(record), reason: read.reason });
  }
  runs.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return { runs, skipped };
}

/** What the UI says about left-out records, or null when there were none. */
export function skippedRunsMessage(skipped: number): string | null {
  if (skipped === 0) return null;
  return skipped === 1
    ? '1 saved run could not be read (it is damaged or from another version) and is not shown.'
    : `${skipped} saved runs could not be read (they are damaged or from another version) and are not shown.`;
}

/** One more than the largest id in use, so a new run never overwrites a saved one. */
export function nextRunId(runs: readonly Pick<Run, 'id'>[]): number {
  let largest = 0;
  for (const run of runs) largest = Math.max(largest, run.id);
  return largest + 1;
}

/**
 * A format-1 result in today's shape: its size is the parameters alone (the pipeline was not
 * counted) and its capacity block comes from its own latency, size and training time, with no
 * request latency (it was not measured then).
 */
function withCapacity(result: RunResult, config: ExperimentConfig): RunResult {
  const { model, data } = result;
  return {
    ...result,
    model: {
      ...model,
      parameterBytes: model.bytes,
      pipeline: null,
      sizeIncludes:
        'Parameters as float32 only: this run was made before the feature pipeline was counted.',
    },
    capacity: capacityReport(
      {
        rowsPerSecPerCore: result.latency.batchRowsPerSec,
        requestP99Ms: null,
        requestCandidates: config.serving.candidatesPerRequest,
        requests: 0,
        memoryBytesPerReplica: model.bytes,
        ...trainingMeasurements(result.trainMs, data.trainRows, data.sampledTrainRows),
      },
      config.serving,
      config.frame.latencyBudgetMs,
    ),
  };
}

/** Format 1's logistic regression was trained by Adam; these were its knobs. */
const ADAM_KNOBS = ['epochs', 'learningRate', 'batchSize'];

/**
 * A format-1 config in today's shape: logistic regression is fitted by L-BFGS now, so the Adam
 * knobs it was trained with are taken out (strict configs refuse them) and the run says so; its
 * numbers stay those it was measured with.
 */
function fromFormat1(config: unknown): { input: unknown; note?: string } {
  const model = isObject(config) && isObject(config['model']) ? config['model'] : null;
  if (model?.['family'] !== 'logistic') return { input: config };
  const used = ADAM_KNOBS.filter((k) => k in model);
  if (used.length === 0) return { input: config };
  const kept = Object.fromEntries(Object.entries(model).filter(([k]) => !used.includes(k)));
  const knobs = used.map((k) => `${k} ${String(model[k])}`).join(', ');
  return {
    input: { ...(config as Record<string, unknown>), model: kept },
    note: `Saved by an earlier version, which trained logistic regression by Adam (${knobs}); its numbers are from that fit, and running this config again fits by L-BFGS.`,
  };
}

/** The first part of a result the app needs that is missing, or null when all are there. */
function missingResultPart(result: unknown, current: boolean): string | null {
  if (!isObject(result)) return 'result';
  const metrics = result['metrics'];
  if (!isObject(metrics) || !isObject(metrics['test']) || !isObject(metrics['validation'])) {
    return 'metrics';
  }
  for (const part of ['data', 'curves', 'latency', 'model'] as const) {
    if (!isObject(result[part])) return part;
  }
  if (!Array.isArray(result['trainingCurve'])) return 'trainingCurve';
  if (!Array.isArray(result['warnings'])) return 'warnings';
  if (current && !isObject(result['capacity'])) return 'capacity';
  return null;
}

function recordId(record: unknown): number | null {
  const id = isObject(record) ? record['id'] : undefined;
  return typeof id === 'number' ? id : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
