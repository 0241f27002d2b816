import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Debian's interpreter: another python3 on PATH may lack python3-xgboost and python3-dask (docs/design.md). */
export const PYTHON = '/usr/bin/python3';

/** Runs `/usr/bin/python3 ARGS` in `cwd`; resolves with stdout, rejects with stderr in the message. */
export async function runPython(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(PYTHON, [...args], {
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
      // One thread per library: the machine is shared and the numbers do not depend on it.
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}
