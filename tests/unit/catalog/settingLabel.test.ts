import { describe, expect, it } from 'vitest';
import { settingLabel } from '../../../src/lib/catalog/settings.ts';

describe('settingLabel', () => {
  it('reads the catalog, naming the column of a per-column feature path', () => {
    expect(settingLabel('model.trees')).toBe('Trees');
    expect(settingLabel('features.default.hashBuckets')).toBe('Hash buckets');
    expect(settingLabel('features.columns.user_id.hashBuckets')).toBe('Hash buckets (user_id)');
  });

  it('falls back to the key and column, or the path, where the catalog has no entry', () => {
    expect(settingLabel('features.columns.user_engagement.indicator')).toBe(
      'indicator (user_engagement)',
    );
    expect(settingLabel('evaluation.deploymentBaseRate')).toBe('evaluation.deploymentBaseRate');
  });
});
