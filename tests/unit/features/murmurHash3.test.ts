import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/features/hashing.json';
import {
  hashBucket,
  hashSign,
  hashedToken,
  murmurHash3,
} from '../../../src/lib/features/murmurHash3.ts';

describe('murmurHash3 and the hashing trick', () => {
  it('gives the docs/design.md check buckets with N = 8', () => {
    const bucketAndSign = (token: string): [number, number] => {
      const h = murmurHash3(token);
      return [hashBucket(h, 8), hashSign(h)];
    };
    expect(bucketAndSign('cat')).toEqual([7, 1]);
    expect(bucketAndSign('dog')).toEqual([5, -1]);
    expect(bucketAndSign('fish')).toEqual([7, 1]);
  });

  it('matches scikit-learn murmurhash3_32 and FeatureHasher on ASCII, accented, CJK and emoji tokens', () => {
    expect(fixture.tokens.length).toBeGreaterThanOrEqual(50);
    for (const { token, hash, buckets } of fixture.tokens) {
      const h = murmurHash3(token);
      expect(h, token).toBe(hash);
      for (const [n, [index, sign]] of Object.entries(buckets)) {
        expect([hashBucket(h, Number(n)), hashSign(h)], `${token} N=${n}`).toEqual([index, sign]);
      }
    }
  });

  it('maps h = -2^31 to 2^31 mod N as FeatureHasher does', () => {
    expect(hashBucket(-2147483648, 1000)).toBe(2147483648 % 1000);
    expect(hashSign(-2147483648)).toBe(-1);
  });

  it('hashes a lone surrogate as U+FFFD, like TextEncoder', () => {
    expect(murmurHash3('a\ud800b')).toBe(murmurHash3('a\ufffdb'));
  });

  it('prefixes the column name in pipeline tokens', () => {
    expect(hashedToken('origin', 'JFK')).toBe('origin=JFK');
  });
});
