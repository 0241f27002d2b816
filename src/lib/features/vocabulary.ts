/**
 * Level counts of a categorical column over the training rows, and the vocabularies built from them.
 * Shared by the fitted encoders and the planner (describeFeatures) so both count features the same way.
 */
import type { CategoricalColumn } from '../data/table.ts';
import { MISSING_LEVEL, type ColumnTransformSpec } from './spec.ts';

export interface LevelCount {
  level: string;
  count: number;
}

/** Training counts per level after missing values are filled, most frequent first (ties: level ascending). */
export interface LevelCounts {
  /** The level a missing value becomes. */
  fill: string;
  ranked: LevelCount[];
}

/** Counts the levels of `column` over `trainRows`, with missing values filled as `spec.missing` says. */
export function countLevels(
  column: CategoricalColumn,
  trainRows: Int32Array,
  spec: ColumnTransformSpec,
): LevelCounts {
  const { codes, dictionary } = column;
  const perCode = new Int32Array(dictionary.length);
  let missing = 0;
  for (let i = 0; i < trainRows.length; i++) {
    const code = codes[trainRows[i]!]!;
    if (code < 0) missing++;
    else perCode[code]!++;
  }
  const byLevel = new Map<string, number>();
  for (let c = 0; c < dictionary.length; c++) {
    const level = dictionary[c]!;
    // A dictionary may repeat a string (two tables merged): counts add up.
    if (perCode[c]! > 0) byLevel.set(level, (byLevel.get(level) ?? 0) + perCode[c]!);
  }
  const observed = rank(byLevel);
  const fill = categoricalFill(observed, spec);
  if (missing > 0) byLevel.set(fill, (byLevel.get(fill) ?? 0) + missing);
  return { fill, ranked: missing > 0 ? rank(byLevel) : observed };
}

/** The most frequent levels with count >= minFrequency, at most `cap` of them (0 = no cap). */
export function selectVocabulary(
  ranked: LevelCount[],
  minFrequency: number,
  cap: number,
): string[] {
  const out: string[] = [];
  for (const { level, count } of ranked) {
    if (count < minFrequency) break; // ranked by count: the rest are rarer
    if (cap > 0 && out.length >= cap) break;
    out.push(level);
  }
  return out;
}

function categoricalFill(observed: LevelCount[], spec: ColumnTransformSpec): string {
  if (spec.missing === 'constant' && spec.constant !== undefined) return String(spec.constant);
  if (spec.missing === 'mean' || spec.missing === 'median')
    return observed[0]?.level ?? MISSING_LEVEL;
  return MISSING_LEVEL;
}

function rank(byLevel: Map<string, number>): LevelCount[] {
  const out: LevelCount[] = [];
  for (const [level, count] of byLevel) out.push({ level, count });
  out.sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
  return out;
}
