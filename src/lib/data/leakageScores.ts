/**
 * Single-feature association scores used by the leakage check. Each is O(n log n) at most.
 * Missing values: NaN in numbers, -1 in codes or labels; rows missing either side are skipped
 * unless stated.
 */
import { bisectLeft, bisectRight } from 'd3-array';

/** 1-based ranks with ties given their average rank (as scipy.stats.rankdata 'average'). */
export function averageRanks(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const lo = bisectLeft(sorted, value);
    const hi = bisectRight(sorted, value, lo);
    ranks[i] = (lo + hi + 1) / 2;
  }
  return ranks;
}

/**
 * ROC AUC of `values` for each class against the rest (Mann-Whitney U over average ranks,
 * ties count one half), from one ranking. Entry k is NaN when class k or its complement is
 * absent. `labels` in [0, classCount) or -1; rows with a NaN value or label -1 are skipped.
 */
export function oneVsRestAuc(
  values: Float64Array,
  labels: Int32Array,
  classCount: number,
): number[] {
  const { x, y } = pairedRows(values, labels);
  const ranks = averageRanks(x);
  const rankSums = new Float64Array(classCount);
  const counts = new Float64Array(classCount);
  for (let i = 0; i < y.length; i++) {
    const k = y[i] as number;
    rankSums[k] = (rankSums[k] as number) + (ranks[i] as number);
    counts[k] = (counts[k] as number) + 1;
  }
  const n = y.length;
  return Array.from(counts, (nk, k) => {
    if (nk === 0 || nk === n) return NaN;
    return ((rankSums[k] as number) - (nk * (nk + 1)) / 2) / (nk * (n - nk));
  });
}

function pairedRows(values: Float64Array, labels: Int32Array): { x: Float64Array; y: Int32Array } {
  let n = 0;
  const x = new Float64Array(values.length);
  const y = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const label = labels[i] as number;
    if (Number.isNaN(value) || label < 0) continue;
    x[n] = value;
    y[n++] = label;
  }
  return { x: x.subarray(0, n), y: y.subarray(0, n) };
}

/**
 * Cuts values into `bins` groups of about equal row counts by rank (equal values share a
 * group); NaN goes to an extra group `bins`. O(n log n).
 */
export function quantileGroups(
  values: Float64Array,
  bins: number,
): { groups: Int32Array; groupCount: number } {
  let n = 0;
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i] as number)) sorted[n++] = values[i] as number;
  }
  const present = sorted.subarray(0, n).sort();
  const groups = Int32Array.from(values, (value) =>
    Number.isNaN(value) ? bins : Math.floor((bisectLeft(present, value) * bins) / n),
  );
  return { groups, groupCount: bins + 1 };
}

/**
 * Groups codes into categories with at least `minCount` rows; rarer categories share one
 * "rare" group, so a category seen once cannot look perfectly predictive. Missing (-1) is a
 * category of its own. Returns a group per row and the group count.
 */
export function poolRareCategories(
  codes: Int32Array,
  minCount: number,
): { groups: Int32Array; groupCount: number } {
  let maxCode = -1;
  for (let i = 0; i < codes.length; i++) maxCode = Math.max(maxCode, codes[i] as number);
  // Slot 0 is "missing", slot c + 1 is code c.
  const counts = new Int32Array(maxCode + 2);
  for (let i = 0; i < codes.length; i++) {
    const slot = (codes[i] as number) + 1;
    counts[slot] = (counts[slot] as number) + 1;
  }
  const groupOf = new Int32Array(counts.length);
  let groupCount = 1; // group 0: rare
  for (let slot = 0; slot < counts.length; slot++) {
    groupOf[slot] = (counts[slot] as number) >= minCount ? groupCount++ : 0;
  }
  const groups = Int32Array.from(codes, (code) => groupOf[code + 1] as number);
  return { groups, groupCount };
}

/**
 * ROC AUC of scoring each row by its group's positive rate (labels 1 positive, 0 negative,
 * -1 skipped); groups with equal rates tie. NaN without both classes.
 */
