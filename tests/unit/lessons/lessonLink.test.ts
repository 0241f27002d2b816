import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS, builtinLesson } from '../../../src/lib/lessons/builtinLessons.ts';
import { lessonLink, readLessonLink } from '../../../src/lib/lessons/lessonLink.ts';

const downsampling = builtinLesson('downsampling')!;

describe('lesson links', () => {
  it('open a lesson at its first step, or at step N counted from 1', () => {
    expect(readLessonLink('#lesson=downsampling', BUILTIN_LESSONS)).toEqual({
      kind: 'lesson',
      lesson: downsampling,
      stepIndex: 0,
    });
    expect(readLessonLink('lesson=downsampling&step=3', BUILTIN_LESSONS)).toMatchObject({
      kind: 'lesson',
      stepIndex: 2,
    });
  });

  it('round-trip through lessonLink', () => {
    for (let i = 0; i < downsampling.steps.length; i++) {
      expect(readLessonLink(lessonLink(downsampling, i), BUILTIN_LESSONS)).toMatchObject({
        stepIndex: i,
      });
    }
  });

  it('leave other hashes alone', () => {
    expect(readLessonLink('', BUILTIN_LESSONS)).toEqual({ kind: 'none' });
    expect(readLessonLink('#v1=abc', BUILTIN_LESSONS)).toEqual({ kind: 'none' });
  });

  it('name the problem and the lessons on offer for an unknown id or step', () => {
    const unknown = readLessonLink('#lesson=nope', BUILTIN_LESSONS);
    expect(unknown).toMatchObject({ kind: 'problem' });
    expect(unknown.kind === 'problem' && unknown.message).toContain('There is no lesson "nope"');
    expect(unknown.kind === 'problem' && unknown.message).toContain(downsampling.title);
    for (const step of ['0', '99', 'x', '1.5']) {
      const result = readLessonLink(`#lesson=downsampling&step=${step}`, BUILTIN_LESSONS);
      expect(result.kind === 'problem' && result.message).toMatch(/has steps 1 to \d+; step/);
    }
    expect(readLessonLink('#lesson=%E0%A4%A', BUILTIN_LESSONS)).toMatchObject({ kind: 'problem' });
  });
});
