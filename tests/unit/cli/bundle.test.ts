import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { datasetsCommand } from '../../../src/cli/datasetsCommand.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const exec = promisify(execFile);

describe('the bundled CLI (npm run cli)', () => {
  // The launcher builds dist-cli/ when it is missing or older than src/, then runs it.
  const built = exec(process.execPath, [`${ROOT}scripts/cli.mjs`, 'datasets'], { cwd: tmpdir() });

  it('runs from any working directory and prints what the source prints', async () => {
    const { stdout } = await built;
    expect(stdout).toBe(`${datasetsCommand([])}\n`);
  });

  it('is plain JavaScript that loads tfjs only in the chunks of the commands that train', async () => {
    await built;
    const main = readFileSync(`${ROOT}dist-cli/main.js`, 'utf8');
    expect(main).not.toContain('@tensorflow/tfjs');
    // What main.js imports statically loads on every call: none of it may pull in tfjs.
    const eager = [...main.matchAll(/^import .* from "\.\/assets\/([^"]+)";$/gm)].map((m) => m[1]!);
    expect(eager.length).toBeGreaterThan(0);
    const hasTfjs = (c: string) =>
      readFileSync(`${ROOT}dist-cli/assets/${c}`, 'utf8').includes('@tensorflow/tfjs');
    expect(eager.filter(hasTfjs)).toEqual([]);
    const chunks = readdirSync(`${ROOT}dist-cli/assets`);
    expect(chunks.filter(hasTfjs).length).toBeGreaterThan(0);
  });

  it('runs a small training run, reading built-in data from public/', async () => {
    await built;
    const { stdout, stderr } = await exec(
      process.execPath,
      [`${ROOT}scripts/cli.mjs`, 'run', `${ROOT}examples/mlp-penguins.json`, '--backend', 'cpu'],
      { cwd: tmpdir() },
    );
    expect(stderr.split('\n')[0]).toBe('backend: cpu');
    expect(JSON.parse(stdout).data.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });
});
