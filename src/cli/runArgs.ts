import type { BackendName } from '../lib/backendChoices.ts';
import { InputError } from './inputError.ts';

export const RUN_USAGE = `run CONFIG.json [--out RESULT.json] [--backend cpu|wasm]
  Trains and evaluates one experiment config (schema/experiment-config.schema.json, examples/)
  and prints the result as JSON; progress goes to stderr. The backend is --backend, else the
  config's backend when it is cpu or wasm, else wasm (the fastest in Node; the same config, seed
  and backend give the same numbers); the first stderr line and result.backend say which ran.
  builtin:NAME files are read from public/, csv:PATH relative to the working directory (or
  absolute).`;

/** Backends that run in Node: webgl and webgpu need a browser. */
export const NODE_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

/**
 * The backend when neither --backend nor the config names a Node one: single-thread SIMD wasm,
 * the fastest reproducible tfjs backend in Node (an MLP trains about 13x faster than on cpu).
 */
export const DEFAULT_NODE_BACKEND: BackendName = 'wasm';

export interface RunArgs {
  configFile: string;
  out?: string;
  backend?: BackendName;
}

/** Parses `CONFIG.json [--out FILE] [--backend cpu|wasm]`; `--flag=value` works too. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name !== '--out' && name !== '--backend')
      throw new InputError(`run: unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new InputError(`run: ${name} needs a value`);
    flags.set(name, value);
  }
  if (positional.length !== 1) {
    throw new InputError(
      `run: expected one argument, CONFIG.json; got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  const backend = flags.get('--backend');
  if (backend !== undefined && !NODE_BACKENDS.includes(backend as BackendName)) {
    throw new InputError(
      `run: --backend must be one of ${NODE_BACKENDS.join(', ')}; got ${backend}`,
    );
  }
  const out = flags.get('--out');
  return {
    configFile: positional[0]!,
    ...(out !== undefined ? { out } : {}),
    ...(backend !== undefined ? { backend: backend as BackendName } : {}),
  };
}
