import { describe, expect, it } from 'vitest';
import { settingLabel } from '../../../src/lib/catalog/settings.ts';
import { knobFor } from '../../../src/lib/experiment/sweepKnobs.ts';
import { BUILTIN_LESSONS } from '../../../src/lib/lessons/builtinLessons.ts';

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
    expect(settingLabel('evaluation.k')).toBe('evaluation.k');
  });

  it('names every knob a built-in lesson sweeps in words, not as its config path', () => {
    const swept = BUILTIN_LESSONS.flatMap((lesson) =>
      lesson.steps.flatMap((step) =>
        step.run && step.run !== 'config' ? [step.run.vary.path] : [],
      ),
    );
    expect(swept).toContain('evaluation.deploymentBaseRate');
    for (const path of swept) expect(knobFor(path).label, path).not.toBe(path);
    expect(settingLabel('evaluation.deploymentBaseRate')).toBe('Deployment base rate');
  });
});
