import { readFileSync } from 'node:fs';
import { BUILTIN_DATASETS, findBuiltin } from '../lib/data/builtins.ts';
import { ConfigError, parseConfig, type ExperimentConfig } from '../lib/experiment/config.ts';
import { quoteInput } from '../lib/text/quoteInput.ts';
import { InputError, readFailure } from './inputError.ts';

/** Reads and validates a config file; errors name the file and the field. */
export function readConfigFile(file: string): ExperimentConfig {
  return validateConfig(readConfigJson(file), file);
}

/** The parsed JSON of a config file; errors name the file and, for bad JSON, the line and column. */
export function readConfigJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw readFailure(file, error);
  }
  // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse calls an invisible token.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
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
export function validateConfig(input: unknown, file: string): ExperimentConfig {
  let config: ExperimentConfig;
  try {
    config = parseConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const { source } = config.data;
  if (typeof source === 'string' && source.startsWith('upload:')) {
    throw new InputError(
      `${file}: Invalid config at data.source: "upload:" names a file imported in the browser; ` +
        'on the command line use "csv:PATH" (relative to the working directory, or absolute)',
    );
  }
  if (typeof source === 'string' && source.startsWith('builtin:')) {
    const name = source.slice('builtin:'.length);
    if (!findBuiltin(name)) {
      throw new InputError(
        `${file}: Invalid config at data.source: there is no built-in data set named ` +
          `${quoteInput(name)}; expected one of ${BUILTIN_DATASETS.map((d) => d.name).join(', ')}`,
      );
    }
  }
  return config;
}
