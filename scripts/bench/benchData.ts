/** Data the benchmarks share: a dense synthetic binary task and a click-like CSV text. */
import { writeFileSync } from 'node:fs';
import type { LabelledSet } from '../../src/lib/models/model.ts';
import { createRng } from '../../src/lib/random.ts';

/**
 * rows x cols standard normal features rounded to 4 decimals (so a CSV holds exactly the float32
 * values trained on); y ~ Bernoulli(sigmoid(-1.5 + w.x + x0 x1)).
 */
export function denseSamples(rows: number, cols: number): { x: Float32Array; y: Float32Array } {
  const rng = createRng(1);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  const weights = Float32Array.from({ length: cols }, () => rng.normal() * 0.3);
  for (let r = 0; r < rows; r++) {
    let logit = -1.5;
    for (let j = 0; j < cols; j++) {
      const v = Math.fround(Math.round(rng.normal() * 1e4) / 1e4);
      x[r * cols + j] = v;
      logit += weights[j]! * v;
    }
    logit += x[r * cols]! * x[r * cols + 1]!;
    y[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y };
}

/** Dense rows as a LabelledSet with features named x0..x{cols-1}. */
export function labelledSet(x: Float32Array, y: Float32Array, cols: number): LabelledSet {
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return {
    features: { rows: y.length, cols, x, names, origins: names, idColumns: [] },
    y,
  };
}

/** denseSamples split in order: the first `trainRows` rows train, the rest test. */
export function denseTask(
  rows: number,
  trainRows: number,
  cols: number,
): { train: LabelledSet; test: LabelledSet } {
  const { x, y } = denseSamples(rows, cols);
  const part = (start: number, end: number): LabelledSet =>
    labelledSet(x.slice(start * cols, end * cols), y.slice(start, end), cols);
  return { train: part(0, trainRows), test: part(trainRows, rows) };
}

/** Writes train then test rows: a header x0..x{cols-1},y, features to 4 decimals, the label last. */
export function writeTaskCsv(path: string, ...sets: LabelledSet[]): void {
  const { cols, names } = sets[0]!.features;
  const lines = [[...names, 'y'].join(',')];
  for (const { features, y } of sets) {
    for (let r = 0; r < features.rows; r++) {
      const cells = Array.from(features.x.subarray(r * cols, (r + 1) * cols), (v) => v.toFixed(4));
      lines.push(`${cells.join(',')},${y[r]}`);
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** A CSV of click-like rows: ids, categories, numbers with some missing, a 0/1 label. */
export function clickCsv(targetBytes: number): { text: string; rows: number } {
  const rng = createRng(2);
  const parts = ['id,ad_id,site,device,price,score,clicks,label\n'];
  let bytes = parts[0]!.length;
  let rows = 0;
  const devices = ['mobile', 'desktop', 'tablet', 'tv'];
  while (bytes < targetBytes) {
    const line = `${rows},ad_${rng.int(10_000)},site_${rng.int(500)},${devices[rng.int(4)]},${(rng.next() * 100).toFixed(2)},${rng.next() < 0.05 ? '' : rng.normal().toFixed(4)},${rng.int(20)},${rng.next() < 0.1 ? 1 : 0}\n`;
    parts.push(line);
    bytes += line.length;
    rows++;
  }
  return { text: parts.join(''), rows };
}
