import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/features/hashing.json';
import { encodeText, fitText, textNgrams } from '../../../src/lib/features/textTfidf.ts';
import { resolveColumnSpec } from '../../../src/lib/features/spec.ts';

const { column, buckets, train, test, ngrams, idf, trainX, testX } = fixture.tfidf;

describe('hashed TF-IDF text features', () => {
  it("tokenizes into unigrams and bigrams as scikit-learn's word analyzer", () => {
    train.concat(test).forEach((doc, i) => expect(textNgrams(doc).slice()).toEqual(ngrams[i]));
  });

  it('matches HashingVectorizer + TfidfTransformer on train and test documents', () => {
    const spec = resolveColumnSpec({ default: { textBuckets: buckets } }, column);
    const rows = Int32Array.from(train, (_, i) => i);
    const f = fitText(column, train, rows, spec, 0);
    f.idf.forEach((v, b) => expect(v, `idf ${b}`).toBeCloseTo(idf[b]!, 10));
    const check = (docs: string[], expected: number[][]): void => {
      docs.forEach((doc, i) => {
        const x = new Float32Array(buckets);
        encodeText(f, doc, x, 0);
        x.forEach((v, b) => expect(v, `"${doc}" bucket ${b}`).toBeCloseTo(expected[i]![b]!, 6));
      });
    };
    check(train, trainX);
    check(test, testX);
  });

  it('gives a missing text an all-zero row and its indicator', () => {
    const spec = resolveColumnSpec({ default: { textBuckets: 4, indicator: true } }, 'note');
    const f = fitText('note', ['a b'], Int32Array.of(0), spec, 0);
    const x = new Float32Array(5);
    encodeText(f, null, x, 0);
    expect(Array.from(x)).toEqual([0, 0, 0, 0, 1]);
  });
});
