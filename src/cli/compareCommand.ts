import { readFileSync } from 'node:fs';
import { comparePredictions } from '../lib/metrics/comparePredictions.ts';
import { DEFAULT_RESAMPLES } from '../lib/metrics/pairedBootstrap.ts';
import { parsePredictionsCsv, type Predictions } from '../lib/metrics/predictionsCsv.ts';
import { readCommandArgs } from './commandArgs.ts';
import { InputError, readFailure } from './inputError.ts';

export const COMPARE_USAGE = `compare A.csv B.csv [--resamples N] [--seed S]
  Is the difference between two models real? Both files have header columns y_true, y_prob for
  the same rows in the same order. ROC AUC by DeLong's paired test, log loss, Brier, ECE and the
  calibration ratio by a paired bootstrap over rows (N = ${DEFAULT_RESAMPLES} resamples, seed S = 0),
  each with a 95% interval of A - B and a verdict. Prints one JSON object.`;

/**
 * `compare A.csv B.csv [--resamples N] [--seed S]`: the paired comparison as pretty-printed JSON.
 * Throws InputError for bad arguments, an unreadable or bad file, different row counts or
 * different y_true columns (naming the first differing line).
 */
export function compareCommand(args: readonly string[]): string {
  const { files, resamples, seed } = parseCompareArgs(args);
  const [a, b] = files.map(readPredictions) as [Predictions, Predictions];
  const [fileA, fileB] = files;
  if (a.y.length !== b.y.length) {
    throw new InputError(
      `compare: ${fileA} has ${a.y.length} data rows and ${fileB} has ${b.y.length}; ` +
        'both must score the same rows in the same order',
    );
  }
  const differing = a.y.findIndex((label, i) => label !== b.y[i]);
  if (differing >= 0) {
    throw new InputError(
      `compare: y_true differs at line ${differing + 2} (data row ${differing + 1}): ` +
        `${fileA} has ${a.y[differing]}, ${fileB} has ${b.y[differing]}; ` +
        'both files must score the same rows in the same order',
    );
  }
  try {
    return JSON.stringify(comparePredictions(a.y, a.p, b.p, { resamples, seed }), null, 2);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`compare: ${error.message}`);
    throw error;
  }
}

function readPredictions(file: string): Predictions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw readFailure(file, error);
  }
  const predictions = parsePredictionsCsv(text, file);
  if (predictions.weights) {
    throw new InputError(`${file}: header (line 1), column weight: compare takes no weights`);
  }
  return predictions;
}

interface CompareArgs {
  files: [string, string];
  resamples: number;
  seed: number;
}

/** Parses `A.csv B.csv [--resamples N] [--seed S]`; `--flag=value` works too. */
export function parseCompareArgs(args: readonly string[]): CompareArgs {
  const { positional, options } = readCommandArgs('compare', args, ['resamples', 'seed']);
  const integer = (name: 'resamples' | 'seed', least: number, fallback: number): number => {
    const raw = options[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < least)
      throw new InputError(`compare: --${name} needs an integer >= ${least}; got ${raw}`);
    return value;
  };
  if (positional.length !== 2) {
    throw new InputError(
      `compare: expected two arguments, A.csv B.csv; got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  return {
    files: [positional[0]!, positional[1]!],
    resamples: integer('resamples', 2, DEFAULT_RESAMPLES),
    seed: integer('seed', 0, 0),
  };
}
