import type { BackendName } from '../lib/backendChoices.ts';
import { InputError } from './inputError.ts';

export const RUN_USAGE = `run CONFIG.json [--out RESULT.json] [--backend cpu|wasm]
  Trains and evaluates one experiment config (schema/experiment-config.schema.json, examples/)
  and prints the result as JSON; progress goes to stderr. The backend is --backend, else the
  config's backend when it is cpu or wasm, else cpu (deterministic). builtin:NAME files are read
  from public/, csv:PATH relative to the working directory (or absolute).`;

export const SWEEP_USAGE = `sweep SWEEP.json [--out RESULT.json] [--backend cpu|wasm]
  Runs a sweep { "base": CONFIG, "vary": { "path": "imbalance.negativeRate", "values": [...] },
  "seeds": 3 } (examples/sweeps/) and prints its result as JSON: per value, each seed's metrics,
  latency and model size, and the mean and standard deviation across seeds. Progress on stderr.`;

/** Backends that run in Node: webgl and webgpu need a browser. */
export const NODE_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

export interface RunArgs {
  configFile: string;
  out?: string;
  backend?: BackendName;
}

/**
 * Parses `CONFIG.json [--out FILE] [--backend cpu|wasm]`; `--flag=value` works too. `command`
 * names the subcommand in messages (`run`, or `sweep`, whose one file is a sweep).
 */
export function parseRunArgs(args: readonly string[], command = 'run'): RunArgs {
  const file = command === 'run' ? 'CONFIG.json' : 'SWEEP.json';
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
      throw new InputError(`${command}: unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '')
      throw new InputError(`${command}: ${name} needs a value`);
    flags.set(name, value);
  }
  if (positional.length !== 1) {
    throw new InputError(
      `${command}: expected one argument, ${file}; got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  const backend = flags.get('--backend');
  if (backend !== undefined && !NODE_BACKENDS.includes(backend as BackendName)) {
    throw new InputError(
      `${command}: --backend must be one of ${NODE_BACKENDS.join(', ')}; got ${backend}`,
    );
  }
  const out = flags.get('--out');
  return {
    configFile: positional[0]!,
    ...(out !== undefined ? { out } : {}),
    ...(backend !== undefined ? { backend: backend as BackendName } : {}),
  };
}
