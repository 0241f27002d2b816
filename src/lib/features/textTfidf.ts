/**
 * Text columns: hashed unigrams + bigrams with TF-IDF, the same numbers as scikit-learn's
 * make_pipeline(HashingVectorizer(ngram_range=(1, 2), alternate_sign=True, norm=None), TfidfTransformer())
 * with each token hashed as "column=token" (see murmurHash3.ts).
 * Tokens: lower-cased runs of 2+ letters, digits or underscores (sklearn's default token_pattern).
 * idf = ln((1 + n) / (1 + df)) + 1 over the n training rows (sklearn's smooth_idf); rows are l2-normalised.
 * A missing text is an empty document: an all-zero row.
 */
import { hashBucket, hashSign, hashedToken, murmurHash3 } from './murmurHash3.ts';
import type { ColumnTransformSpec } from './spec.ts';

export interface FittedText {
  kind: 'text';
  name: string;
  offset: number;
  /** Dense columns of the block: buckets, plus the indicator. */
  width: number;
  buckets: number;
  /** Per bucket. */
  idf: number[];
  indicatorOffset: number;
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;
// Reused between calls: the serving path allocates only the token strings themselves.
const tokens: string[] = [];
let touched = new Int32Array(256);

/**
 * Unigrams then bigrams ("a b") of a text, as sklearn's word analyzer with ngram_range=(1, 2) makes them.
 * The returned array is reused by the next call: copy it to keep it.
 */
export function textNgrams(text: string): string[] {
  tokens.length = 0;
  const lower = text.toLowerCase();
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(lower)) !== null) tokens.push(match[0]);
  const unigrams = tokens.length;
  for (let i = 0; i + 1 < unigrams; i++) tokens.push(`${tokens[i]!} ${tokens[i + 1]!}`);
  return tokens;
}

/** Fits the idf of each bucket on the training rows of a text column. */
export function fitText(
  name: string,
  values: readonly (string | null)[],
  trainRows: Int32Array,
  spec: ColumnTransformSpec,
  offset: number,
): FittedText {
  const buckets = Math.max(1, Math.floor(spec.textBuckets));
  const df = new Float64Array(buckets);
  const acc = new Float32Array(buckets);
  for (let i = 0; i < trainRows.length; i++) {
    const unique = accumulate(name, buckets, values[trainRows[i]!] ?? '', acc, 0);
    for (let k = 0; k < unique; k++) {
      const b = touched[k]!;
      // A bucket counts even when its signed counts cancel: sklearn keeps that explicit zero entry.
      df[b]!++;
      acc[b] = 0;
    }
  }
  const n = trainRows.length;
  const idf = Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const indicator = spec.indicator;
  return {
    kind: 'text',
    name,
    offset,
    width: buckets + (indicator ? 1 : 0),
    buckets,
    idf,
    indicatorOffset: indicator ? offset + buckets : -1,
  };
}

/** Feature names: "review#hash17", then "review_missing". */
export function textFeatureNames(f: FittedText): string[] {
  const names: string[] = [];
  for (let b = 0; b < f.buckets; b++) names.push(`${f.name}#hash${b}`);
  if (f.indicatorOffset >= 0) names.push(`${f.name}_missing`);
  return names;
}

/** Writes the TF-IDF row of `text` (null = missing) into x at `base` + the block's offset; x must be zeroed. */
export function encodeText(
  f: FittedText,
  text: string | null,
  x: Float32Array,
  base: number,
): void {
  if (text === null) {
    if (f.indicatorOffset >= 0) x[base + f.indicatorOffset] = 1;
    return;
  }
  const start = base + f.offset;
  const unique = accumulate(f.name, f.buckets, text, x, start);
  let squares = 0;
  for (let k = 0; k < unique; k++) {
    const b = touched[k]!;
    const v = x[start + b]! * f.idf[b]!;
    squares += v * v;
  }
  if (squares === 0) return;
  const norm = Math.sqrt(squares);
  for (let k = 0; k < unique; k++) {
    const b = touched[k]!;
    x[start + b] = (x[start + b]! * f.idf[b]!) / norm;
  }
}

// Adds the signed hashed counts of the text's n-grams into acc[start + bucket]; leaves the distinct buckets it
// touched, ascending, in touched[0, returned count).
function accumulate(
  name: string,
  buckets: number,
  text: string,
  acc: Float32Array,
  start: number,
): number {
  const grams = textNgrams(text);
  if (touched.length < grams.length) touched = new Int32Array(grams.length * 2);
  for (let i = 0; i < grams.length; i++) {
    const h = murmurHash3(hashedToken(name, grams[i]!));
    const b = hashBucket(h, buckets);
    acc[start + b]! += hashSign(h);
    touched[i] = b;
  }
  if (grams.length === 0) return 0;
  touched.subarray(0, grams.length).sort();
  let unique = 1;
  for (let i = 1; i < grams.length; i++) {
    if (touched[i] !== touched[unique - 1]) touched[unique++] = touched[i]!;
  }
  return unique;
}
