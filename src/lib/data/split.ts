import { createRng, shuffleInPlace } from '../random.ts';

/** How to divide the rows; fractions are of all rows (time: of the rows with a known time). */
export interface SplitOptions {
  /** 'random': seeded shuffle, stratified by label when labels are given; 'time': by timeValues. */
  method: 'random' | 'time';
  /** Fraction of rows for the test part, in [0, 1). */
  test: number;
  /** Fraction of rows for the validation part, in [0, 1); test + validation < 1. */
  validation: number;
  /** One time per row (any monotone unit, e.g. ms since the epoch), NaN when missing. Required for 'time'. */
  timeValues?: Float64Array;
  /** Number of rows; needed only when neither labels nor timeValues are given. */
  rowCount?: number;
}

/** Row indices of each part, each in ascending order; together they cover every row once. */
export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * Splits rows into train, validation and test, reproducibly for a given seed.
 *
 * - random: rows are shuffled within each label value (NaN and -1 count as values of their own),
 *   and every class gives its share to each part, so each part keeps the base rate (to within one
 *   row per class). Part sizes are round(n * test) and round(n * (test + validation)) - test size.
 *   Without labels it is a plain seeded shuffle.
 * - time: rows are ordered by time (ties by row index); the latest `test` fraction of the rows
 *   with a known time is the test part, the `validation` fraction before it the validation part.
 *   Rows with a missing time always go to train, so validation and test hold only rows whose
 *   time is known to be later than the training rows. Labels are ignored.
 */
export function splitRows(
  labels: ArrayLike<number> | null,
  options: SplitOptions,
  seed: number,
): SplitIndices {
  const { method, test, validation, timeValues } = options;
  if (!(test >= 0 && validation >= 0 && test + validation < 1)) {
    throw new RangeError(
      `test and validation must be >= 0 with a sum below 1, got ${test} and ${validation}`,
    );
  }
  const n = rowCountOf(labels, options);
  if (method === 'time') {
    if (!timeValues) throw new Error('A time split needs timeValues');
    return splitByTime(timeValues, test, validation);
  }
  if (method !== 'random') throw new Error(`Unknown split method "${String(method)}"`);
  return splitRandom(labels, n, test, validation, seed);
}

function rowCountOf(labels: ArrayLike<number> | null, options: SplitOptions): number {
  const counts = [labels?.length, options.timeValues?.length, options.rowCount].filter(
    (c): c is number => c !== undefined,
  );
  const n = counts[0];
  if (n === undefined) throw new Error('splitRows needs labels, timeValues or rowCount');
  if (counts.some((c) => c !== n)) throw new Error(`Row counts disagree: ${counts.join(', ')}`);
  return n;
}

function splitRandom(
  labels: ArrayLike<number> | null,
  n: number,
  testFraction: number,
  validationFraction: number,
  seed: number,
): SplitIndices {
  // Group rows by class with a counting sort: class ids in order of first appearance.
  const classOf = new Int32Array(n);
  const classIds = new Map<number, number>();
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels ? labels[i]! : 0;
    let id = classIds.get(label);
    if (id === undefined) {
      id = sizes.length;
      classIds.set(label, id);
      sizes.push(0);
    }
    classOf[i] = id;
    sizes[id]!++;
  }
  const starts = new Int32Array(sizes.length + 1);
  for (let c = 0; c < sizes.length; c++) starts[c + 1] = starts[c]! + sizes[c]!;
  const grouped = new Int32Array(n);
  const cursor = starts.slice(0, sizes.length);
  for (let i = 0; i < n; i++) grouped[cursor[classOf[i]!]!++] = i;

  const holdoutTotal = Math.round(n * (testFraction + validationFraction));
  const testTotal = Math.min(Math.round(n * testFraction), holdoutTotal);
  const holdout = apportion(sizes, holdoutTotal);
  const tests = apportion(holdout, testTotal);

  const rng = createRng(seed);
  const train = new Int32Array(n - holdoutTotal);
  const validation = new Int32Array(holdoutTotal - testTotal);
  const test = new Int32Array(testTotal);
  let nTrain = 0;
  let nValidation = 0;
  let nTest = 0;
  for (let c = 0; c < sizes.length; c++) {
    const rows = grouped.subarray(starts[c]!, starts[c + 1]!);
    shuffleInPlace(rows, rng);
    const testEnd = tests[c]!;
    const holdoutEnd = holdout[c]!;
    test.set(rows.subarray(0, testEnd), nTest);
    validation.set(rows.subarray(testEnd, holdoutEnd), nValidation);
    train.set(rows.subarray(holdoutEnd), nTrain);
    nTest += testEnd;
    nValidation += holdoutEnd - testEnd;
    nTrain += rows.length - holdoutEnd;
  }
  return { train: train.sort(), validation: validation.sort(), test: test.sort() };
}

/**
 * Divides `total` among groups in proportion to `sizes` (largest remainder method, ties to the
 * earlier group). No group gets more than its size when total <= sum(sizes).
 */
function apportion(sizes: ArrayLike<number>, total: number): number[] {
  let sum = 0;
  for (let c = 0; c < sizes.length; c++) sum += sizes[c]!;
  const shares: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  for (let c = 0; c < sizes.length; c++) {
    const quota = sum > 0 ? (sizes[c]! * total) / sum : 0;
    const whole = Math.floor(quota);
    shares.push(whole);
    remainders.push(quota - whole);
    given += whole;
  }
  const order = remainders
    .map((_, c) => c)
    .sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let k = 0; given < total; k++, given++) shares[order[k]!]!++;
  return shares;
}

function splitByTime(times: Float64Array, testFraction: number, validationFraction: number) {
  const n = times.length;
  const known = new Int32Array(n);
  const missing = new Int32Array(n);
  let nKnown = 0;
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(times[i]!)) missing[nMissing++] = i;
    else known[nKnown++] = i;
  }
  const ordered = known.subarray(0, nKnown).sort((a, b) => times[a]! - times[b]! || a - b);
  const testSize = Math.round(nKnown * testFraction);
  const validationSize = Math.min(Math.round(nKnown * validationFraction), nKnown - testSize);
  const trainEnd = nKnown - testSize - validationSize;
  const train = new Int32Array(trainEnd + nMissing);
  train.set(ordered.subarray(0, trainEnd));
  train.set(missing.subarray(0, nMissing), trainEnd);
  return {
    train: train.sort(),
    validation: ordered.slice(trainEnd, nKnown - testSize).sort(),
    test: ordered.slice(nKnown - testSize).sort(),
  } satisfies SplitIndices;
}
