import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/runCommand.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function run(...args: string[]): Promise<{ result: RunResult; log: string[] }> {
  const log: string[] = [];
  const stdout = await runCommand(args, { log: (line) => void log.push(line), cwd: ROOT });
  return { result: JSON.parse(stdout) as RunResult, log };
}

describe('the CLI backend when the config says "auto"', () => {
  it('is wasm, said on the first stderr line and in result.backend, and reproducible', async () => {
    // examples/mlp-penguins.json leaves "backend" to its default, auto.
    const first = await run('examples/mlp-penguins.json');
    expect(first.result.config.backend).toBe('auto');
    expect(first.log[0]).toBe('backend: wasm');
    expect(first.result.backend).toBe('wasm');
    // An MLP trains on typed arrays on wasm and predicts on tfjs (docs/design.md).
    expect(first.result.model.engine).toBe('typed arrays, predicts on tfjs (wasm)');
    const again = await run('examples/mlp-penguins.json');
    expect(again.result.metrics).toEqual(first.result.metrics);
    expect(again.result.trainingCurve).toEqual(first.result.trainingCurve);
  });

  it('is cpu when asked for', async () => {
    const { result, log } = await run('examples/mlp-penguins.json', '--backend', 'cpu');
    expect(log[0]).toBe('backend: cpu');
    expect(result.backend).toBe('cpu');
  });
});
