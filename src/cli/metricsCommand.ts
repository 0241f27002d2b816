import { readFileSync } from 'node:fs';
import { binaryMetrics } from '../lib/metrics/binary.ts';
import { parsePredictionsCsv } from '../lib/metrics/predictionsCsv.ts';
import { DEFAULT_K, rankingMetrics } from '../lib/metrics/rankingMetrics.ts';
import { InputError, readFailure } from './inputError.ts';

export const METRICS_USAGE = `metrics PREDICTIONS.csv [--k N]
  Binary metrics of a predictions file with header columns y_true (0/1), y_prob (in [0, 1])
  and optionally weight (>= 0). Prints one JSON object. Normalized entropy uses the file's
  (weighted) mean of y_true as the base rate. With a group column (user, query, session) it
  adds ranking metrics: NDCG@k, Recall@k and group AUC (k = ${DEFAULT_K} unless --k), unweighted.`;

/**
 * `metrics PREDICTIONS.csv [--k N]`: reads the file and returns the metrics as pretty-printed
 * JSON, with a `ranking` block when the file has a `group` column. Throws InputError for bad
 * arguments, an unreadable file or bad content.
 */
export function metricsCommand(args: readonly string[]): string {
  const { file, k } = parseMetricsArgs(args);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw readFailure(file, error);
  }
  const { y, p, weights, groups } = parsePredictionsCsv(text, file);
  const metrics = binaryMetrics(y, p, weights ? { weights } : {});
  const ranking = groups ? { ranking: rankingMetrics(y, p, groups, k) } : {};
  return JSON.stringify({ file, ...metrics, ...ranking }, null, 2);
}

function parseMetricsArgs(args: readonly string[]): { file: string; k: number } {
  const rest = [...args];
  let k = DEFAULT_K;
  const flag = rest.indexOf('--k');
  if (flag >= 0) {
    const value = rest[flag + 1];
    k = Number(value);
    if (value === undefined || !Number.isInteger(k) || k < 1) {
      throw new InputError(`metrics: --k must be an integer >= 1; got ${value ?? 'nothing'}`);
    }
    rest.splice(flag, 2);
  }
  if (rest.length !== 1) {
    throw new InputError(`metrics: expected one argument, PREDICTIONS.csv; got ${rest.length}`);
  }
  return { file: rest[0]!, k };
}
