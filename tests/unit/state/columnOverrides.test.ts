import { describe, expect, it } from 'vitest';
import { columnOverrideOf, withColumnOverride } from '../../../src/state/columnOverrides.ts';

describe('withColumnOverride', () => {
  it('merges one column and leaves the others as they were', () => {
    const first = withColumnOverride(undefined, 'origin', { categorical: 'hashing' });
    const second = withColumnOverride(first, 'origin', { hashBuckets: 64 });
    const third = withColumnOverride(second, 'dest', { drop: true });
    expect(third).toEqual({
      origin: { categorical: 'hashing', hashBuckets: 64 },
      dest: { drop: true },
    });
    expect(first).toEqual({ origin: { categorical: 'hashing' } });
  });

  it('keeps column names such as __proto__ and constructor as plain keys', () => {
    const overrides = withColumnOverride(
      withColumnOverride(undefined, '__proto__', { drop: true }),
      'constructor',
      { missing: 'mean' },
    );
    expect(Object.keys(overrides)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(overrides)).toBeNull();
    expect(columnOverrideOf(overrides, '__proto__')).toEqual({ drop: true });
    expect(columnOverrideOf({}, 'toString')).toEqual({});
    expect(({} as Record<string, unknown>).drop).toBeUndefined();
  });
});
