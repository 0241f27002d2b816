import type { ExperimentConfig } from '../lib/experiment/config.ts';
import type { RunResult } from '../lib/experiment/result.ts';
import { controlAccess, type ControlAccess } from '../lib/lessons/controlAccess.ts';
import { stepConfig, type Lesson } from '../lib/lessons/lesson.ts';
import {
  revealRun,
  revealSweep,
  type LessonReveal,
  type SweepSummaryView,
} from '../lib/lessons/reveal.ts';

/** What a lesson step needs from the rest of the app: show a setup, run it, or sweep a knob. */
export interface LessonRunner {
  /** Puts a config in the controls, so the learner sees the setup the step uses. */
  show(config: ExperimentConfig): void;
  /** Runs one config like the Train button; null when it failed or was cancelled (the app says why). */
  runConfig(config: ExperimentConfig): Promise<RunResult | null>;
  /** Runs a sweep like the Sweep button; null when it failed or was cancelled. */
  runSweep(sweep: {
    base: ExperimentConfig;
    vary: { path: string; values: unknown[] };
    seeds: number;
  }): Promise<SweepSummaryView | null>;
}

/**
 * The open lesson, its step, the learner's answer and the reveal. A step that asks is answered
 * before its run starts; the numbers are shown only after the run, from the run itself.
 */
export class LessonState {
  lesson = $state.raw<Lesson | null>(null);
  stepIndex = $state(0);
  /** The learner's choice (an index) before the reveal. */
  choice = $state<number | null>(null);
  /** The learner's numeric guess before the reveal. */
  guess = $state<number | null>(null);
  status = $state<'ready' | 'running' | 'revealed'>('ready');
  reveal = $state.raw<LessonReveal | null>(null);
  /** A lesson file or link that could not be opened, or a step that could not run, in plain words. */
  problem = $state<string | null>(null);

  step = $derived(this.lesson?.steps[this.stepIndex] ?? null);
  /** Whether the control of a config path is usable, locked or hidden in the open step. */
  access(path: string): ControlAccess {
    return controlAccess(path, this.step);
  }
  answered = $derived(
    !this.step?.ask || (this.step.ask.choices ? this.choice !== null : this.guess !== null),
  );

  #runner: LessonRunner;

  constructor(runner: LessonRunner) {
    this.#runner = runner;
  }

  open(lesson: Lesson, stepIndex = 0): void {
    this.lesson = lesson;
    this.problem = null;
    this.status = 'ready';
    this.goTo(stepIndex);
  }

  close(): void {
    this.lesson = null;
    this.reveal = null;
    this.status = 'ready';
  }

  /** Moves to a step (not while its run is going) and shows its setup. */
  goTo(index: number): void {
    const lesson = this.lesson;
    if (!lesson || this.status === 'running') return;
    this.stepIndex = Math.max(0, Math.min(index, lesson.steps.length - 1));
    this.choice = null;
    this.guess = null;
    this.reveal = null;
    this.status = 'ready';
    this.#runner.show(stepConfig(lesson, this.stepIndex));
  }

  /** Runs the step once the learner has answered, then reveals the measured numbers. */
  async run(): Promise<void> {
    const { lesson, step } = this;
    if (!lesson || !step?.run || !this.answered || this.status === 'running') return;
    const config = stepConfig(lesson, this.stepIndex);
    const answer = step.ask?.choices ? this.choice : this.guess;
    this.status = 'running';
    this.problem = null;
    try {
      if (step.run === 'config') {
        const result = await this.#runner.runConfig(config);
        if (result === null) return void (this.status = 'ready');
        this.reveal = step.ask ? revealRun(step.ask, result, answer) : null;
      } else {
        const sweep = await this.#runner.runSweep({ base: config, ...step.run });
        if (sweep === null) return void (this.status = 'ready');
        this.reveal = step.ask ? revealSweep(step.ask, sweep, answer) : null;
      }
      this.status = 'revealed';
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      this.status = 'ready';
    }
  }
}
