/**
 * `npm run bench`: speed figures on this machine, printed as a table and written to
 * bench-results/bench.json. Models: training rows/s and one-row predict p50/p99 on a 200k x 30
 * synthetic task, per family and tfjs backend. Data: CSV ingest of a generated ~100 MB file,
 * next to papaparse alone, and bytes per row in memory. Tests never assert these numbers.
 * `--compare` runs the side-by-side table against scikit-learn, XGBoost and pandas instead
 * (scripts/bench/compare.ts); `--lessons` times each built-in lesson's steps in Chromium
 * (scripts/bench/lessons.ts); `--long-tasks` reports the app's main-thread long tasks in Chromium
 * (scripts/bench/longTasks.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '../src/lib/tfjsCore.ts';
import Papa from 'papaparse';
import { selectBackend, type BackendName } from '../src/lib/backend.ts';
import { parseCsv } from '../src/lib/data/csvImport.ts';
import { bytesPerRow } from '../src/lib/data/tableStats.ts';
import type { FeatureMatrix } from '../src/lib/features/featureMatrix.ts';
import { fitEmbeddingMlp } from '../src/lib/models/embeddingMlp.ts';
import { fitGbdt } from '../src/lib/models/gbdt/gbdt.ts';
import { fitLogistic } from '../src/lib/models/logistic.ts';
import { fitMlp } from '../src/lib/models/mlp.ts';
import type { FitOptions, LabelledSet, Model } from '../src/lib/models/model.ts';
import { createRng } from '../src/lib/random.ts';
import { measureLatency } from '../src/lib/serving/latency.ts';
import { clickCsv } from './bench/benchData.ts';

// The sweep-versus-separate-runs figure has its own script: `npm run bench -- --sweep`.
if (process.argv.includes('--sweep')) {
  await (await import('./bench/sweep.ts')).benchSweep();
  process.exit(0);
}
// Main-thread long tasks in Chromium against their targets: `npm run bench -- --long-tasks` (build first).
if (process.argv.includes('--long-tasks')) {
  await (await import('./bench/longTasks.ts')).benchLongTasks();
  process.exit(0);
}

// Each lesson step's seconds in Chromium: `npm run bench -- --lessons` (build first).
if (process.argv.includes('--lessons')) {
  await (await import('./bench/lessons.ts')).benchLessons();
  process.exit(0);
}

interface ModelRow {
  family: string;
  backend: string;
  trainRows: number;
  trainSeconds: number;
  trainRowsPerSec: number;
  predictP50Us: number;
  predictP99Us: number;
  batchRowsPerSec: number;
  parameters: number;
}

const ROWS = 200_000;
const COLS = 30;
const TRAIN = 160_000;
const VOCAB = 1000;
const quick = process.argv.includes('--quick');

/** y depends on a linear part, a product of two features and a per-id effect, so every family has something to learn. */
function syntheticTask(rows: number): { train: LabelledSet; test: LabelledSet } {
  const rng = createRng(1);
  const x = new Float32Array(rows * COLS);
  const ids = new Int32Array(rows);
  const y = new Float32Array(rows);
  const weights = Float32Array.from({ length: COLS }, () => rng.normal() * 0.3);
  const idEffect = Float32Array.from({ length: VOCAB + 1 }, () => rng.normal());
  for (let r = 0; r < rows; r++) {
    let logit = -1.5;
    for (let j = 0; j < COLS; j++) {
      const v = rng.normal();
      x[r * COLS + j] = v;
      logit += weights[j]! * v;
    }
    ids[r] = 1 + rng.int(VOCAB);
    logit += x[r * COLS]! * x[r * COLS + 1]! + idEffect[ids[r]!]!;
    y[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const names = Array.from({ length: COLS }, (_, j) => `x${j}`);
  const part = (start: number, end: number): LabelledSet => {
    const features: FeatureMatrix = {
      rows: end - start,
      cols: COLS,
      x: x.slice(start * COLS, end * COLS),
      names,
      origins: names,
      idColumns: [{ name: 'id', ids: ids.slice(start, end), vocabSize: VOCAB + 1 }],
    };
    return { features, y: y.slice(start, end) };
  };
  return {
    train: part(0, Math.round(rows * (TRAIN / ROWS))),
    test: part(Math.round(rows * (TRAIN / ROWS)), rows),
  };
}

function firstRows(set: LabelledSet, rows: number): LabelledSet {
  const f = set.features;
  return {
    features: {
      ...f,
      rows,
      x: f.x.subarray(0, rows * f.cols),
      idColumns: f.idColumns.map((c) => ({ ...c, ids: c.ids.subarray(0, rows) })),
    },
    y: set.y.subarray(0, rows),
  };
}

async function benchModel(
  family: string,
  backend: string,
  train: LabelledSet,
  test: LabelledSet,
  fit: (train: LabelledSet, options: FitOptions) => Promise<Model>,
): Promise<ModelRow> {
  const started = performance.now();
  const model = await fit(train, { task: 'binary', numClasses: 2, seed: 1 });
  const trainSeconds = (performance.now() - started) / 1000;
  const { x, cols, idColumns } = test.features;
  const rowIds = new Int32Array(idColumns.length);
  const latency = await measureLatency(
    (i) => {
      const r = i % test.features.rows;
      idColumns.forEach((c, k) => (rowIds[k] = c.ids[r]!));
      return model.predictRow(x.subarray(r * cols, (r + 1) * cols), rowIds);
    },
    async () => {
      await model.predict(test.features);
      return test.features.rows;
    },
    { backend },
  );
  const row: ModelRow = {
    family,
    backend,
    trainRows: train.features.rows,
    trainSeconds,
    trainRowsPerSec: train.features.rows / trainSeconds,
    predictP50Us: latency.p50Ms * 1000,
    predictP99Us: latency.p99Ms * 1000,
    batchRowsPerSec: latency.batchRowsPerSec,
    parameters: model.size().parameters,
  };
  model.dispose();
  return row;
}

async function benchModels(): Promise<ModelRow[]> {
  const { train, test } = syntheticTask(quick ? 20_000 : ROWS);
  const rows: ModelRow[] = [];
  rows.push(
    await benchModel('logistic (L-BFGS)', 'typed arrays', train, test, (t, o) =>
      fitLogistic(t, {}, o),
    ),
  );
  rows.push(
    await benchModel('gbdt (100 trees, depth 6)', 'typed arrays', train, test, (t, o) =>
      fitGbdt(t, { trees: 100, maxDepth: 6 }, o),
    ),
  );
  for (const backend of ['wasm', 'cpu'] as BackendName[]) {
    const report = await selectBackend(backend);
    if (report.active !== backend) continue;
    // The cpu backend is slow: one epoch over fewer rows measures its rate without a long wait.
    const mlpRows = backend === 'cpu' ? Math.min(train.features.rows, 20_000) : train.features.rows;
    const mlpTrain = firstRows(train, mlpRows);
    rows.push(
      await benchModel('mlp 30-64-64-1 (1 epoch)', `tfjs ${backend}`, mlpTrain, test, (t, o) =>
        fitMlp(t, { hidden: [64, 64], epochs: 1 }, o),
      ),
    );
    rows.push(
      await benchModel('embedding-mlp d=8 (1 epoch)', `tfjs ${backend}`, mlpTrain, test, (t, o) =>
        fitEmbeddingMlp(t, { hidden: [64, 64], epochs: 1, embeddingDim: 8 }, o),
      ),
    );
  }
  return rows;
}

interface CsvRow {
  megabytes: number;
  rows: number;
  papaparseMBps: number;
  papaparseRowsPerSec: number;
  importMBps: number;
  importRowsPerSec: number;
  bytesPerRowInMemory: number;
}

async function benchCsv(): Promise<CsvRow> {
  const { text, rows } = clickCsv(quick ? 10e6 : 100e6);
  const megabytes = text.length / 1e6;
  let started = performance.now();
  let papaRows = 0;
  Papa.parse<string[]>(text, { skipEmptyLines: true, step: () => void papaRows++ });
  const papaSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const imported = await parseCsv(new Blob([text]), { maxBytes: 1e9 });
  const importSeconds = (performance.now() - started) / 1000;
  if (imported.table.rowCount !== rows || papaRows !== rows + 1)
    throw new Error('row counts disagree');
  return {
    megabytes,
    rows,
    papaparseMBps: megabytes / papaSeconds,
    papaparseRowsPerSec: rows / papaSeconds,
    importMBps: megabytes / importSeconds,
    importRowsPerSec: rows / importSeconds,
    bytesPerRowInMemory: bytesPerRow(imported.table),
  };
}

const fmt = (v: number, digits = 0) =>
  v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (process.argv.includes('--compare')) await import('./bench/compare.ts');
else await benchAll();

async function benchAll(): Promise<void> {
  const models = await benchModels();
  console.log(
    `\nModels on a ${quick ? '20k' : '200k'} x ${COLS} synthetic task (80% train), ${tf.version_core}`,
  );
  console.table(
    models.map((m) => ({
      family: m.family,
      backend: m.backend,
      'train rows': m.trainRows,
      'train s': fmt(m.trainSeconds, 2),
      'train rows/s': fmt(m.trainRowsPerSec),
      'predict p50 us': fmt(m.predictP50Us, 1),
      'predict p99 us': fmt(m.predictP99Us, 1),
      'batch rows/s': fmt(m.batchRowsPerSec),
    })),
  );
  const csv = await benchCsv();
  console.log(`\nCSV ingest of a generated ${fmt(csv.megabytes)} MB file (${fmt(csv.rows)} rows)`);
  console.table([
    {
      step: 'papaparse alone',
      'MB/s': fmt(csv.papaparseMBps, 1),
      'rows/s': fmt(csv.papaparseRowsPerSec),
    },
    {
      step: 'parseCsv (typed table + schema)',
      'MB/s': fmt(csv.importMBps, 1),
      'rows/s': fmt(csv.importRowsPerSec),
    },
  ]);
  console.log(`bytes per row in memory: ${fmt(csv.bytesPerRowInMemory, 1)}`);

  mkdirSync('bench-results', { recursive: true });
  const out = { date: new Date().toISOString(), node: process.version, quick, models, csv };
  writeFileSync('bench-results/bench.json', JSON.stringify(out, null, 2));
  console.log('\nwrote bench-results/bench.json');
}
