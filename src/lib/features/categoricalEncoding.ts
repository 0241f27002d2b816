/**
 * Categorical (and boolean) columns: one-hot with top-K and "<other>", hashing trick, embedding ids,
 * frequency and target encoding, native codes for trees, fitted on training rows only.
 * A level never seen in training goes to "<other>" (one-hot), id 0 (embedding), frequency 0 or the prior
 * (target); hashing needs no vocabulary.
 */
import type { CategoricalColumn } from '../data/table.ts';
import { hashBucket, hashSign, hashedToken, murmurHash3 } from './murmurHash3.ts';
import {
  NATIVE_MAX_LEVELS,
  OTHER_LEVEL,
  type CategoricalEncoding,
  type ColumnTransformSpec,
} from './spec.ts';
import { fitTargetStats, targetValue, type TargetStats } from './targetEncoding.ts';
import { countLevels, selectVocabulary } from './vocabulary.ts';
import { quoteInput } from '../text/quoteInput.ts';

export interface FittedCategorical {
  kind: 'categorical';
  name: string;
  /** First dense column of this column's block. */
  offset: number;
  /** Dense columns of the block, indicator included (0 for an embedding without indicator). */
  width: number;
  encoding: CategoricalEncoding;
  /** The level a missing value becomes. */
  fill: string;
  /** Dense column of "<name>_missing", or -1. */
  indicatorOffset: number;
  /** One-hot: the kept levels in column order; native: code = index; embedding: id = index + 1; frequency, target: every training level. */
  levels: string[];
  /** Frequency encoding: the training share of each level; else empty. */
  frequencies: number[];
  /** Hashing: bucket count N; else 0. */
  buckets: number;
  /** Embedding: dimension d (for the model) and the index of its id column; else 0 and -1. */
  dim: number;
  idIndex: number;
  target: TargetStats | null;
  /** Target encoding fitted 'in-sample' (the leakage mistake): its rows get the full means, never out of fold. Absent: out of fold. */
  targetFit?: 'in-sample';
}

export interface CategoricalFitContext {
  /** Index this column's id column gets when it is an embedding. */
  idIndex: number;
  /** Labels aligned with table rows: required by target encoding. */
  labels: ArrayLike<number> | undefined;
  seed: number;
}

/** Fits one categorical column over `trainRows`; its dense block starts at `offset`. */
export function fitCategorical(
  column: CategoricalColumn,
  trainRows: Int32Array,
  spec: ColumnTransformSpec,
  offset: number,
  context: CategoricalFitContext,
): FittedCategorical {
  const { fill, ranked } = countLevels(column, trainRows, spec);
  const encoding = spec.categorical;
  const fitted: FittedCategorical = {
    kind: 'categorical',
    name: column.name,
    offset,
    width: 0,
    encoding,
    fill,
    indicatorOffset: -1,
    levels: [],
    frequencies: [],
    buckets: 0,
    dim: 0,
    idIndex: -1,
    target: null,
  };
  if (encoding === 'onehot') {
    fitted.levels = selectVocabulary(ranked, spec.minFrequency, Math.max(0, spec.topK));
  } else if (encoding === 'native') {
    fitted.levels = selectVocabulary(ranked, spec.minFrequency, NATIVE_MAX_LEVELS);
  } else if (encoding === 'embedding') {
    fitted.levels = selectVocabulary(ranked, spec.minFrequency, spec.maxVocab);
    fitted.dim = spec.dim;
    fitted.idIndex = context.idIndex;
  } else if (encoding === 'hashing') {
    fitted.buckets = Math.max(1, Math.floor(spec.hashBuckets));
  } else {
    fitted.levels = ranked.map((r) => r.level);
    if (encoding === 'frequency') {
      fitted.frequencies = ranked.map((r) =>
        trainRows.length > 0 ? r.count / trainRows.length : 0,
      );
    } else {
      fitted.target = fitTarget(fitted, column, trainRows, spec, context);
      if (spec.targetFit === 'in-sample') fitted.targetFit = 'in-sample';
    }
  }
  const main = categoricalMainWidth(fitted);
  const indicator = spec.indicator;
  fitted.width = main + (indicator ? 1 : 0);
  fitted.indicatorOffset = indicator ? offset + main : -1;
  return fitted;
}

/** Dense columns of the encoding itself, indicator excluded. */
export function categoricalMainWidth(
  f: Pick<FittedCategorical, 'encoding' | 'levels' | 'buckets'>,
): number {
  switch (f.encoding) {
    case 'onehot':
      return f.levels.length + 1;
    case 'hashing':
      return f.buckets;
    case 'embedding':
      return 0;
    case 'frequency':
    case 'target':
    case 'native':
      return 1;
  }
}

