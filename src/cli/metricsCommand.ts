import { readFileSync } from 'node:fs';
import { binaryMetrics } from '../lib/metrics/binary.ts';
import { parsePredictionsCsv } from '../lib/metrics/predictionsCsv.ts';
import { InputError, readFailure } from './inputError.ts';

export const METRICS_USAGE = `metrics PREDICTIONS.csv
  Binary metrics of a predictions file with header columns y_true (0/1), y_prob (in [0, 1])
  and optionally weight (>= 0). Prints one JSON object. Normalized entropy uses the file's
  (weighted) mean of y_true as the base rate.`;

/**
 * `metrics PREDICTIONS.csv`: reads the file and returns the metrics as pretty-printed JSON.
 * Throws InputError for a missing argument, an unreadable file or bad content.
 */
export function metricsCommand(args: readonly string[]): string {
  if (args.length !== 1) {
    throw new InputError(`metrics: expected one argument, PREDICTIONS.csv; got ${args.length}`);
  }
  const file = args[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw readFailure(file, error);
  }
  const { y, p, weights } = parsePredictionsCsv(text, file);
  const metrics = binaryMetrics(y, p, weights ? { weights } : {});
  return JSON.stringify({ file, ...metrics }, null, 2);
}
