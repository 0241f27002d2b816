/**
 * Logistic regression side by side: the row of `npm run bench -- --compare` on its own, whose
 * ratio there moves with the load of the other rows. Times fitLogistic (default l2, as in that
 * row) and scikit-learn's LogisticRegression lbfgs at the same penalty
 * (scripts/bench/sklearnBaselines.py, one thread) on the same CSV rows, interleaved run by run;
 * prints the minimum CPU and wall seconds of each, the CPU ratio, the iterations and the training
 * log losses (which must agree to 1e-4) as JSON.
 *
 *   npx tsx --import ./scripts/tfjsCoreResolve.mjs scripts/bench/logisticCompare.ts
 *     [--rows 200000] [--repeats 3]
 *
 * The machine is shared and noisy: only the ratios of minima mean much.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { selectBackend } from '../../src/lib/backend.ts';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { fitLogistic, LOGISTIC_DEFAULTS } from '../../src/lib/models/logistic.ts';
import { denseTask, writeTaskCsv } from './benchData.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('rows', 200_000);
const REPEATS = arg('repeats', 3);
const TRAIN = Math.round(ROWS * 0.8);
const COLS = 30;
const l2 = LOGISTIC_DEFAULTS.l2;
const C = 1 / (l2 * TRAIN);

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
  iterations: number;
  trainLogLoss: number;
}

const backend = (await selectBackend('wasm')).active;
const { train, test } = denseTask(ROWS, TRAIN, COLS);
const csv = `bench-results/data/task-${ROWS}x${COLS}.csv`;
mkdirSync('bench-results/data', { recursive: true });
writeTaskCsv(csv, train, test);

async function ours(): Promise<Timing> {
  let iterations = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const model = await fitLogistic(
    train,
    { l2 },
    { task: 'binary', numClasses: 2, seed: 0, onProgress: (p) => (iterations = p.step) },
  );
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const trainLogLoss = binaryMetrics(train.y, await model.predict(train.features)).logLoss!;
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds, iterations, trainLogLoss };
}

function sklearn(): Timing {
  const out = execFileSync(
    '/usr/bin/python3',
    [
      'scripts/bench/sklearnBaselines.py',
      '--task',
      'logistic',
      '--csv',
      csv,
      '--train-rows',
      String(TRAIN),
      '--c',
      String(C),
    ],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } },
  );
  return (JSON.parse(out) as Record<string, Timing>)['sklearn']!;
}

const runs: Record<'ours' | 'sklearn', Timing[]> = { ours: [], sklearn: [] };
for (let run = 0; run < REPEATS; run++) {
  console.error(`run ${run + 1} of ${REPEATS}`);
  runs.ours.push(await ours());
  runs.sklearn.push(sklearn());
}

const best = (timings: Timing[]) => ({
  cpuSeconds: Math.min(...timings.map((t) => t.cpuSeconds)),
  wallSeconds: Math.min(...timings.map((t) => t.wallSeconds)),
  cpuSecondsEach: timings.map((t) => t.cpuSeconds),
  iterations: timings.at(-1)!.iterations,
  trainLogLoss: timings.at(-1)!.trainLogLoss,
});
const summary = { ours: best(runs.ours), sklearn: best(runs.sklearn) };
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`,
      backend,
      work: `logistic regression, ${TRAIN} x ${COLS}, l2 ${l2} (C ${C.toPrecision(3)})`,
      repeats: REPEATS,
      ...summary,
      cpuRatio: summary.ours.cpuSeconds / summary.sklearn.cpuSeconds,
      wallRatio: summary.ours.wallSeconds / summary.sklearn.wallSeconds,
    },
    null,
    2,
  ),
);
