import Papa from 'papaparse';
import { quoteInput } from '../text/quoteInput.ts';
import { MAX_TOTAL_WEIGHT, weightSumMessage } from './validate.ts';

/** A predictions file the user must fix: the message names the file, the data row and the column. */
export class PredictionsCsvError extends Error {
  override name = 'PredictionsCsvError';
}

/** Parsed predictions: one entry per data row. */
export interface Predictions {
  y: Float64Array;
  p: Float64Array;
  weights?: Float64Array;
  /** The `group` column (user, query, session), when the file has one: ranking metrics use it. */
  groups?: string[];
}

/**
 * Parses and checks a predictions CSV. Errors name the file, the data row (1-based, the header
 * and blank lines not counted) and the column.
 */
export function parsePredictionsCsv(text: string, file: string): Predictions {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new PredictionsCsvError(
      `${file}: line 1: the file is empty; expected a header y_true,y_prob`,
    );
  }
  const parsed = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (name) => name.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  for (const column of ['y_true', 'y_prob']) {
    if (!fields.includes(column)) {
      throw new PredictionsCsvError(
        `${file}: header (line 1), column ${column}: missing; found ${fields.join(',')}`,
      );
    }
  }
  const rows = parsed.data;
  if (rows.length === 0)
    throw new PredictionsCsvError(`${file}: no data rows after the header (line 1)`);
  const parseErrors = new Map(parsed.errors.map((e) => [e.row, e]));

  const hasWeight = fields.includes('weight');
  const groups = fields.includes('group') ? new Array<string>(rows.length) : undefined;
  const y = new Float64Array(rows.length);
  const p = new Float64Array(rows.length);
  const weights = hasWeight ? new Float64Array(rows.length) : undefined;
  rows.forEach((row, r) => {
    const where = `${file}: data row ${r + 1}`;
    const label = readNumber(row.y_true);
    if (label !== 0 && label !== 1) {
      throw new PredictionsCsvError(`${where}, column y_true: ${show(row.y_true)} is not 0 or 1`);
    }
    const prob = readNumber(row.y_prob);
    if (!(prob >= 0 && prob <= 1)) {
      throw new PredictionsCsvError(
        `${where}, column y_prob: ${show(row.y_prob)} is not a number in [0, 1]`,
      );
    }
    y[r] = label;
    p[r] = prob;
    if (weights) {
      const weight = readNumber(row.weight);
      if (!(weight >= 0 && weight < Infinity)) {
        throw new PredictionsCsvError(
          `${where}, column weight: ${show(row.weight)} is not a finite number >= 0`,
        );
      }
      weights[r] = weight;
    }
    if (groups) {
      const group = row.group?.trim() ?? '';
      if (group === '') throw new PredictionsCsvError(`${where}, column group: the value is empty`);
      groups[r] = group;
    }
    const error = parseErrors.get(r);
    if (error) throw new PredictionsCsvError(`${where}: ${error.message}`);
  });
  if (weights) {
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (!(total <= MAX_TOTAL_WEIGHT)) {
      throw new PredictionsCsvError(`${file}: column weight: ${weightSumMessage(total)}`);
    }
  }
  return { y, p, ...(weights ? { weights } : {}), ...(groups ? { groups } : {}) };
}

/** A trimmed numeric field; NaN for a blank or missing field. */
function readNumber(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  return text === '' ? NaN : Number(text);
}

/** The raw field, quoted, cut and escaped so the message stays one short line. */
function show(raw: string | undefined): string {
  return raw === undefined ? 'a missing field' : quoteInput(raw);
}

/**
 * A run's test predictions as CSV, one line per test row: `row,y_true,y_prob` (binary: the label
 * 0/1 and the final probability), `row,y_true,y_pred` (regression) or `row,y_true,p_<class>...`
 * (multi-class: the class index and each class's probability). `row` is the 0-based data row of
 * the source table (the header not counted). The binary file is what `metrics` reads.
 */
export function formatPredictionsCsv(
  task: 'binary' | 'multiclass' | 'regression',
  rows: ArrayLike<number>,
  y: ArrayLike<number>,
  outputs: ArrayLike<number>,
  classes: readonly string[] = [],
): string {
  const k = task === 'multiclass' ? classes.length : 1;
  const header =
    task === 'binary'
      ? ['row', 'y_true', 'y_prob']
      : task === 'regression'
        ? ['row', 'y_true', 'y_pred']
        : ['row', 'y_true', ...classes.map((c) => `p_${c}`)];
  const data: number[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = [rows[i]!, y[i]!];
    for (let c = 0; c < k; c++) cells.push(outputs[i * k + c]!);
    data.push(cells);
  }
  return `${Papa.unparse({ fields: header, data }, { newline: '\n' })}\n`;
}
