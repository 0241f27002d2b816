import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/inputError.ts';
import { sweepCommand } from '../../../src/cli/sweepCommand.ts';
import type { SweepResult } from '../../../src/lib/experiment/runSweep.ts';
import { smallConfig } from '../../helpers/engine.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-sweep-'));

function sweepFile(name: string, sweep: unknown): string {
  const file = join(TMP, name);
  writeFileSync(file, JSON.stringify(sweep));
  return file;
}

describe('npm run cli -- sweep', () => {
  it('prints the sweep result, writes --out and logs one line per run on stderr', async () => {
    const file = sweepFile('trees.json', {
      base: smallConfig({ family: 'gbdt', trees: 4, maxDepth: 2 }),
      vary: { path: 'model.trees', values: [4, 2] },
      seeds: 2,
    });
    const out = join(TMP, 'result.json');
    const log: string[] = [];
    const stdout = await sweepCommand([file, '--out', out], {
      log: (l) => void log.push(l),
      cwd: ROOT,
    });
    const result = JSON.parse(stdout) as SweepResult;
    expect(Object.keys(result)).toEqual([
      'path',
      'values',
      'seeds',
      'points',
      'neighbours',
      'reuse',
    ]);
    // 4 trees against 2, per seed on the same test rows: a verdict per compared metric.
    expect(Object.keys(result.neighbours[0]!.metrics)).toEqual([
      'rocAuc',
      'logLoss',
      'brier',
      'ece',
      'calibrationRatio',
    ]);
    expect(result).toMatchObject({ path: 'model.trees', values: [4, 2], seeds: 2 });
    expect(Object.keys(result.points[0]!)).toEqual(['value', 'runs', 'summary']);
    expect(Object.keys(result.points[0]!.runs[0]!)).toEqual([
      'seed',
      'metrics',
      'latency',
      'model',
      'capacity',
      'trainMs',
    ]);
    expect(result.points[1]!.summary.rocAuc!.sd).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(result);
    expect(log.filter((l) => l.includes(' point '))).toHaveLength(4);
    expect(log.find((l) => l.includes('point 2/2 (2), seed 2/2 (8)'))).toMatch(/left$/);
  });

  it('names the file and the field of a bad value, before anything trains', async () => {
    const file = sweepFile('bad.json', {
      base: smallConfig(),
      vary: { path: 'imbalance.negativeRate', values: [0.5, 2] },
    });
    const error = await sweepCommand([file], { log: () => {}, cwd: ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${file}: Invalid sweep at vary.values[1] (2 for imbalance.negativeRate): Invalid config at imbalance.negativeRate: Invalid value: Expected <=1 but received 2`,
    );
  });
});
