import * as v from 'valibot';
import { ConfigError, parseConfig, type ExperimentConfig } from '../experiment/config.ts';
import { withConfigPath } from '../experiment/configPath.ts';

/**
 * A lesson: a title, a "you will see" line, a base config and ordered steps that say something,
 * set config fields, lock or hide controls, run one config or a sweep, and ask before they reveal.
 * Lessons are data (JSON files a teacher can write); every one passes parseLesson before use, so a
 * bad file gets a message naming the field, and every config a step would run is validated up
 * front rather than failing halfway through a class.
 */

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

/** A choice is right when the revealed value v satisfies from <= v < to (either bound optional). */
const ChoiceSchema = v.strictObject({
  label: text(80),
  from: v.optional(v.number()),
  to: v.optional(v.number()),
});

const AskSchema = v.strictObject({
  question: text(300),
  /** The metric whose value decides the answer (a key of the result's metrics). */
  metric: text(40),
  /**
   * The split the metric is read on; default 'test'. 'validation' is for a lesson about leakage,
   * where the validation score is the one that misleads.
   */
  split: v.optional(v.picklist(['test', 'validation'])),
  /** Multiple choice: the value decides which is right. */
  choices: v.optional(v.pipe(v.array(ChoiceSchema), v.minLength(2), v.maxLength(5))),
  /** A numeric guess instead of choices: the answer is the value itself. */
  guess: v.optional(
    v.strictObject({ min: v.number(), max: v.number(), step: v.pipe(v.number(), v.gtValue(0)) }),
  ),
  /**
   * The choice (index) the lesson teaches is right. Never shown before the reveal, which reads the
   * run's own numbers; a test runs every built-in lesson and checks the two agree.
   */
  expect: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** One sentence of why, shown with the numbers once revealed. */
  why: text(400),
  /** For a sweep step: the knob value whose mean across seeds is revealed; default the last. */
  at: v.optional(v.union([v.number(), v.string(), v.boolean()])),
});

const SweepRunSchema = v.strictObject({
  vary: v.strictObject({
    path: text(80),
    values: v.pipe(
      v.array(v.union([v.number(), v.string(), v.boolean()])),
      v.minLength(2),
      v.maxLength(12),
    ),
  }),
  seeds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)), 3),
});

const StepSchema = v.strictObject({
  title: text(80),
  say: v.optional(text(1200)),
  /** Config fields by dotted path, applied on top of the base and every earlier step's. */
  set: v.optional(v.record(v.string(), v.unknown())),
  /** Controls (config paths) the learner cannot change in this step; the rest stay usable. */
  lock: v.optional(v.array(text(80))),
  /** Controls (config paths) hidden in this step. */
  hide: v.optional(v.array(text(80))),
  run: v.optional(v.union([v.literal('config'), SweepRunSchema])),
  ask: v.optional(AskSchema),
});

export const LessonSchema = v.strictObject({
  /** An editor's pointer to schema/lesson.schema.json; ignored. */
  $schema: v.optional(v.string()),
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'an id is lower-case letters, digits and dashes'),
  ),
  title: text(100),
  youWillSee: text(300),
  base: v.record(v.string(), v.unknown()),
  steps: v.pipe(v.array(StepSchema), v.minLength(1), v.maxLength(30)),
});

export type Lesson = v.InferOutput<typeof LessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonAsk = NonNullable<LessonStep['ask']>;
export type LessonSweepRun = Exclude<NonNullable<LessonStep['run']>, 'config'>;

export class LessonError extends Error {
  override name = 'LessonError';
}

/** Validates unknown input (a built-in file or a teacher's upload) into a lesson; errors name the field. */
export function parseLesson(input: unknown): Lesson {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new LessonError('A lesson file must hold one JSON object.');
  }
  const result = v.safeParse(LessonSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
    throw new LessonError(`Invalid lesson at ${path}: ${issue.message}`);
  }
  const lesson = result.output;
  lesson.steps.forEach((step, i) => checkStep(lesson, i, step));
  return lesson;
}

function checkStep(lesson: Lesson, index: number, step: LessonStep): void {
  const where = `steps.${index}`;
  const config = stepConfig(lesson, index);
  if (step.ask) {
    if ((step.ask.choices === undefined) === (step.ask.guess === undefined)) {
      throw new LessonError(`Invalid lesson at ${where}.ask: give either choices or guess`);
    }
    if (step.run === undefined) {
      throw new LessonError(`Invalid lesson at ${where}.ask: a question needs a run to reveal`);
    }
    const { choices, expect } = step.ask;
    if (choices && (expect === undefined || expect >= choices.length)) {
      throw new LessonError(
        `Invalid lesson at ${where}.ask.expect: name the choice the lesson teaches (0 to ${choices.length - 1})`,
      );
    }
  }
  if (step.run && step.run !== 'config') {
    const { path, values } = step.run.vary;
    values.forEach((value, j) => {
      try {
        parseConfig(withConfigPath(config, path, value));
      } catch (error) {
        throw new LessonError(
          `Invalid lesson at ${where}.run.vary.values.${j}: ${error instanceof Error ? error.message : error}`,
        );
      }
    });
    const at = step.ask?.at;
    if (at !== undefined && !values.includes(at)) {
      throw new LessonError(
        `Invalid lesson at ${where}.ask.at: ${at} is not one of the swept values`,
      );
    }
  }
}

/**
 * The config of step `index`: the base with every `set` up to and including that step applied.
 * Throws a LessonError naming the step and path when the result is not a valid config.
 */
export function stepConfig(lesson: Lesson, index: number): ExperimentConfig {
  let input: unknown = lesson.base;
  for (let i = 0; i <= index; i++) {
    for (const [path, value] of Object.entries(lesson.steps[i]?.set ?? {})) {
      try {
        input = withConfigPath(input, path, value);
      } catch (error) {
        throw new LessonError(
          `Invalid lesson at steps.${i}.set.${path}: ${(error as Error).message}`,
        );
      }
    }
  }
  try {
    return parseConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const where = index === 0 && !lesson.steps[0]?.set ? 'base' : `steps.${index}`;
    throw new LessonError(`Invalid lesson at ${where}: ${error.message}`);
  }
}
