import { describe, expect, it } from 'vitest';
import { parseLesson, stepConfig } from '../../../src/lib/lessons/lesson.ts';
import { rightChoice } from '../../../src/lib/lessons/reveal.ts';

const base = {
  seed: 3,
  data: { source: { synthetic: { kind: 'ctr', rows: 2000 } }, target: 'click', task: 'binary' },
  model: { family: 'logistic' },
};

function lesson(steps: unknown[]) {
  return { id: 'test', title: 'A test', youWillSee: 'Something.', base, steps };
}

const ask = {
  question: 'Where will the ratio land?',
  metric: 'calibrationRatio',
  choices: [
    { label: 'below 1', to: 0.9 },
    { label: 'about 1', from: 0.9, to: 1.1 },
    { label: 'above 1', from: 1.1 },
  ],
  expect: 1,
  why: 'Because.',
};

describe('parseLesson', () => {
  it('accepts a lesson and applies each step’s settings on top of the earlier ones', () => {
    const parsed = parseLesson(
      lesson([
        { title: 'One', set: { 'imbalance.negativeRate': 0.1, 'imbalance.recalibrate': false } },
        { title: 'Two', set: { 'imbalance.recalibrate': true }, run: 'config', ask },
      ]),
    );
    expect(stepConfig(parsed, 0).imbalance).toMatchObject({
      negativeRate: 0.1,
      recalibrate: false,
    });
    expect(stepConfig(parsed, 1).imbalance).toMatchObject({ negativeRate: 0.1, recalibrate: true });
  });

  it('names the field of an unknown key', () => {
    expect(() => parseLesson({ ...lesson([{ title: 'One' }]), tittle: 'x' })).toThrow(
      /Invalid lesson at tittle/,
    );
    expect(() => parseLesson(lesson([{ title: 'One', sya: 'hello' }]))).toThrow(
      /Invalid lesson at steps\.0\.sya/,
    );
  });

  it('names the step whose settings make an invalid config', () => {
    expect(() =>
      parseLesson(
        lesson([{ title: 'One' }, { title: 'Two', set: { 'imbalance.negativeRate': 2 } }]),
      ),
    ).toThrow(/Invalid lesson at steps\.1: Invalid config at imbalance\.negativeRate/);
  });

  it('checks every swept value before anything runs', () => {
    const sweep = { vary: { path: 'imbalance.negativeRate', values: [1, 0.1, 0] }, seeds: 2 };
    expect(() => parseLesson(lesson([{ title: 'One', run: sweep }]))).toThrow(
      /steps\.0\.run\.vary\.values\.2: Invalid config at imbalance\.negativeRate/,
    );
  });

  it('refuses a question with nothing to reveal, or with both choices and a guess', () => {
    expect(() => parseLesson(lesson([{ title: 'One', ask }]))).toThrow(
      /steps\.0\.ask: a question needs a run/,
    );
    const both = { ...ask, guess: { min: 0, max: 2, step: 0.1 } };
    expect(() => parseLesson(lesson([{ title: 'One', run: 'config', ask: both }]))).toThrow(
      /give either choices or guess/,
    );
  });

  it('refuses something that is not an object, and prototype keys in paths', () => {
    expect(() => parseLesson([])).toThrow(/one JSON object/);
    expect(() => parseLesson(lesson([{ title: 'One', set: { '__proto__.polluted': 1 } }]))).toThrow(
      /steps\.0\.set\.__proto__\.polluted/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('rightChoice', () => {
  it('picks the choice whose range holds the value, lower bound inclusive', () => {
    const parsed = parseLesson(lesson([{ title: 'One', run: 'config', ask }]));
    const question = parsed.steps[0]!.ask!;
    expect(rightChoice(question, 0.5)).toBe(0);
    expect(rightChoice(question, 0.9)).toBe(1);
    expect(rightChoice(question, 6.4)).toBe(2);
  });
});

describe('the built-in lessons', () => {
  it('are valid lessons with unique ids', async () => {
    const { BUILTIN_LESSONS } = await import('../../../src/lib/lessons/builtinLessons.ts');
    expect(BUILTIN_LESSONS.length).toBeGreaterThan(0);
    expect(new Set(BUILTIN_LESSONS.map((l) => l.id)).size).toBe(BUILTIN_LESSONS.length);
  });
});
