/**
 * Prints the README's parity table: for each config in tests/unit/export/parityConfigs.ts, the
 * test ROC AUC and log loss of the CLI run, of the exported Python job on one machine, and of the
 * same job on Dask with 2 local worker processes. Run:
 * npx tsx --import ./scripts/tfjsCoreResolve.mjs scripts/exportParity.ts (tfjs-core from Node)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataCommand } from '../src/cli/dataCommand.ts';
import { exportCommand } from '../src/cli/exportCommand.ts';
import { runCommand } from '../src/cli/runCommand.ts';
import type { RunResult } from '../src/lib/experiment/result.ts';
import { PARITY_CONFIGS } from '../tests/unit/export/parityConfigs.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tradeoff-parity-'));
const rows: string[] = [
  '| config | data | model | CLI AUC | Python AUC | Dask AUC | CLI log loss | Python log loss | Dask log loss |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
const f = (v: number) => v.toFixed(4);
for (const [name, config] of Object.entries(PARITY_CONFIGS)) {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const cli = JSON.parse(await runCommand([file], { log: () => {} })) as RunResult;
  if (cli.metrics.test.task !== 'binary') throw new Error(name);
  const data = join(tmp, `${name}.csv`);
  await dataCommand([file, '--out', data]);
  const scores = [];
  for (const dask of [[], ['--dask', 'local:2']]) {
    const script = join(tmp, `${name}${dask.length ? '-dask' : ''}.py`);
    await exportCommand(['python', file, '--out', script, ...dask]);
    const out = execFileSync('/usr/bin/python3', [script, '--data', data], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    scores.push(JSON.parse(out).metrics.test as { rocAuc: number; logLoss: number });
  }
  const source = config.data.source;
  rows.push(
    `| ${name} | ${source} | ${config.model.family} | ${f(cli.metrics.test.rocAuc!)} | ${f(scores[0]!.rocAuc)} | ${f(scores[1]!.rocAuc)} | ${f(cli.metrics.test.logLoss!)} | ${f(scores[0]!.logLoss)} | ${f(scores[1]!.logLoss)} |`,
  );
  process.stderr.write(`${rows.at(-1)}\n`);
}
process.stdout.write(`${rows.join('\n')}\n`);
