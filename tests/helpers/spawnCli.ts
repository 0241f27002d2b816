import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root, where the spawned CLI runs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI from source as `node --import tsx --import ./scripts/tfjsCoreResolve.mjs
 * src/cli/main.ts ...args` in the repository root (the hook lets plain Node load the tfjs-core
 * files src/lib/tfjsCore.ts imports by path); a non-zero exit is returned, not thrown.
 */
export async function spawnCli(...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/tfjsCoreResolve.mjs', 'src/cli/main.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 << 20 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