export function groupRateAuc(groups: Int32Array, groupCount: number, labels: Int32Array): number {
  const positives = new Float64Array(groupCount);
  const negatives = new Float64Array(groupCount);
  for (let i = 0; i < groups.length; i++) {
    const label = labels[i] as number;
    if (label < 0) continue;
    const g = groups[i] as number;
    if (label === 1) positives[g] = (positives[g] as number) + 1;
    else negatives[g] = (negatives[g] as number) + 1;
  }
  const order = Array.from({ length: groupCount }, (_, g) => g).filter(
    (g) => (positives[g] as number) + (negatives[g] as number) > 0,
  );
  const rate = (g: number): number =>
    (positives[g] as number) / ((positives[g] as number) + (negatives[g] as number));
  order.sort((a, b) => rate(a) - rate(b));
  let totalPos = 0;
  let totalNeg = 0;
  for (const g of order) {
    totalPos += positives[g] as number;
    totalNeg += negatives[g] as number;
  }
  if (totalPos === 0 || totalNeg === 0) return NaN;
  let negativesBelow = 0;
  let wins = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    let tiedPos = 0;
    let tiedNeg = 0;
    const r = rate(order[start] as number);
    for (; end < order.length && rate(order[end] as number) === r; end++) {
      tiedPos += positives[order[end] as number] as number;
      tiedNeg += negatives[order[end] as number] as number;
    }
    wins += tiedPos * (negativesBelow + tiedNeg / 2);
    negativesBelow += tiedNeg;
    start = end;
  }
  return wins / (totalPos * totalNeg);
}

/**
 * Share of rows whose class equals their group's majority class, rescaled so that 0 is no
 * better than always guessing the overall majority class and 1 is perfect. NaN with one class.
 */
export function normalizedPurity(
  groups: Int32Array,
  groupCount: number,
  labels: Int32Array,
  classCount: number,
): number {
  const table = new Float64Array(groupCount * classCount);
  const classTotals = new Float64Array(classCount);
  let n = 0;
  for (let i = 0; i < groups.length; i++) {
    const label = labels[i] as number;
    if (label < 0) continue;
    const cell = (groups[i] as number) * classCount + label;
    table[cell] = (table[cell] as number) + 1;
    classTotals[label] = (classTotals[label] as number) + 1;
    n++;
  }
  let correct = 0;
  for (let g = 0; g < groupCount; g++) {
    correct += Math.max(...table.subarray(g * classCount, (g + 1) * classCount));
  }
  const base = Math.max(...classTotals) / n;
  return base >= 1 || n === 0 ? NaN : (correct / n - base) / (1 - base);
}

/** Pearson correlation over rows where both are present; NaN when either is constant. */
export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation over rows where both are present (Pearson of average ranks). */
export function spearman(x: Float64Array, y: Float64Array): number {
  let n = 0;
  const px = new Float64Array(x.length);
  const py = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i] as number) || Number.isNaN(y[i] as number)) continue;
    px[n] = x[i] as number;
    py[n++] = y[i] as number;
  }
  return pearson(averageRanks(px.subarray(0, n)), averageRanks(py.subarray(0, n)));
}

/**
 * Correlation ratio eta: sqrt(between-group sum of squares / total sum of squares) of `y`
 * (NaN skipped) by group. 1 means the group fixes the value. NaN when y is constant.
 */
export function correlationRatio(groups: Int32Array, groupCount: number, y: Float64Array): number {
  const sums = new Float64Array(groupCount);
  const counts = new Float64Array(groupCount);
  let total = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    const value = y[i] as number;
    if (Number.isNaN(value)) continue;
    const g = groups[i] as number;
    sums[g] = (sums[g] as number) + value;
    counts[g] = (counts[g] as number) + 1;
    total += value;
    n++;
  }
  const mean = total / n;
  let between = 0;
  for (let g = 0; g < groupCount; g++) {
    const c = counts[g] as number;
    if (c > 0) between += c * ((sums[g] as number) / c - mean) ** 2;
  }
  let totalSquares = 0;
  for (let i = 0; i < y.length; i++) {
    const value = y[i] as number;
    if (!Number.isNaN(value)) totalSquares += (value - mean) ** 2;
  }
  return Math.sqrt(between / totalSquares);
}
