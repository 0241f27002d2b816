import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS } from '../../src/lib/lessons/builtinLessons.ts';
import { parseLesson } from '../../src/lib/lessons/lesson.ts';
import { LessonState } from '../../src/state/LessonState.svelte.ts';
import LessonFields from './LessonFields.svelte';
import { mountChart } from './mountChart.ts';

/** Nothing runs here: only the step's locks and hides are read. */
function lessonState(): LessonState {
  const never = () => Promise.reject(new Error('no run in this test'));
  return new LessonState({ show: () => {}, runConfig: never, runSweep: never });
}

const control = (root: HTMLElement, id: string) => root.querySelector<HTMLInputElement>(`#${id}`);

/**
 * Disabled by itself or by a disabled fieldset around it (HTML: a disabled fieldset disables its
 * controls; happy-dom does not carry that to `:disabled`, Chromium does: tests/e2e/lessons.test.ts).
 */
function disabled(input: HTMLInputElement): boolean {
  return input.matches(':disabled') || input.closest('fieldset[disabled]') !== null;
}

describe('fields under a lesson', () => {
  it('are usable with no lesson open', () => {
    const root = mountChart(LessonFields, { lessons: lessonState() });
    for (const id of ['negative-rate', 'recalibrate', 'trees', 'epochs']) {
      expect(disabled(control(root, id)!), id).toBe(false);
    }
    expect(root.textContent).not.toContain('Locked by the lesson');
  });

  it('disable the controls a built-in step locks and say why, the rest untouched', () => {
    const lessons = lessonState();
    const downsampling = BUILTIN_LESSONS.find((l) => l.id === 'downsampling')!;
    const root = mountChart(LessonFields, { lessons });
    lessons.open(downsampling);
    flushSync();
    expect(downsampling.steps[0]!.lock).toEqual([
      'imbalance.negativeRate',
      'imbalance.recalibrate',
    ]);
    for (const id of ['negative-rate', 'recalibrate']) {
      const input = control(root, id)!;
      expect(disabled(input), id).toBe(true);
      expect(input.getAttribute('aria-disabled')).toBe('true');
      const hint = root.querySelector(`#${input.getAttribute('aria-describedby')}`);
      expect(hint?.textContent).toBe('Locked by the lesson');
    }
    expect(disabled(control(root, 'trees')!)).toBe(false);
    expect(control(root, 'trees')!.hasAttribute('aria-disabled')).toBe(false);
  });

  it('leave out a hidden control and lock every setting under a locked block', () => {
    const lessons = lessonState();
    const root = mountChart(LessonFields, { lessons });
    const base = BUILTIN_LESSONS.find((l) => l.id === 'downsampling')!.base;
    lessons.open(
      parseLesson({
        id: 'hide-and-lock',
        title: 'Hide and lock',
        youWillSee: 'Only the epochs stay usable.',
        base,
        steps: [{ title: 'One', hide: ['model.trees'], lock: ['imbalance'] }, { title: 'Two' }],
      }),
    );
    flushSync();
    expect(control(root, 'trees')).toBeNull();
    expect(root.textContent).not.toContain('Trees');
    expect(disabled(control(root, 'negative-rate')!)).toBe(true);
    expect(disabled(control(root, 'recalibrate')!)).toBe(true);
    expect(disabled(control(root, 'epochs')!)).toBe(false);

    // The next step locks and hides nothing: every control is back and usable.
    lessons.goTo(1);
    flushSync();
    for (const id of ['negative-rate', 'recalibrate', 'trees', 'epochs']) {
      expect(disabled(control(root, id)!), id).toBe(false);
      expect(control(root, id)!.hasAttribute('aria-disabled'), id).toBe(false);
    }
  });
});
