import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { builtinLesson } from '../../../src/lib/lessons/builtinLessons.ts';
import { LessonState, type LessonRunner } from '../../../src/state/LessonState.svelte.ts';
import { makeRun } from '../../unit/experiment/runFixture.ts';

/** A runner that records what the lesson showed and ran, answering with `result`. */
function recordingRunner(result: () => Promise<RunResult | null>) {
  const shown: ExperimentConfig[] = [];
  const ran: ExperimentConfig[] = [];
  const runner: LessonRunner = {
    show: (config) => void shown.push(config),
    runConfig: (config) => {
      ran.push(config);
      return result();
    },
    runSweep: () => Promise.resolve(null),
  };
  return { runner, shown, ran };
}

const lesson = builtinLesson('downsampling')!;
const result = makeRun(1, 'Run 1').result;

describe('LessonState', () => {
  it('shows the step’s setup, runs it only once answered, then reveals the measured figure', async () => {
    const { runner, shown, ran } = recordingRunner(() => Promise.resolve(result));
    const state = new LessonState(runner);
    state.open(lesson);
    expect(shown).toHaveLength(1);
    expect(state.access('imbalance.negativeRate')).toBe('locked');
    await state.run();
    expect(ran).toHaveLength(0);
    state.choice = 1;
    await state.run();
    expect(ran).toEqual([shown[0]]);
    expect(state.status).toBe('revealed');
    expect(state.reveal?.answer).toBe(1);
    if (result.metrics.test.task !== 'binary') throw new Error('a binary run');
    expect(state.reveal?.value).toBe(result.metrics.test.calibrationRatio);
  });

  it('goes back to ready without a reveal when the run fails, and says why when it throws', async () => {
    let answer: () => Promise<RunResult | null> = () => Promise.resolve(null);
    const { runner } = recordingRunner(() => answer());
    const state = new LessonState(runner);
    state.open(lesson);
    state.choice = 0;
    await state.run();
    expect([state.status, state.reveal]).toEqual(['ready', null]);
    answer = () => Promise.reject(new Error('The engine crashed'));
    await state.run();
    expect([state.status, state.problem]).toEqual(['ready', 'The engine crashed']);
  });
});
