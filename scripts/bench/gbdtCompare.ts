/**
 * GBDT side by side (issue #13): writes a synthetic binary task to bench-results/ as CSV once,
 * then times our fitGbdt and the Python baselines (scripts/bench/pythonBaselines.py: XGBoost
 * hist and scikit-learn HistGradientBoosting, one thread each) on the same rows, interleaved run
 * by run; prints the minimum CPU and wall seconds of each, their ratios and the test AUCs as JSON.
 *
 *   npx tsx scripts/bench/gbdtCompare.ts [--rows 200000] [--cols 30] [--trees 100] [--depth 6]
 *     [--repeats 3] [--ours-only]
 *
 * The machine is shared and noisy: only the ratios of minima mean much.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { fitGbdt } from '../../src/lib/models/gbdt/gbdt.ts';
import type { LabelledSet } from '../../src/lib/models/model.ts';
import { createRng } from '../../src/lib/random.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('rows', 200_000);
const COLS = arg('cols', 30);
const TREES = arg('trees', 100);
const DEPTH = arg('depth', 6);
const REPEATS = arg('repeats', 3);
const TRAIN = Math.round(ROWS * 0.8);

/** y from a linear part and one interaction, as scripts/bench.ts's task (without the id column). */
function syntheticTask(): { x: Float32Array; y: Float32Array } {
  const rng = createRng(1);
  const x = new Float32Array(ROWS * COLS);
  const y = new Float32Array(ROWS);
  const weights = Float32Array.from({ length: COLS }, () => rng.normal() * 0.3);
  for (let r = 0; r < ROWS; r++) {
    let logit = -1.5;
    for (let j = 0; j < COLS; j++) {
      // Rounded so that the CSV holds exactly the float32 values we train on.
      const v = Math.fround(Math.round(rng.normal() * 1e4) / 1e4);
      x[r * COLS + j] = v;
      logit += weights[j]! * v;
    }
    logit += x[r * COLS]! * x[r * COLS + 1]!;
    y[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y };
}

function writeCsv(path: string, x: Float32Array, y: Float32Array): void {
  const header = [...Array.from({ length: COLS }, (_, j) => `x${j}`), 'y'].join(',');
  const lines = [header];
  for (let r = 0; r < ROWS; r++) {
    const cells = Array.from(x.subarray(r * COLS, (r + 1) * COLS), (v) => v.toFixed(4));
    lines.push(`${cells.join(',')},${y[r]}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function part(x: Float32Array, y: Float32Array, start: number, end: number): LabelledSet {
  const names = Array.from({ length: COLS }, (_, j) => `x${j}`);
  return {
    features: {
      rows: end - start,
      cols: COLS,
      x: x.slice(start * COLS, end * COLS),
      names,
      origins: names,
      idColumns: [],
    },
    y: y.slice(start, end),
  };
}

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
  testAuc?: number;
}

async function timeOurs(train: LabelledSet, test: LabelledSet): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const model = await fitGbdt(
    train,
    { trees: TREES, maxDepth: DEPTH },
    { task: 'binary', numClasses: 2, seed: 0 },
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

function timePython(csv: string): Record<string, Timing> {
  const out = execFileSync(
    '/usr/bin/python3',
    [
      'scripts/bench/pythonBaselines.py',
      '--task',
      'gbdt',
      '--csv',
      csv,
      '--trees',
      String(TREES),
      '--depth',
      String(DEPTH),
      '--train-rows',
      String(TRAIN),
      '--repeats',
      '1',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const parsed = JSON.parse(out) as Record<string, unknown>;
  return { xgboost: parsed['xgboost'] as Timing, sklearn: parsed['sklearn'] as Timing };
}

const best = (runs: Timing[]): Timing => ({
  cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
  wallSeconds: Math.min(...runs.map((r) => r.wallSeconds)),
  ...(runs[0]?.testAuc !== undefined ? { testAuc: runs.at(-1)!.testAuc! } : {}),
});

const { x, y } = syntheticTask();
const train = part(x, y, 0, TRAIN);
const test = part(x, y, TRAIN, ROWS);
const oursOnly = process.argv.includes('--ours-only');
const csv = `bench-results/gbdt-${ROWS}x${COLS}.csv`;
if (!oursOnly) {
  mkdirSync('bench-results', { recursive: true });
  writeCsv(csv, x, y);
}
const runs: Record<string, Timing[]> = { ours: [], xgboost: [], sklearn: [] };
for (let i = 0; i < REPEATS; i++) {
  runs['ours']!.push(await timeOurs(train, test));
  if (oursOnly) continue;
  const py = timePython(csv);
  runs['xgboost']!.push(py['xgboost']!);
  runs['sklearn']!.push(py['sklearn']!);
}
const ours = best(runs['ours']!);
const report: Record<string, unknown> = {
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  trainRows: TRAIN,
  cols: COLS,
  trees: TREES,
  depth: DEPTH,
  repeats: REPEATS,
  ours,
};
if (!oursOnly) {
  for (const name of ['xgboost', 'sklearn']) {
    const theirs = best(runs[name]!);
    report[name] = {
      ...theirs,
      cpuRatio: ours.cpuSeconds / theirs.cpuSeconds,
      wallRatio: ours.wallSeconds / theirs.wallSeconds,
    };
  }
}
console.log(JSON.stringify(report, null, 2));
