/**
 * A hashed feature cross of two categorical columns: the token "a=<value of a>&b=<value of b>" is hashed
 * into `buckets` signed features named "a*b#hash<k>". Missing values take the level "<missing>".
 * A cross needs no fitting beyond its layout: unseen pairs hash like seen ones.
 */
import { hashBucket, hashSign, hashedToken, murmurHash3 } from './murmurHash3.ts';

export interface FittedCross {
  kind: 'cross';
  a: string;
  b: string;
  offset: number;
  /** Dense columns: the bucket count. */
  width: number;
}

/** The signed hash of a pair of levels. */
export function crossHash(f: FittedCross, levelA: string, levelB: string): number {
  return murmurHash3(`${hashedToken(f.a, levelA)}&${hashedToken(f.b, levelB)}`);
}

/** Writes the cross feature of a pair's hash into x at `base` (x zeroed beforehand); returns its cell in the block. */
export function encodeCross(f: FittedCross, hash: number, x: Float32Array, base: number): number {
  const bucket = hashBucket(hash, f.width);
  x[base + f.offset + bucket] = hashSign(hash);
  return bucket;
}

/** "a*b#hash0" ... */
export function crossFeatureNames(f: FittedCross): string[] {
  const names: string[] = [];
  for (let k = 0; k < f.width; k++) names.push(`${f.a}*${f.b}#hash${k}`);
  return names;
}
