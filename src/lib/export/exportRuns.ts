import Papa from 'papaparse';
import { readSplitMetric, SPLIT_METRICS } from '../catalog/metrics.ts';
import { describeSetup, referenceRun } from '../experiment/runSetup.ts';
import type { Run } from '../experiment/run.ts';

/** A CSV cell before quoting: null (and a non-finite number) is written as an empty cell. */
type Cell = string | number | boolean | null;

const COLUMNS: readonly (readonly [
  header: string,
  cell: (run: Run, runs: readonly Run[]) => Cell,
])[] = [
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['created_at', (r) => new Date(r.createdAt).toISOString()],
  ['dataset', (r) => datasetName(r)],
  ['target', (r) => r.result.config.data.target],
  ['task', (r) => r.result.config.data.task],
  ['model_family', (r) => r.result.config.model.family],
  ['setup', (r, runs) => setupAgainstPrevious(r, runs)],
  ['hidden', hiddenLayers],
  ['embedding_dim', (r) => modelField(r, 'embeddingDim')],
  ['trees', (r) => modelField(r, 'trees')],
  ['max_depth', (r) => modelField(r, 'maxDepth')],
  ['max_leaves', (r) => modelField(r, 'maxLeaves')],
  ['numeric', (r) => r.result.config.features.default.numeric ?? null],
  ['categorical', (r) => r.result.config.features.default.categorical ?? null],
  ['missing', (r) => r.result.config.features.default.missing ?? null],
  ['negative_rate', (r) => r.result.config.imbalance.negativeRate],
  ['recalibrate', (r) => r.result.config.imbalance.recalibrate],
  ['calibration', (r) => r.result.config.imbalance.calibration],
  ['backend', (r) => r.result.backend],
  ['train_ms', (r) => r.result.trainMs],
  // Every catalog metric, empty where the task does not define it or it was undefined.
  ...SPLIT_METRICS.map(
    ({ key }) =>
      [`test_${snakeCase(key)}`, (r: Run) => readSplitMetric(r.result.metrics.test, key)] as const,
  ),
  ['p50_ms', (r) => r.result.latency.p50Ms],
  ['p95_ms', (r) => r.result.latency.p95Ms],
  ['p99_ms', (r) => r.result.latency.p99Ms],
  ['batch_rows_per_sec', (r) => r.result.latency.batchRowsPerSec],
  ['parameters', (r) => r.result.model.parameters],
  ['bytes', (r) => r.result.model.bytes],
  ['request_p99_ms', (r) => r.result.capacity.requestP99Ms],
  ['cores_at_peak', (r) => r.result.capacity.coresAtPeak],
  ['monthly_serving_cost', (r) => r.result.capacity.monthlyServingCost],
];

/** Text that a spreadsheet would run as a formula when it starts a cell (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell safe to open in a spreadsheet: text starting with = + - @, a tab or a carriage
 * return gets a leading single quote, which spreadsheets show as text rather than run. Only text
 * is escaped: numbers stay numbers, so -0.5 is written as -0.5. Run names and data set names are
 * user-controlled, so every text cell passes through here.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The runs as CSV (RFC 4180: comma-separated, quoted where needed, every record ending in
 * CRLF), a header row then one row per run in the given order. Columns: id, name, created_at
 * (ISO 8601, UTC), dataset (the source, "synthetic:ctr" for the synthetic data), target, task,
 * model_family, setup (what differs from the previous run on the same data, else the setup),
 * model size (hidden as "64x64", embedding_dim, trees, max_depth, max_leaves), the default
 * encodings (numeric, categorical, missing), negative_rate, recalibrate, calibration, backend
 * (the one used), train_ms, the metric catalog's test metrics (test_roc_auc ... test_r2, empty
 * where undefined or not applicable to the task), latency p50_ms / p95_ms / p99_ms,
 * batch_rows_per_sec, parameters, bytes (parameters and feature-pipeline tables), and the capacity
 * block's request_p99_ms, cores_at_peak, monthly_serving_cost (at the run's own traffic and prices,
 * example defaults unless set; empty when not measured). Config fields left to the model's default
 * are empty.
 * Numbers are written as numbers (non-finite ones as empty cells); text cells pass through
 * escapeFormula.
 */
export function runsToCsv(runs: readonly Run[]): string {
  const csv = Papa.unparse({
    fields: COLUMNS.map(([header]) => header),
    data: runs.map((run) => COLUMNS.map(([, cell]) => csvValue(cell(run, runs)))),
  });
  // papaparse ends the text with a line break only when there are no rows: end every record.
  return csv.endsWith('\r\n') ? csv : `${csv}\r\n`;
}

/**
 * The runs in full as pretty-printed JSON (an array of runs, 2-space indent). JSON has no
 * Infinity or NaN: they are written as null, which is what the first point of a ROC or PR curve
 * (threshold Infinity, "nothing predicted positive") becomes.
 */
export function runsToJson(runs: readonly Run[]): string {
  // Per-row predictions are typed arrays kept for comparisons, not part of the export.
  return JSON.stringify(
    runs.map(({ predictions: _predictions, ...run }) => run),
    null,
    2,
  );
}

function csvValue(cell: Cell): Cell {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return typeof cell === 'string' ? escapeFormula(cell) : cell;
}

/** What differs from the previous run on the same data in the export ("vs NAME: ..."), else the setup. */
function setupAgainstPrevious(run: Run, runs: readonly Run[]): string {
  const other = referenceRun(runs, run);
  const config = run.result.config;
  return other
    ? `vs ${other.name}: ${describeSetup(config, other.result.config)}`
    : describeSetup(config);
}

function datasetName(run: Run): string {
  const source = run.result.config.data.source;
  return typeof source === 'string' ? source : `synthetic:${source.synthetic.kind}`;
}

/** Hidden layer widths as "64x64"; null for a family without them or left to its default. */
function hiddenLayers(run: Run): string | null {
  const model = run.result.config.model;
  return 'hidden' in model && model.hidden !== undefined ? model.hidden.join('x') : null;
}

/** A numeric size field of the model config; null for a family without it or left to default. */
function modelField(run: Run, field: 'embeddingDim' | 'trees' | 'maxDepth' | 'maxLeaves'): Cell {
  const value: unknown = (run.result.config.model as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : null;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
