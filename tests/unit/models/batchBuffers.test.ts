import { describe, expect, it } from 'vitest';
import { BatchBuffers } from '../../../src/lib/models/tfjs/batchBuffers.ts';
import { createRng } from '../../../src/lib/random.ts';
import { denseMatrix } from '../../helpers/matrix.ts';

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('BatchBuffers.gather', () => {
  it('copies dense rows in the given order bit for bit, for every batch length mod 4, into a given buffer', () => {
    const rng = createRng(3);
    const cols = 3;
    const rows = Array.from({ length: 11 }, () =>
      Array.from({ length: cols }, () => 2 * rng.next() - 1),
    );
    rows[4]![1] = -0;
    rows[7]![2] = NaN;
    const features = denseMatrix(rows);
    const targets = Float32Array.from(rows, (_, r) => r);
    const order = Int32Array.from([10, 4, 7, 0, 9, 1, 8, 2, 6, 3, 5]);
    const dense = new Float32Array(8 * cols);
    const buffers = new BatchBuffers(cols, [], 8, dense);
    for (const [start, end] of [
      [0, 8],
      [8, 11],
      [1, 3],
      [2, 7],
    ] as const) {
      for (const by of [order, null]) {
        expect(buffers.gather(features, targets, undefined, by, start, end)).toBe(end - start);
        const batch = buffers.arrays(end - start);
        // Gathered into the buffer given, not a copy of it.
        expect(batch.x!.buffer).toBe(dense.buffer);
        const picked = Array.from({ length: end - start }, (_, i) =>
          by ? by[start + i]! : start + i,
        );
        const expected = Float32Array.from(picked.flatMap((r) => rows[r]!));
        expect(bits(batch.x!)).toEqual(bits(expected));
        expect(Array.from(batch.targets)).toEqual(picked);
      }
    }
  });
});
