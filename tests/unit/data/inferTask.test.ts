import { describe, expect, it } from 'vitest';
import { inferTask, MAX_NUMERIC_CLASSES } from '../../../src/lib/data/inferTask.ts';

describe('inferTask', () => {
  it('makes any two-valued column a binary target', () => {
    expect(inferTask('boolean', 2)).toBe('binary');
    expect(inferTask('categorical', 2)).toBe('binary');
    expect(inferTask('numeric', 2)).toBe('binary');
  });

  it('makes a numeric column with many values a regression, with few a multi-class target', () => {
    expect(inferTask('numeric', MAX_NUMERIC_CLASSES + 1)).toBe('regression');
    expect(inferTask('numeric', MAX_NUMERIC_CLASSES)).toBe('multiclass');
    expect(inferTask('numeric', 3)).toBe('multiclass');
  });

  it('keeps categories classes however many there are', () => {
    expect(inferTask('categorical', 3)).toBe('multiclass');
    expect(inferTask('categorical', 500)).toBe('multiclass');
  });
});
