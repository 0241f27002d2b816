import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { BUILTIN_DATASETS, findBuiltin } from '../lib/data/builtins.ts';
import { createEngineApi } from '../lib/engineApi.ts';
import { ConfigError, parseConfig, type ExperimentConfig } from '../lib/experiment/config.ts';
import { InputError, readFailure } from './inputError.ts';
import { nodeDataReader } from './nodeDataReader.ts';
import { progressLogger } from './progressLog.ts';
import { DEFAULT_NODE_BACKEND, NODE_BACKENDS, parseRunArgs } from './runArgs.ts';

export interface RunIo {
  /** Receives progress lines (no newline); default: stderr. */
  log?: (line: string) => void;
  /** Where csv:PATH sources are resolved; default: process.cwd(). */
  cwd?: string;
}

/**
 * `run CONFIG.json [--out RESULT.json] [--backend cpu|wasm]`: returns the RunResult as
 * pretty-printed JSON (Infinity and NaN become null) and writes it to `--out` too.
 * @throws InputError naming the file (config or data) and, for a CSV problem, its line and
 *   column: for bad arguments, an unreadable file, invalid JSON or config, or a failed run.
 */
export async function runCommand(args: readonly string[], io: RunIo = {}): Promise<string> {
  const { configFile, out, backend: requested } = parseRunArgs(args);
  const log = io.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const input = readJson(configFile);
  const config = validate(input, configFile);
  const backend =
    requested ?? NODE_BACKENDS.find((b) => b === config.backend) ?? DEFAULT_NODE_BACKEND;

  // tfjs's "install the node backend" banner would break the one-line error contract on stderr.
  tf.env().set('PROD', true);
  const reader = nodeDataReader(config.data.source, io.cwd);
  const engine = createEngineApi({ readData: reader.read });
  const started = await engine.init(backend);

  // Lines wait until training starts, so that a data or config error found while loading, which
  // the engine reports only at the end, is the one line on stderr. Until the first progress event
  // the engine is reading the data: a failure there is the data file's.
  const held = [
    `backend: ${started.active}${started.active === backend ? '' : ` (${backend} failed)`}`,
  ];
  let holding = true;
  const release = () => {
    holding = false;
    held.splice(0).forEach(log);
  };
  let loaded = false;
  const logProgress = progressLogger(config.model.family, (line) =>
    holding ? held.push(line) : log(line),
  );
  const outcome = await engine.train(1, input, (progress) => {
    loaded = true;
    if (progress.phase === 'training') release();
    logProgress(progress);
  });
  if (!outcome.ok) {
    const file = loaded ? configFile : (reader.lastFile() ?? configFile);
    throw new InputError(`${file}: ${outcome.message}`);
  }
  release();
  const json = JSON.stringify(outcome.value, null, 2);
  if (out !== undefined) {
    try {
      await writeFile(out, `${json}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(`${out}: cannot write the result (${code})`);
    }
    log(`result written to ${out}`);
  }
  return json;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw readFailure(file, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${file}: not valid JSON: ${jsonErrorWhere(text, (error as Error).message)}`,
    );
  }
}

/** V8 names a character offset ("at position 64"); a line and column are easier to find. */
function jsonErrorWhere(text: string, message: string): string {
  const at = / at position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.slice(0, at.index)} at line ${line}, column ${column}`;
}

/** parseConfig, plus a check of built-in names that can list the valid ones. */
function validate(input: unknown, file: string): ExperimentConfig {
  let config: ExperimentConfig;
  try {
    config = parseConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const { source } = config.data;
  if (typeof source === 'string' && source.startsWith('builtin:')) {
    const name = source.slice('builtin:'.length);
    if (!findBuiltin(name)) {
      throw new InputError(
        `${file}: Invalid config at data.source: there is no built-in data set named ` +
          `"${name}"; expected one of ${BUILTIN_DATASETS.map((d) => d.name).join(', ')}`,
      );
    }
  }
  return config;
}