/** Feature names of the block: "origin=JFK", "origin=<other>", "origin#hash17", "origin_frequency", "origin_missing". */
export function categoricalFeatureNames(f: FittedCategorical): string[] {
  const names: string[] = [];
  if (f.encoding === 'onehot') {
    for (const level of f.levels) names.push(`${f.name}=${level}`);
    names.push(`${f.name}=${OTHER_LEVEL}`);
  } else if (f.encoding === 'hashing') {
    for (let b = 0; b < f.buckets; b++) names.push(`${f.name}#hash${b}`);
  } else if (f.encoding === 'frequency' || f.encoding === 'target') {
    names.push(`${f.name}_${f.encoding}`);
  } else if (f.encoding === 'native') {
    names.push(`${f.name}_code`);
  }
  if (f.indicatorOffset >= 0) names.push(`${f.name}_missing`);
  return names;
}

const levelIndexCache = new WeakMap<FittedCategorical, Map<string, number>>();

/** Index of `level` in f.levels, or -1; the lookup map is built once per fitted column and cached. */
export function levelIndex(f: FittedCategorical, level: string): number {
  let map = levelIndexCache.get(f);
  if (map === undefined) {
    map = new Map(f.levels.map((l, i) => [l, i]));
    levelIndexCache.set(f, map);
  }
  return map.get(level) ?? -1;
}

/**
 * What a level (already filled if it was missing) encodes to: the one-hot column or native code (levels.length = "<other>"),
 * the signed hash of "name=level", the embedding id (0 = unknown), or the level index for frequency and target (-1 = unseen).
 */
export function categoricalSlot(f: FittedCategorical, level: string): number {
  if (f.encoding === 'hashing') return murmurHash3(hashedToken(f.name, level));
  const index = levelIndex(f, level);
  if (f.encoding === 'onehot' || f.encoding === 'native')
    return index >= 0 ? index : f.levels.length;
  if (f.encoding === 'embedding') return index + 1;
  return index;
}

/**
 * Writes the dense features of a slot into x at `base` + the block's offset (x zeroed beforehand).
 * `fold` is the target-encoding fold of a training row, -1 elsewhere. Embedding ids are written by the caller.
 * Returns the one cell a one-hot or hashed slot sets, relative to the block (the indicator aside),
 * or -1 for the encodings that write their whole block (see blockCells.ts).
 */
export function encodeCategorical(
  f: FittedCategorical,
  slot: number,
  missing: boolean,
  fold: number,
  x: Float32Array,
  base: number,
): number {
  if (missing && f.indicatorOffset >= 0) x[base + f.indicatorOffset] = 1;
  switch (f.encoding) {
    case 'onehot':
      x[base + f.offset + slot] = 1;
      return slot;
    case 'hashing': {
      const bucket = hashBucket(slot, f.buckets);
      x[base + f.offset + bucket] = hashSign(slot);
      return bucket;
    }
    case 'native':
      x[base + f.offset] = slot;
      return -1;
    case 'frequency':
      x[base + f.offset] = slot >= 0 ? f.frequencies[slot]! : 0;
      return -1;
    case 'target':
      x[base + f.offset] = targetValue(f.target!, slot, fold);
      return -1;
    case 'embedding':
      return -1;
  }
}

function fitTarget(
  fitted: FittedCategorical,
  column: CategoricalColumn,
  trainRows: Int32Array,
  spec: ColumnTransformSpec,
  context: CategoricalFitContext,
): TargetStats {
  if (context.labels === undefined) {
    throw new Error(
      `Target encoding of ${quoteInput(column.name)} needs the training labels (options.labels)`,
    );
  }
  const codeToLevel = column.dictionary.map((level) => levelIndex(fitted, level));
  const fillIndex = levelIndex(fitted, fitted.fill);
  const levelOfRow = new Int32Array(trainRows.length);
  for (let i = 0; i < trainRows.length; i++) {
    const code = column.codes[trainRows[i]!]!;
    levelOfRow[i] = code < 0 ? fillIndex : codeToLevel[code]!;
  }
  const folds = Math.max(2, Math.floor(spec.targetFolds));
  return fitTargetStats(
    trainRows,
    levelOfRow,
    fitted.levels.length,
    context.labels,
    folds,
    Math.max(0, spec.targetSmoothing),
    context.seed,
  );
}
