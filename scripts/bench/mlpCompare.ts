/**
 * MLP side by side (issue #13 item 4): the row of `npm run bench -- --compare` on its own, with
 * both of our engines. Times fitMlp 30-64-64-1, 3 epochs, batch 1024, on typed arrays and on tfjs
 * (the wasm backend), and scikit-learn's MLPClassifier (scripts/bench/sklearnBaselines.py, one
 * thread) on the same CSV rows, interleaved run by run; prints the minimum CPU and wall seconds
 * of each, rows per CPU-second and per wall-second, the CPU ratios and the test AUCs as JSON.
 *
 *   npx tsx --import ./scripts/tfjsCoreResolve.mjs scripts/bench/mlpCompare.ts
 *     [--rows 200000] [--repeats 3] [--ours-only]
 *
 * The machine is shared and noisy: only the ratios of minima mean much.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { selectBackend } from '../../src/lib/backend.ts';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { fitMlp, type NetworkEngine } from '../../src/lib/models/mlp.ts';
import { denseTask, writeTaskCsv } from './benchData.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const oursOnly = process.argv.includes('--ours-only');
const ROWS = arg('rows', 200_000);
const REPEATS = arg('repeats', 3);
const TRAIN = Math.round(ROWS * 0.8);
const COLS = 30;
const EPOCHS = 3;

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
  testAuc: number;
}

const backend = (await selectBackend('wasm')).active;
const { train, test } = denseTask(ROWS, TRAIN, COLS);
const csv = `bench-results/data/task-${ROWS}x${COLS}.csv`;
if (!oursOnly) {
  mkdirSync('bench-results/data', { recursive: true });
  writeTaskCsv(csv, train, test);
}

async function ours(engine: NetworkEngine): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const model = await fitMlp(
    train,
    { hidden: [64, 64], epochs: EPOCHS, batchSize: 1024 },
    { task: 'binary', numClasses: 2, seed: 0 },
    engine,
  );
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const testAuc = binaryMetrics(test.y, await model.predict(test.features)).rocAuc ?? NaN;
  model.dispose();
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds, testAuc };
}

function sklearn(): Timing {
  const out = execFileSync(
    '/usr/bin/python3',
    [
      'scripts/bench/sklearnBaselines.py',
      '--task',
      'mlp',
      '--csv',
      csv,
      '--train-rows',
      String(TRAIN),
      '--epochs',
      String(EPOCHS),
    ],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } },
  );
  return (JSON.parse(out) as Record<string, Timing>)['sklearn']!;
}

const runs: Record<string, Timing[]> = { typed: [], tfjs: [], sklearn: [] };
for (let run = 0; run < REPEATS; run++) {
  console.error(`run ${run + 1} of ${REPEATS}`);
  runs['typed']!.push(await ours('typed-arrays'));
  runs['tfjs']!.push(await ours('tfjs'));
  if (!oursOnly) runs['sklearn']!.push(sklearn());
}

const trainedRows = TRAIN * EPOCHS;
const summary = Object.fromEntries(
  Object.entries(runs)
    .filter(([, timings]) => timings.length > 0)
    .map(([name, timings]) => {
      const cpuSeconds = Math.min(...timings.map((t) => t.cpuSeconds));
      const wallSeconds = Math.min(...timings.map((t) => t.wallSeconds));
      return [
        name,
        {
          cpuSeconds,
          wallSeconds,
          rowsPerCpuSecond: Math.round(trainedRows / cpuSeconds),
          rowsPerSecond: Math.round(trainedRows / wallSeconds),
          testAuc: timings.at(-1)!.testAuc,
        },
      ];
    }),
);
const theirs = summary['sklearn'];
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`,
      backend,
      work: `MLP ${COLS}-64-64-1, ${EPOCHS} epochs, batch 1024, ${TRAIN} training rows`,
      repeats: REPEATS,
      ...summary,
      ...(theirs
        ? {
            cpuRatioTyped: summary['typed']!.cpuSeconds / theirs.cpuSeconds,
            cpuRatioTfjs: summary['tfjs']!.cpuSeconds / theirs.cpuSeconds,
            wallRatioTyped: summary['typed']!.wallSeconds / theirs.wallSeconds,
          }
        : {}),
    },
    null,
    2,
  ),
);
