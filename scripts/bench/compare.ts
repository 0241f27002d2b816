/**
 * `npm run bench -- --compare [--repeats 3] [--quick]`: our figures side by side with
 * scikit-learn, XGBoost and pandas on the same rows (issue #13). Writes the data to CSV once under
 * bench-results/data/, then for each row of the table runs ours and theirs interleaved, run by
 * run, and keeps the minimum CPU and wall seconds of each (the machine is shared and noisy: only
 * ratios of minima mean much). Baselines run with Debian's /usr/bin/python3, one thread each:
 * scripts/bench/sklearnBaselines.py (logistic, MLP, CSV) and scripts/bench/pythonBaselines.py
 * (GBDT: XGBoost hist, HistGradientBoosting), each skipped with a note when missing; peak
 * memory of the CSV import in a process of its own (scripts/bench/csvPeakMemory.ts). Prints the
 * table and writes bench-results/compare.json and compare.md (the README's table).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import Papa from 'papaparse';
import * as tf from '../../src/lib/tfjsCore.ts';
import { selectBackend } from '../../src/lib/backend.ts';
import { networkEngineFor } from '../../src/lib/experiment/trainModel.ts';
import { parseCsv } from '../../src/lib/data/csvImport.ts';
import { tableBytes } from '../../src/lib/data/tableStats.ts';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { nodeHistogramThreads } from '../../src/cli/nodeHistogramThreads.ts';
import { fitGbdt } from '../../src/lib/models/gbdt/gbdt.ts';
import { fitLogistic, LOGISTIC_DEFAULTS } from '../../src/lib/models/logistic.ts';
import { fitMlp } from '../../src/lib/models/mlp.ts';
import type { LabelledSet } from '../../src/lib/models/model.ts';
import { measureLatency } from '../../src/lib/serving/latency.ts';
import { clickCsv, denseTask, writeTaskCsv } from './benchData.ts';
import { fitHashed, hashedTable, writeHashedCsv } from './hashedTask.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const REPEATS = arg('repeats', 3);
/** The GBDT thread target: 2 threads against XGBoost on 1 (docs/design.md "Parallel histograms"). */
const THREADS = 2;
const ROWS = quick ? 20_000 : 200_000;
const TRAIN = Math.round(ROWS * 0.8);
const COLS = 30;
const CSV_BYTES = quick ? 10e6 : 100e6;
const PYTHON = '/usr/bin/python3';
const DATA_DIR = 'bench-results/data';

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
  [extra: string]: number | string;
}

/** One line of the table: a piece of work, ours against one baseline. */
interface Row {
  work: string;
  baseline: string;
  ours: Timing[];
  theirs: Timing[];
  /** What the row's target is, and what to read beside the times. */
  note: (ours: Timing, theirs: Timing | undefined) => string;
}

async function timed(work: () => Promise<Record<string, number>>): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const extra = await work();
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (performance.now() - wall0) / 1000,
    ...extra,
  };
}

/**
 * One GBDT fit on `threads` threads, timed alone as the Python side times fit() alone; the test
 * AUC (a predict over the test rows) after the clock stops.
 */
async function timedGbdt(threads: number): Promise<Timing> {
  let model: Awaited<ReturnType<typeof fitGbdt>> | undefined;
  const timing = await timed(async () => {
    model = await fitGbdt(
      train,
      { trees: 100, maxDepth: 6 },
      {
        task: 'binary',
        numClasses: 2,
        seed: 0,
        ...(threads > 1 ? { histogramThreads: nodeHistogramThreads(threads) } : {}),
      },
    );
    return {};
  });
  return { ...timing, testAuc: await auc(model!, test) };
}

