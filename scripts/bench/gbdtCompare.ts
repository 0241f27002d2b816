/**
 * GBDT side by side (issue #13): times our fitGbdt and the Python baselines
 * (scripts/bench/pythonBaselines.py: XGBoost hist and scikit-learn HistGradientBoosting, one
 * thread each) on the same CSV rows, interleaved run by run; prints the minimum CPU and wall
 * seconds of each, their ratios and the test AUCs as JSON.
 *
 *   npx tsx scripts/bench/gbdtCompare.ts [--rows 200000] [--cols 30] [--trees 100] [--depth 6]
 *     [--repeats 3] [--ours-only] [--categorical] [--threads 2]
 *
 * Default: a synthetic numeric task (80% train), written to bench-results/ as CSV once.
 * --categorical: the 21k-row case with 5-, 200- and 1,000-level columns of
 * tests/fixtures/gbdt/categorical.csv (scripts/fixtures/gbdtCategorical.py), native categorical
 * splits on both sides (XGBoost is skipped there), 200 trees unless --trees says otherwise.
 * --threads N: ours builds large nodes' histograms on N threads (node:worker_threads, docs/design.md
 * "Parallel histograms"; the Python baselines stay on one), and ours on one thread is timed too,
 * interleaved, as `oursOneThread`. CPU seconds count every thread of the process.
 *
 * The machine is shared and noisy: only the ratios of minima mean much.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { nodeHistogramThreads } from '../../src/cli/nodeHistogramThreads.ts';
import { fitGbdt } from '../../src/lib/models/gbdt/gbdt.ts';
import type { LabelledSet } from '../../src/lib/models/model.ts';
import { denseSamples, labelledSet, writeTaskCsv } from './benchData.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const categorical = process.argv.includes('--categorical');
const oursOnly = process.argv.includes('--ours-only');
const TREES = arg('trees', categorical ? 200 : 100);
const DEPTH = arg('depth', 6);
const REPEATS = arg('repeats', 3);
const THREADS = arg('threads', 1);

interface Case {
  csv: string;
  rows: number;
  cols: number;
  trainRows: number;
  x: Float32Array;
  y: Float32Array;
  /** FeatureMatrix.categories, and the names of those columns for the Python side. */
  categories?: Int32Array;
  categoricalNames: string[];
}

/** benchData's dense task: y from a linear part and one interaction. */
function syntheticCase(): Case {
  const rows = arg('rows', 200_000);
  const cols = arg('cols', 30);
  const { x, y } = denseSamples(rows, cols);
  const csv = `bench-results/gbdt-${rows}x${cols}.csv`;
  if (!oursOnly) {
    mkdirSync('bench-results', { recursive: true });
    writeTaskCsv(csv, labelledSet(x, y, cols));
  }
  const trainRows = Math.round(rows * 0.8);
  return { csv, rows, cols, trainRows, x, y, categoricalNames: [] };
}

/** The fixture's CSV (numeric cells, label last) and its categories. */
function categoricalCase(): Case {
  const csv = 'tests/fixtures/gbdt/categorical.csv';
  const ref = JSON.parse(readFileSync('tests/fixtures/gbdt/categorical.json', 'utf8')) as {
    trainRows: number;
    categories: number[];
  };
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const names = lines[0]!.split(',').slice(0, -1);
  const cols = names.length;
  const rows = lines.length - 1;
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    for (let c = 0; c < cols; c++) x[r * cols + c] = Number(cells[c]);
    y[r] = Number(cells[cols]);
  }
  const categories = Int32Array.from(ref.categories);
  const categoricalNames = names.filter((_, c) => categories[c]! > 0);
  return { csv, rows, cols, trainRows: ref.trainRows, x, y, categories, categoricalNames };
}

function part(c: Case, start: number, end: number): LabelledSet {
  const names = Array.from({ length: c.cols }, (_, j) => `x${j}`);
  return {
    features: {
      rows: end - start,
      cols: c.cols,
      x: c.x.slice(start * c.cols, end * c.cols),
      names,
      origins: names,
      idColumns: [],
      ...(c.categories ? { categories: c.categories } : {}),
    },
    y: c.y.slice(start, end),
  };
}

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
  testAuc?: number;
}

async function timeOurs(train: LabelledSet, test: LabelledSet, threads: number): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const model = await fitGbdt(
    train,
    { trees: TREES, maxDepth: DEPTH },
    {
      task: 'binary',
      numClasses: 2,
      seed: 0,
      ...(threads > 1 ? { histogramThreads: nodeHistogramThreads(threads) } : {}),
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const p = await model.predict(test.features);
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
    testAuc: binaryMetrics(test.y, p).rocAuc ?? Number.NaN,
  };
}

function timePython(c: Case): Record<string, Timing> {
  const args = ['scripts/bench/pythonBaselines.py', '--task', 'gbdt', '--csv', c.csv];
  args.push('--trees', String(TREES), '--depth', String(DEPTH));
  args.push('--train-rows', String(c.trainRows), '--repeats', '1');
  if (c.categoricalNames.length > 0) args.push('--categorical', c.categoricalNames.join(','));
  const out = execFileSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const parsed = JSON.parse(out) as Record<string, unknown>;
  const timings: Record<string, Timing> = {};
  for (const name of ['xgboost', 'sklearn']) {
    if (parsed[name]) timings[name] = parsed[name] as Timing;
  }
  return timings;
}

const best = (runs: Timing[]): Timing => ({
  cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
  wallSeconds: Math.min(...runs.map((r) => r.wallSeconds)),
  ...(runs.at(-1)?.testAuc !== undefined ? { testAuc: runs.at(-1)!.testAuc! } : {}),
});

const task = categorical ? categoricalCase() : syntheticCase();
const train = part(task, 0, task.trainRows);
const test = part(task, task.trainRows, task.rows);
const runs: Record<string, Timing[]> = { ours: [] };
for (let i = 0; i < REPEATS; i++) {
  runs['ours']!.push(await timeOurs(train, test, THREADS));
  if (THREADS > 1) (runs['oursOneThread'] ??= []).push(await timeOurs(train, test, 1));
  if (oursOnly) continue;
  for (const [name, timing] of Object.entries(timePython(task))) {
    (runs[name] ??= []).push(timing);
  }
}
const ours = best(runs['ours']!);
const report: Record<string, unknown> = {
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  case: categorical ? 'categorical (5/200/1000 levels, native)' : 'numeric',
  trainRows: task.trainRows,
  cols: task.cols,
  trees: TREES,
  depth: DEPTH,
  repeats: REPEATS,
  threads: THREADS,
  ours,
};
for (const [name, timings] of Object.entries(runs)) {
  if (name === 'ours') continue;
  const theirs = best(timings);
  report[name] = {
    ...theirs,
    cpuRatio: ours.cpuSeconds / theirs.cpuSeconds,
    wallRatio: ours.wallSeconds / theirs.wallSeconds,
  };
}
console.log(JSON.stringify(report, null, 2));
