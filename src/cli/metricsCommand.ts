import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { binaryMetrics } from '../lib/metrics/binary.ts';
import { InputError, readFailure } from './inputError.ts';

export const METRICS_USAGE = `metrics PREDICTIONS.csv
  Binary metrics of a predictions file with header columns y_true (0/1), y_prob (in [0, 1])
  and optionally weight (>= 0). Prints one JSON object. Normalized entropy uses the file's
  (weighted) mean of y_true as the base rate.`;

/** Parsed predictions: one entry per data row. */
export interface Predictions {
  y: Float64Array;
  p: Float64Array;
  weights?: Float64Array;
}

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

/**
 * Parses and checks a predictions CSV. Errors name the file, the data row (1-based, the header
 * and blank lines not counted) and the column.
 */
export function parsePredictionsCsv(text: string, file: string): Predictions {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new InputError(`${file}: line 1: the file is empty; expected a header y_true,y_prob`);
  }
  const parsed = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (name) => name.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  for (const column of ['y_true', 'y_prob']) {
    if (!fields.includes(column)) {
      throw new InputError(
        `${file}: header (line 1), column ${column}: missing; found ${fields.join(',')}`,
      );
    }
  }
  const rows = parsed.data;
  if (rows.length === 0) throw new InputError(`${file}: no data rows after the header (line 1)`);
  const parseErrors = new Map(parsed.errors.map((e) => [e.row, e]));

  const hasWeight = fields.includes('weight');
  const y = new Float64Array(rows.length);
  const p = new Float64Array(rows.length);
  const weights = hasWeight ? new Float64Array(rows.length) : undefined;
  rows.forEach((row, r) => {
    const where = `${file}: data row ${r + 1}`;
    const label = readNumber(row.y_true);
    if (label !== 0 && label !== 1) {
      throw new InputError(`${where}, column y_true: ${show(row.y_true)} is not 0 or 1`);
    }
    const prob = readNumber(row.y_prob);
    if (!(prob >= 0 && prob <= 1)) {
      throw new InputError(
        `${where}, column y_prob: ${show(row.y_prob)} is not a number in [0, 1]`,
      );
    }
    y[r] = label;
    p[r] = prob;
    if (weights) {
      const weight = readNumber(row.weight);
      if (!(weight >= 0 && weight < Infinity)) {
        throw new InputError(
          `${where}, column weight: ${show(row.weight)} is not a finite number >= 0`,
        );
      }
      weights[r] = weight;
    }
    const error = parseErrors.get(r);
    if (error) throw new InputError(`${where}: ${error.message}`);
  });
  return weights ? { y, p, weights } : { y, p };
}

/** A trimmed numeric field; NaN for a blank or missing field. */
function readNumber(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  return text === '' ? NaN : Number(text);
}

/** The raw field, quoted and escaped so the message stays on one line. */
function show(raw: string | undefined): string {
  return raw === undefined ? 'a missing field' : JSON.stringify(raw);
}
