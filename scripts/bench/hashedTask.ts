/**
 * The sparse-features row of `npm run bench -- --compare` (issue #13): one id column of 100,000
 * users hashed into 2^18 buckets, then logistic regression, on our side and on scikit-learn's
 * (FeatureHasher + LogisticRegression lbfgs, scripts/bench/sklearnBaselines.py --task hashed).
 * Both hash "user=<id>" with MurmurHash3 into the same signed buckets (docs/design.md).
 */
import { writeFileSync } from 'node:fs';
import type { CategoricalColumn, Table } from '../../src/lib/data/table.ts';
import { featureLayout } from '../../src/lib/features/featureLayout.ts';
import { fitFeaturePipeline, transformRows } from '../../src/lib/features/pipeline.ts';
import type { FeatureSpec } from '../../src/lib/features/spec.ts';
import { binaryMetrics } from '../../src/lib/metrics/binary.ts';
import { fitLogistic } from '../../src/lib/models/logistic.ts';
import { createRng } from '../../src/lib/random.ts';

export const HASH_BUCKETS = 2 ** 18;
const USERS = 100_000;

/**
 * rows clicks: user i is drawn with probability proportional to 1 / (i + 10) (a few heavy
 * users, a long tail), and clicks with probability sigmoid(-2 + 1.5 u_i), u_i ~ N(0, 1).
 */
export function hashedTable(rows: number): { table: Table; y: Float32Array } {
  const rng = createRng(3);
  const effect = Float64Array.from({ length: USERS }, () => 1.5 * rng.normal());
  const cumulative = new Float64Array(USERS);
  let total = 0;
  for (let i = 0; i < USERS; i++) cumulative[i] = total += 1 / (i + 10);
  const codes = new Int32Array(rows);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = USERS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    codes[r] = lo;
    y[r] = rng.next() < 1 / (1 + Math.exp(2 - effect[lo]!)) ? 1 : 0;
  }
  const user: CategoricalColumn = {
    kind: 'categorical',
    name: 'user',
    codes,
    dictionary: Array.from({ length: USERS }, (_, i) => `u${i}`),
  };
  const label: CategoricalColumn = {
    kind: 'categorical',
    name: 'y',
    codes: Int32Array.from(y),
    dictionary: ['0', '1'],
  };
  return { table: { rowCount: rows, columns: [user, label] }, y };
}

/** Writes user,y rows; the first train rows train, the rest test. */
export function writeHashedCsv(path: string, table: Table, y: Float32Array): void {
  const user = table.columns[0] as CategoricalColumn;
  const lines = ['user,y'];
  for (let r = 0; r < table.rowCount; r++) lines.push(`${user.dictionary[user.codes[r]!]},${y[r]}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Hashes and fits on the first `train` rows (the timed work); test AUC and non-zeros beside. */
export async function fitHashed(
  table: Table,
  y: Float32Array,
  train: number,
  l2: number,
): Promise<Record<string, number>> {
  const trainRows = Int32Array.from({ length: train }, (_, i) => i);
  const testRows = Int32Array.from({ length: table.rowCount - train }, (_, i) => train + i);
  const spec: FeatureSpec = {
    default: {},
    columns: { user: { categorical: 'hashing', hashBuckets: HASH_BUCKETS } },
  };
  const pipeline = fitFeaturePipeline(table, trainRows, spec, { target: 'y', seed: 0 });
  const layout = featureLayout(pipeline);
  const features = transformRows(pipeline, table, trainRows, layout);
  const model = await fitLogistic(
    { features, y: y.slice(0, train) },
    { l2 },
    { task: 'binary', numClasses: 2, seed: 0 },
  );
  const p = await model.predict(transformRows(pipeline, table, testRows, layout));
  return {
    testAuc: binaryMetrics(y.slice(train), p).rocAuc ?? Number.NaN,
    nonZeros: features.sparse?.values.length ?? Number.NaN,
  };
}