/** Runs a Python baseline once; the JSON it prints, keyed by library. */
function python(script: string, args: string[]): Record<string, Timing> {
  const out = execFileSync(PYTHON, [script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  return JSON.parse(out) as Record<string, Timing>;
}

function pythonHas(modules: string): boolean {
  try {
    execFileSync(PYTHON, ['-c', `import ${modules}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The minimum of each timing over the runs; other fields from the last run. */
function best(runs: Timing[]): Timing | undefined {
  if (runs.length === 0) return undefined;
  return {
    ...runs.at(-1)!,
    cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
    wallSeconds: Math.min(...runs.map((r) => r.wallSeconds)),
  };
}

const auc = async (
  model: { predict(f: LabelledSet['features']): Promise<Float32Array> },
  test: LabelledSet,
) => binaryMetrics(test.y, await model.predict(test.features)).rocAuc ?? Number.NaN;

const f = (v: number | string | undefined, digits = 3) =>
  typeof v === 'number' ? (Number.isFinite(v) ? v.toFixed(digits) : '-') : (v ?? '-');

// ---- data, written once ----
mkdirSync(DATA_DIR, { recursive: true });
const { train, test } = denseTask(ROWS, TRAIN, COLS);
const taskCsv = `${DATA_DIR}/task-${ROWS}x${COLS}.csv`;
writeTaskCsv(taskCsv, train, test);
const clicksCsv = `${DATA_DIR}/clicks-${CSV_BYTES / 1e6}MB.csv`;
writeFileSync(clicksCsv, clickCsv(CSV_BYTES).text);
const clickMegabytes = statSync(clicksCsv).size / 1e6;

const hashed = hashedTable(ROWS);
const hashedCsv = `${DATA_DIR}/hashed-${ROWS}.csv`;
writeHashedCsv(hashedCsv, hashed.table, hashed.y);

const haveSklearn = pythonHas('sklearn, pandas');
const haveGbdtBaselines =
  pythonHas('sklearn, xgboost') && existsSync('scripts/bench/pythonBaselines.py');
const backend = (await selectBackend('wasm')).active;
const l2 = LOGISTIC_DEFAULTS.l2;
const C = 1 / (l2 * TRAIN);

const rows: Record<string, Row> = {
  gbdtXgb: {
    work: `GBDT fit ${TRAIN / 1000}k x ${COLS}, 100 trees, depth 6`,
    baseline: 'XGBoost hist, 1 thread',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `target <= 1.5x; AUC ours ${f(o['testAuc'], 4)}, theirs ${f(t?.['testAuc'], 4)}`,
  },
  gbdtThreads: {
    work: `same fit, ours on ${THREADS} threads (histograms shared; wall time decides)`,
    baseline: 'XGBoost hist, 1 thread',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `target: faster than theirs in wall time; AUC ours ${f(o['testAuc'], 4)}, theirs ${f(t?.['testAuc'], 4)}`,
  },
  gbdtHgb: {
    work: 'same trees',
    baseline: 'HistGradientBoosting, early_stopping=False',
    ours: [],
    theirs: [],
    note: (o, t) => `AUC within 0.002: ours ${f(o['testAuc'], 4)}, theirs ${f(t?.['testAuc'], 4)}`,
  },
  logistic: {
    work: `logistic regression fit ${TRAIN / 1000}k x ${COLS} (l2 ${l2} = C ${C.toPrecision(3)})`,
    baseline: 'LogisticRegression lbfgs',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `target <= 1.5x at equal log loss (1e-4): train log loss ours ${f(o['trainLogLoss'], 6)}, theirs ${f(t?.['trainLogLoss'], 6)}; ${o['iterations']} vs ${t?.['iterations'] ?? '-'} iterations`,
  },
  hashed: {
    work: `logistic regression on 1 id hashed into 2^18 buckets, ${TRAIN / 1000}k rows (sparse rows)`,
    baseline: 'FeatureHasher + LogisticRegression lbfgs',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `target: seconds; hashing + fit timed on both sides; test AUC ours ${f(o['testAuc'], 4)}, theirs ${f(t?.['testAuc'], 4)}; non-zeros ${o['nonZeros']} vs ${t?.['nonZeros'] ?? '-'}`,
  },
  mlp: {
    work: `MLP ${COLS}-64-64-1, 3 epochs, batch 1024 (${networkEngineFor(backend)}, backend ${backend})`,
    baseline: 'MLPClassifier adam',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `target >= theirs rows/s: ours ${f(o['rowsPerSec'], 0)}, theirs ${f(t?.['rowsPerSec'], 0)}`,
  },
  csv: {
    work: `CSV ingest, ${f(clickMegabytes, 0)} MB click-like file`,
    baseline: 'pandas.read_csv',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `MB per CPU-second: ours ${f(o['megabytesPerCpuSecond'], 1)}, pandas ${f(t?.['megabytesPerCpuSecond'], 1)}`,
  },
  papaparse: {
    work: 'same file',
    baseline: 'papaparse alone (no typing), in Node',
    ours: [],
    theirs: [],
    note: (o, t) => `target >= papaparse: ${f(t?.['megabytesPerCpuSecond'], 1)} MB per CPU-second`,
  },
  memory: {
    work: 'peak memory, CSV import of the same file (own process)',
    baseline: 'pandas.read_csv',
    ours: [],
    theirs: [],
    note: (o, t) =>
      `peak RSS MB: ours ${f(Number(o['peakRssBytes']) / 1e6, 0)}, pandas ${f(Number(t?.['peakRssBytes']) / 1e6, 0)}; target <= 1.3x file + table = ${f((1.3 * (Number(o['fileBytes']) + Number(o['tableBytes']))) / 1e6, 0)} MB`,
  },
  predict: {
    work: 'single-row predict, logistic (wall = p50)',
    baseline: 'LogisticRegression.predict_proba',
    ours: [],
    theirs: [],
    note: (o, t) => `p50 us: ours ${f(o['p50Us'], 2)}, theirs ${f(t?.['predictOneUs'], 1)}`,
  },
};

for (let run = 0; run < REPEATS; run++) {
  console.error(`run ${run + 1} of ${REPEATS}`);
  rows.gbdtXgb!.ours.push(await timedGbdt(1));
  rows.gbdtHgb!.ours.push(rows.gbdtXgb!.ours.at(-1)!);
  rows.gbdtThreads!.ours.push(await timedGbdt(THREADS));
  if (haveGbdtBaselines) {
    const py = python('scripts/bench/pythonBaselines.py', [
      '--task',
      'gbdt',
      '--csv',
      taskCsv,
      '--trees',
      '100',
      '--depth',
      '6',
      '--train-rows',
      String(TRAIN),
      '--repeats',
      '1',
    ]);
    rows.gbdtXgb!.theirs.push(py['xgboost']!);
    rows.gbdtThreads!.theirs.push(py['xgboost']!);
    rows.gbdtHgb!.theirs.push(py['sklearn']!);
  }

  let iterations = 0;
  let logisticModel: Awaited<ReturnType<typeof fitLogistic>> | undefined;
  const logistic = await timed(async () => {
    logisticModel = await fitLogistic(
      train,
      { l2 },
      {
        task: 'binary',
        numClasses: 2,
        seed: 0,
        onProgress: (p) => (iterations = p.step),
      },
    );
    return {};
  });
  const p = await logisticModel!.predict(train.features);
  logistic['trainLogLoss'] = binaryMetrics(train.y, p).logLoss!;
  logistic['iterations'] = iterations;
  rows.logistic!.ours.push(logistic);
  const latency = await measureLatency(
    (i) =>
      logisticModel!.predictRow(
        test.features.x.subarray((i % 1000) * COLS, ((i % 1000) + 1) * COLS),
      ),
    async () => {
      await logisticModel!.predict(test.features);
      return test.features.rows;
    },
    { backend: 'typed arrays' },
  );
  rows.predict!.ours.push({
    cpuSeconds: NaN,
    wallSeconds: latency.p50Ms / 1000,
    p50Us: latency.p50Ms * 1000,
  });
  if (haveSklearn) {
    const py = python('scripts/bench/sklearnBaselines.py', [
      '--task',
      'logistic',
      '--csv',
      taskCsv,
      '--train-rows',
      String(TRAIN),
      '--c',
      String(C),
    ]);
    rows.logistic!.theirs.push(py['sklearn']!);
    rows.predict!.theirs.push({
      ...py['sklearn']!,
      cpuSeconds: NaN,
      wallSeconds: (py['sklearn']!['predictOneUs'] as number) / 1e6,
    });
  }

  rows.hashed!.ours.push(await timed(() => fitHashed(hashed.table, hashed.y, TRAIN, l2)));
  if (haveSklearn) {
    const py = python('scripts/bench/sklearnBaselines.py', [
      '--task',
      'hashed',
      '--csv',
      hashedCsv,
      '--train-rows',
      String(TRAIN),
      '--c',
      String(C),
    ]);
    rows.hashed!.theirs.push(py['sklearn']!);
  }

  rows.mlp!.ours.push(
    await timed(async () => {
      const started = performance.now();
      const model = await fitMlp(
        train,
        { hidden: [64, 64], epochs: 3, batchSize: 1024 },
        { task: 'binary', numClasses: 2, seed: 0 },
        networkEngineFor(backend),
      );
      const rowsPerSec = (train.features.rows * 3) / ((performance.now() - started) / 1000);
      const testAuc = await auc(model, test);
      model.dispose();
      return { rowsPerSec, testAuc };
    }),
  );
  if (haveSklearn) {
    const py = python('scripts/bench/sklearnBaselines.py', [
      '--task',
      'mlp',
      '--csv',
      taskCsv,
      '--train-rows',
      String(TRAIN),
      '--epochs',
      '3',
    ]);
    rows.mlp!.theirs.push(py['sklearn']!);
  }

  const ours = await timed(async () => {
    const imported = await parseCsv(readFileSync(clicksCsv, 'utf8'), { maxBytes: 1e9 });
    return { rows: imported.table.rowCount, tableBytes: tableBytes(imported.table) };
  });
  ours['megabytesPerCpuSecond'] = clickMegabytes / ours.cpuSeconds;
  rows.csv!.ours.push(ours);
  rows.papaparse!.ours.push(ours);
  const papa = await timed(async () => {
    let parsed = 0;
    Papa.parse<string[]>(readFileSync(clicksCsv, 'utf8'), {
      skipEmptyLines: true,
      step: () => void parsed++,
    });
    return { rows: parsed - 1 };
  });
  papa['megabytesPerCpuSecond'] = clickMegabytes / papa.cpuSeconds;
  rows.papaparse!.theirs.push(papa);
  if (haveSklearn) {
    const py = python('scripts/bench/sklearnBaselines.py', ['--task', 'csv', '--csv', clicksCsv]);
    rows.csv!.theirs.push(py['pandas']!);
  }
}

// Memory is not noisy: one import in a process of its own, against pandas's last run.
const peak = JSON.parse(
  execFileSync('npx', ['tsx', 'scripts/bench/csvPeakMemory.ts', clicksCsv], { encoding: 'utf8' }),
) as Record<string, number>;
rows.memory!.ours.push({ cpuSeconds: NaN, wallSeconds: NaN, ...peak });
const pandasRun = rows.csv!.theirs.at(-1);
if (pandasRun) rows.memory!.theirs.push({ ...pandasRun, cpuSeconds: NaN, wallSeconds: NaN });

const machine = `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, tfjs ${tf.version_core}`;
const table = Object.values(rows).map((r) => {
  const o = best(r.ours)!;
  const t = best(r.theirs);
  const ratio = (a: number, b: number | undefined) =>
    b && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-';
  return {
    work: r.work,
    baseline: t ? r.baseline : `${r.baseline} (not available)`,
    'ours CPU s': f(o.cpuSeconds, 2),
    'ours wall s': f(o.wallSeconds, o.wallSeconds < 0.01 ? 7 : 2),
    'theirs CPU s': f(t?.cpuSeconds, 2),
    'theirs wall s': f(t?.wallSeconds, t && t.wallSeconds < 0.01 ? 7 : 2),
    'CPU ratio': ratio(o.cpuSeconds, t?.cpuSeconds),
    'wall ratio': ratio(o.wallSeconds, t?.wallSeconds),
    note: r.note(o, t),
  };
});
console.log(
  `\nSide by side, min of ${REPEATS} interleaved runs; ratio = ours / theirs (lower is faster)\n${machine}`,
);
console.table(table);
const header = Object.keys(table[0]!);
const markdown = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...table.map((r) => `| ${Object.values(r).join(' | ')} |`),
].join('\n');
writeFileSync(
  'bench-results/compare.md',
  `${machine}; min of ${REPEATS} interleaved runs.\n\n${markdown}\n`,
);
writeFileSync(
  'bench-results/compare.json',
  JSON.stringify(
    { date: new Date().toISOString(), machine, repeats: REPEATS, quick, rows, table },
    null,
    2,
  ),
);
console.log('\nwrote bench-results/compare.json and bench-results/compare.md');
