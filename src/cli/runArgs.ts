import type { BackendName } from '../lib/backendChoices.ts';
import { readCommandArgs } from './commandArgs.ts';
import { InputError } from './inputError.ts';

export const RUN_USAGE = `run CONFIG.json [--out RESULT.json] [--backend cpu|wasm]
    [--predictions-out PRED.csv] [--model-out MODEL.json]
  Trains and evaluates one experiment config (schema/experiment-config.schema.json, examples/)
  and prints the result as JSON; progress goes to stderr. The backend is --backend, else the
  config's backend when it is cpu or wasm, else wasm (the fastest in Node; the same config, seed
  and backend give the same numbers); the first stderr line and result.backend say which ran.
  builtin:NAME files are read from public/, csv:PATH relative to the working directory (or
  absolute).
  --predictions-out writes the test split's final predictions (row,y_true,y_prob for binary;
  row is the 0-based data row of the source). --model-out writes the trained model: gbdt in
  XGBoost's JSON model format (xgboost.Booster().load_model), logistic as its coefficients by
  feature name.`;

export const SWEEP_USAGE = `sweep SWEEP.json [--out RESULT.json] [--backend cpu|wasm]
  Runs a sweep { "base": CONFIG, "vary": { "path": "imbalance.negativeRate", "values": [...] },
  "seeds": 3 } (examples/sweeps/) and prints its result as JSON: per value, each seed's metrics,
  latency and model size, and the mean and standard deviation across seeds. Progress on stderr.`;

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
  predictionsOut?: string;
  modelOut?: string;
}

/** The options of `run`; `sweep` takes the first two. */
const RUN_OPTIONS = ['out', 'backend', 'predictions-out', 'model-out'] as const;
const SWEEP_OPTIONS = RUN_OPTIONS.slice(0, 2);

/**
 * Parses `CONFIG.json [--out FILE] [--backend cpu|wasm] [--predictions-out FILE] [--model-out FILE]`;
 * `--flag=value` works too. `command` names the subcommand in messages (`run`, or `sweep`, whose
 * one file is a sweep and which takes only --out and --backend).
 */
export function parseRunArgs(args: readonly string[], command = 'run'): RunArgs {
  const file = command === 'run' ? 'CONFIG.json' : 'SWEEP.json';
  const { positional, options } = readCommandArgs(
    command,
    args,
    command === 'run' ? RUN_OPTIONS : SWEEP_OPTIONS,
  );
  if (positional.length !== 1) {
    throw new InputError(
      `${command}: expected one argument, ${file}; got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  const { out, backend, 'predictions-out': predictionsOut, 'model-out': modelOut } = options;
  if (backend !== undefined && !NODE_BACKENDS.includes(backend as BackendName)) {
    throw new InputError(
      `${command}: --backend must be one of ${NODE_BACKENDS.join(', ')}; got ${backend}`,
    );
  }
  return {
    configFile: positional[0]!,
    ...(out !== undefined ? { out } : {}),
    ...(predictionsOut !== undefined ? { predictionsOut } : {}),
    ...(modelOut !== undefined ? { modelOut } : {}),
    ...(backend !== undefined ? { backend: backend as BackendName } : {}),
  };
}
