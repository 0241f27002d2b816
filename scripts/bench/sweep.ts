/**
 * `npm run bench -- --sweep`: a 5-value x 3-seed sweep against the same 15 configs run one by one
 * (as pressing Train 15 times would), on the engine the app and the CLI use, cpu backend. Two
 * knobs: GBDT trees (one model per seed, prefixes scored) and GBDT depth (pipeline fitted once
 * per seed). Writes bench-results/sweep.json. `--quick` uses 3,000 rows instead of 50,000. Small
 * by design (64 hash buckets, at most 50 trees of depth 4): 60 trainings finish in minutes on a
 * shared 2-core machine, where the first version (1,024 buckets, 100 trees) was killed under load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '../../src/lib/tfjsCore.ts';
import { createEngineApi } from '../../src/lib/engineApi.ts';
import { parseSweep } from '../../src/lib/experiment/sweep.ts';
import type { SweepResult } from '../../src/lib/experiment/runSweep.ts';
import { nodeDataReader } from '../../src/cli/nodeDataReader.ts';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 3_000 : 50_000;
const SEEDS = 3;

const base = {
  seed: 1,
  data: {
    source: { synthetic: { kind: 'ctr', rows: ROWS, baseRate: 0.05 } },
    target: 'click',
    task: 'binary',
    positiveClass: '1',
  },
  features: { default: { categorical: 'hashing', hashBuckets: 64 } },
  model: { family: 'gbdt', trees: 30, maxDepth: 4 },
};
const KNOBS = [
  { path: 'model.trees', values: [10, 20, 30, 40, 50] },
  { path: 'model.maxDepth', values: [2, 3, 4, 5, 6] },
];

/** Runs both comparisons, prints a table and writes bench-results/sweep.json. */
export async function benchSweep(): Promise<void> {
  tf.env().set('PROD', true);
  const engine = createEngineApi({ readData: nodeDataReader(base.data.source as never).read });
  await engine.init('cpu');

  const rows = [];
  for (const vary of KNOBS) {
    console.log(`sweeping ${vary.path} over ${vary.values.join(', ')} x ${SEEDS} seeds ...`);
    const input = { base, vary, seeds: SEEDS };
    const sweep = parseSweep(input);
    const sweepStart = performance.now();
    const outcome = await engine.sweep(1, input);
    const sweepSeconds = (performance.now() - sweepStart) / 1000;
    if (!outcome.ok) throw new Error(outcome.message);
    const result: SweepResult = outcome.value;

    console.log(`... and the same ${result.reuse.runs} configs one by one`);
    const separateStart = performance.now();
    for (let j = 0; j < SEEDS; j++) {
      for (const config of sweep.configs) {
        const run = await engine.train(2, { ...config, seed: base.seed + j });
        if (!run.ok) throw new Error(run.message);
      }
    }
    const separateSeconds = (performance.now() - separateStart) / 1000;
    const row = {
      knob: vary.path,
      runs: result.reuse.runs,
      'sweep s': sweepSeconds.toFixed(1),
      'separate runs s': separateSeconds.toFixed(1),
      speed_up: (separateSeconds / sweepSeconds).toFixed(2),
      'models trained': result.reuse.modelsTrained,
      'pipelines fitted': result.reuse.stages.pipeline,
    };
    // Printed as each knob finishes: a slow machine still shows the first figure.
    console.log(row);
    rows.push(row);
  }

  console.log(`\nSweep vs separate runs: 5 values x ${SEEDS} seeds, ${ROWS} rows, cpu backend`);
  console.table(rows);
  mkdirSync('bench-results', { recursive: true });
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    quick,
    rows: ROWS,
    sweeps: rows,
  };
  writeFileSync('bench-results/sweep.json', JSON.stringify(out, null, 2));
  console.log('wrote bench-results/sweep.json');
}
