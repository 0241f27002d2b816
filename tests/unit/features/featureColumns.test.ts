import { describe, expect, it } from 'vitest';
import { isFeatureColumn, selectFeatureColumns } from '../../../src/lib/features/featureColumns.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';

const spec: FeatureSpec = {
  default: {},
  columns: { dropped: { drop: true }, user_id: { drop: false }, p_true: { drop: false } },
};
const exclusions = { never: ['clicked', 'p_true'], byDefault: ['user_id', 'row_id'] };

describe('isFeatureColumn', () => {
  it('keeps a plain column and leaves out one the spec drops', () => {
    expect(isFeatureColumn(spec, 'age', exclusions)).toBe(true);
    expect(isFeatureColumn(spec, 'dropped', exclusions)).toBe(false);
  });

  it('never uses the target or an excluded column, whatever the spec says', () => {
    expect(isFeatureColumn(spec, 'clicked', exclusions)).toBe(false);
    expect(isFeatureColumn(spec, 'p_true', exclusions)).toBe(false);
  });

  it('leaves out id-like columns unless the spec opts them in with drop: false', () => {
    expect(isFeatureColumn(spec, 'row_id', exclusions)).toBe(false);
    expect(isFeatureColumn(spec, 'user_id', exclusions)).toBe(true);
  });
});

describe('selectFeatureColumns', () => {
  it('takes the table columns in order that the rule keeps', () => {
    const numeric = (name: string) => ({
      kind: 'numeric' as const,
      name,
      values: new Float64Array(1),
    });
    const table = {
      rowCount: 1,
      columns: ['clicked', 'age', 'dropped', 'p_true', 'income'].map(numeric),
    };
    const selected = selectFeatureColumns(table, spec, 'clicked', ['p_true']);
    expect(selected.map((c) => c.column.name)).toEqual(['age', 'income']);
  });
});
