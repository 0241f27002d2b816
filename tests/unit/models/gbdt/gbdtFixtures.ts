import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureMatrix } from '../../../../src/lib/features/featureMatrix.ts';
import type { LabelledSet } from '../../../../src/lib/models/model.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/gbdt/', import.meta.url));

/** tests/fixtures/gbdt/gbdt.json, written by scripts/fixtures/gbdt.py. */
export function readReference(): {
  binary: { file: string; trainRows: number; testAuc: number; testLogLoss: number };
  regression: { file: string; trainRows: number; testRmse: number; testR2: number };
  multiclass: {
    file: string;
    trainRows: number;
    classes: number;
    testAccuracy: number;
    testLogLoss: number;
  };
  binEdges: Record<string, { values: (number | null)[]; maxBins: number; thresholds: number[] }>;
} {
  return JSON.parse(readFileSync(FIXTURES + 'gbdt.json', 'utf8'));
}

export function matrix(x: Float32Array, rows: number, cols: number): FeatureMatrix {
  const names = Array.from({ length: cols }, (_, i) => `x${i}`);
  return { rows, cols, x, names, origins: names, idColumns: [] };
}

/** A fixture CSV (features then label y; an empty cell is missing) split at trainRows. */
export function readCsvSplit(
  file: string,
  trainRows: number,
): { train: LabelledSet; test: LabelledSet } {
  const lines = readFileSync(FIXTURES + file, 'utf8')
    .trim()
    .split('\n');
  const cols = lines[0]!.split(',').length - 1;
  const rows = lines.length - 1;
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    for (let c = 0; c < cols; c++) x[r * cols + c] = cells[c] === '' ? NaN : Number(cells[c]);
    y[r] = Number(cells[cols]);
  }
  const part = (from: number, to: number): LabelledSet => ({
    features: matrix(x.slice(from * cols, to * cols), to - from, cols),
    y: y.slice(from, to),
  });
  return { train: part(0, trainRows), test: part(trainRows, rows) };
}

/** ROC AUC as the Mann-Whitney U statistic, ties counting one half. */
export function rocAuc(y: Float32Array, p: Float32Array): number {
  const order = Array.from(p.keys()).sort((a, b) => p[a]! - p[b]!);
  let rankSumPos = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && p[order[j]!] === p[order[i]!]) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (y[order[k]!] === 1) {
        rankSumPos += meanRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = y.length - positives;
  return (rankSumPos - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean binary log loss with p clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(y: Float32Array, p: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}
