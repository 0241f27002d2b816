import { createRng } from '../random.ts';
import { checkBaseRate } from './priorShift.ts';

/** Rows resampled to a chosen positive rate, and the rate they reach (counts are whole). */
export interface ResampledRows {
  rows: Int32Array;
  /** Positives / rows of the kept rows. */
  baseRate: number;
}

/**
 * Simulates serving where the positive rate is `rate` (docs/design.md "Prior shift"): keeps every
 * row of the class that is scarce at that rate and a seeded random subset, without replacement,
 * of the other class, so that positives / rows is `rate` up to rounding. Within a class rows are
 * drawn uniformly, so p(x | y) is unchanged: only the prior moves. Kept rows stay in their order.
 * A row is positive when y[row] > 0.5.
 */
export function resampleToBaseRate(
  rows: Int32Array,
  y: ArrayLike<number>,
  rate: number,
  seed: number,
): ResampledRows {
  checkBaseRate('deploymentBaseRate', rate);
  const positive = (row: number) => y[row]! > 0.5;
  let positives = 0;
  for (const row of rows) if (positive(row)) positives++;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError(
      `resampling to a base rate needs both classes; the rows have ${positives} positives and ${negatives} negatives`,
    );
  }
  // Thin the class in surplus at the target rate; keep every row of the other.
  const thinPositives = positives / rows.length > rate;
  const keep = Math.max(
    1,
    Math.round(thinPositives ? (negatives * rate) / (1 - rate) : (positives * (1 - rate)) / rate),
  );
  const pool = rows.filter((row) => positive(row) === thinPositives);
  // A partial Fisher-Yates shuffle draws `keep` distinct rows of the pool.
  const rng = createRng(seed);
  const drawn = new Set<number>();
  for (let i = 0; i < keep; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    drawn.add(pool[i]!);
  }
  const out = rows.filter((row) => positive(row) !== thinPositives || drawn.has(row));
  return { rows: out, baseRate: (thinPositives ? keep : positives) / out.length };
}
