import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLUMN_TRANSFORM,
  columnOverride,
  resolveColumnSpec,
  type FeatureSpec,
} from '../../../src/lib/features/spec.ts';

describe('feature spec', () => {
  it('exports the documented defaults', () => {
    expect(DEFAULT_COLUMN_TRANSFORM).toMatchObject({
      numeric: 'standardize',
      quantileBins: 10,
      categorical: 'onehot',
      topK: 50,
      minFrequency: 1,
      hashBuckets: 1024,
      dim: 8,
      missing: 'median',
      indicator: false,
    });
  });

  it('layers defaults, spec.default and the column override', () => {
    const spec: FeatureSpec = {
      default: { numeric: 'minmax', topK: 5 },
      columns: {
        origin: { categorical: 'embedding', dim: 16, topK: undefined },
        date: { drop: true },
      },
    };
    expect(resolveColumnSpec(spec, 'origin')).toMatchObject({
      numeric: 'minmax',
      categorical: 'embedding',
      dim: 16,
      topK: 5,
      hashBuckets: 1024,
    });
    expect(columnOverride(spec, 'date')?.drop).toBe(true);
    expect(columnOverride(spec, 'origin')?.drop).toBe(undefined);
  });

  it('never resolves a column override through Object.prototype', () => {
    const spec = JSON.parse(
      '{"default":{},"columns":{"__proto__":{"drop":true,"numeric":"log1p"}}}',
    ) as FeatureSpec;
    expect(columnOverride(spec, 'toString')?.drop).toBe(undefined);
    expect(columnOverride(spec, 'constructor')).toBeUndefined();
    expect(resolveColumnSpec(spec, 'hasOwnProperty').numeric).toBe('standardize');
    // JSON.parse makes "__proto__" an own key: a column literally named so gets its override.
    expect(columnOverride(spec, '__proto__')?.drop).toBe(true);
    expect(({} as Record<string, unknown>)['drop']).toBeUndefined();
  });
});
