import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { generateCtr } from '../../src/lib/data/synthetic.ts';
import { inspectDataset } from '../../src/lib/experiment/inspectDataset.ts';
import { BUILTIN_LESSONS } from '../../src/lib/lessons/builtinLessons.ts';
import { parseLesson, stepConfig, type Lesson } from '../../src/lib/lessons/lesson.ts';
import { ConfigState } from '../../src/state/ConfigState.svelte.ts';
import { LessonState } from '../../src/state/LessonState.svelte.ts';
import LessonDataControls from './LessonDataControls.svelte';
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

/** The split controls and the column table of a lesson step's config, on a small synthetic table. */
async function dataControls(lesson: Lesson, step: number): Promise<HTMLElement> {
  const lessons = lessonState();
  lessons.open(lesson, step);
  const config = new ConfigState();
  config.config = stepConfig(lesson, step);
  const table = generateCtr({ rows: 400, days: 7, missingRate: 0.05 }, 1);
  const view = inspectDataset(
    { key: 'test', imported: null, table, exclude: ['p_true'], excludedByDefault: [] },
    'click',
  );
  const root = mountChart(LessonDataControls, { lessons, config, dataset: { view, plan: null } });
  // The table draws a few rows per frame: wait for the last one (vi.waitFor's default 1 s is too
  // short when the DOM files share a loaded 2-core machine).
  await vi.waitFor(
    () => expect(root.querySelector('[aria-label="Use time as a feature"]')).not.toBeNull(),
    { timeout: 30_000 },
  );
  return root;
}

const labelled = (root: HTMLElement, label: string) =>
  root.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;

/** Disabled, aria-disabled and described by the "Locked by the lesson" line. */
function expectLocked(root: HTMLElement, input: HTMLInputElement, locked: boolean, what: string) {
  expect(disabled(input), what).toBe(locked);
  if (!locked) {
    expect(input.hasAttribute('aria-disabled'), what).toBe(false);
    return;
  }
  expect(input.getAttribute('aria-disabled'), what).toBe('true');
  const hint = root.querySelector(`[id="${input.getAttribute('aria-describedby')}"]`);
  expect(hint?.textContent, what).toBe('Locked by the lesson');
}

describe('the column table and split controls under a lesson', () => {
  const lesson = (id: string) => BUILTIN_LESSONS.find((l) => l.id === id)!;

  it('lock the encoding of the column whose hash buckets the step locks, and only it', async () => {
    const hashing = lesson('hashing');
    expect(hashing.steps[0]!.lock).toEqual(['features.columns.user_id.hashBuckets']);
    const root = await dataControls(hashing, 0);
    expect(labelled(root, 'Encoding of user_id').value).toBe('hashing');
    expectLocked(root, labelled(root, 'Encoding of user_id'), true, 'user_id encoding');
    expectLocked(root, labelled(root, 'Use user_id as a feature'), false, 'user_id use');
    expectLocked(root, labelled(root, 'Encoding of ad_id'), false, 'ad_id encoding');
    expectLocked(root, labelled(root, 'Missing values of ad_id'), false, 'ad_id missing');
  });

  it('lock a target encoding and its in-sample switch when the step locks the fit', async () => {
    const leakage = lesson('missing-leakage');
    expect(leakage.steps[1]!.lock).toEqual(['features.columns.ad_id.targetFit']);
    const root = await dataControls(leakage, 1);
    expectLocked(root, labelled(root, 'Encoding of ad_id'), true, 'ad_id encoding');
    const inSample = [...root.querySelectorAll<HTMLLabelElement>('label')].find((l) =>
      l.textContent?.includes('in-sample'),
    )!;
    expectLocked(root, inSample.querySelector('input')!, true, 'in-sample switch');
    expectLocked(root, labelled(root, 'Encoding of site_id'), false, 'site_id encoding');
  });

  it('lock a column’s missing-indicator switch, not its fill', async () => {
    const root = await dataControls(lesson('missing-leakage'), 0);
    const row = labelled(root, 'Missing values of user_engagement').closest('tr')!;
    const indicator = [...row.querySelectorAll<HTMLLabelElement>('label')]
      .find((l) => l.textContent?.includes('indicator'))!
      .querySelector('input')!;
    expectLocked(root, indicator, true, 'user_engagement indicator');
    expectLocked(root, labelled(root, 'Missing values of user_engagement'), false, 'fill');
  });

  it('lock and hide the split controls by their paths', async () => {
    const base = lesson('missing-leakage').base;
    const root = await dataControls(
      parseLesson({
        id: 'split-locks',
        title: 'Split locks',
        youWillSee: 'The split is fixed; its test share is hidden.',
        base,
        steps: [{ title: 'One', lock: ['data.split'], hide: ['data.split.test'] }],
      }),
      0,
    );
    for (const id of ['split-method', 'split-time', 'split-validation']) {
      expectLocked(root, control(root, id)!, true, id);
    }
    expect(control(root, 'split-test')).toBeNull();
    expect(control(root, 'split-time')!.value).toBe('time');
  });

  it('leave every data control usable with no lesson step locking it', async () => {
    const root = await dataControls(lesson('downsampling'), 0);
    for (const label of ['Encoding of user_id', 'Use ad_id as a feature', 'Scaling of time']) {
      expectLocked(root, labelled(root, label), false, label);
    }
    for (const id of ['split-method', 'split-test'])
      expectLocked(root, control(root, id)!, false, id);
    expect(root.textContent).not.toContain('Locked by the lesson');
  });
});
