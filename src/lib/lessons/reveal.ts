import { deviation, mean } from 'd3-array';
import { readSplitMetric } from '../catalog/metrics.ts';
import type { RunResult, SplitMetrics } from '../experiment/result.ts';
import type { LessonAsk } from './lesson.ts';

/**
 * What a step reveals once its run is done: the measured value (the mean across seeds for a
 * sweep, with its sample standard deviation), which choice it makes right, and what the learner
 * said. The numbers come from the run, never from the lesson file.
 */
export interface LessonReveal {
  value: number;
  /** Sample sd across seeds (sweeps of two or more seeds); null for one run. */
  sd: number | null;
  seeds: number;
  /** The knob value read for a sweep; null for one run. */
  at: number | string | boolean | null;
  /** Index of the right choice, -1 when none covers the value; null for a numeric guess. */
  right: number | null;
  /** The learner's choice index or guess. */
  answer: number | null;
}

/**
 * A figure of one run by key: a metric of `split` (default the test split), else a latency,
 * model-size or timing figure.
 */
export function runFigure(
  result: Pick<RunResult, 'metrics' | 'latency' | 'model' | 'trainMs'>,
  key: string,
  split: 'test' | 'validation' = 'test',
): number | null {
  const metric = readSplitMetric(result.metrics[split], key);
  if (metric !== null) return metric;
  const figure =
    (result.latency as unknown as Record<string, unknown>)[key] ??
    (result.model as unknown as Record<string, unknown>)[key] ??
    (key === 'trainMs' ? result.trainMs : undefined);
  return typeof figure === 'number' && Number.isFinite(figure) ? figure : null;
}

/** The right choice for a revealed value: the one whose [from, to) range holds it, else -1. */
export function rightChoice(ask: LessonAsk, value: number): number {
  return (ask.choices ?? []).findIndex(
    (c) => (c.from === undefined || value >= c.from) && (c.to === undefined || value < c.to),
  );
}

/** The reveal of a step that ran one config. */
export function revealRun(ask: LessonAsk, result: RunResult, answer: number | null): LessonReveal {
  const value = runFigure(result, ask.metric, ask.split);
  if (value === null) throw new Error(`This run has no ${ask.metric} to reveal.`);
  return reveal(ask, value, null, 1, null, answer);
}

/** The parts of a sweep result a reveal reads (docs/design.md "Sweeps and uncertainty"). */
export interface SweepSummaryView {
  seeds: number;
  points: readonly {
    value: unknown;
    summary: Readonly<Record<string, { mean: number | null; sd: number | null }>>;
    /** Each seed's metrics: read when the question is on the validation split (summaries hold test metrics). */
    runs?: readonly { metrics: { validation: SplitMetrics } }[];
  }[];
}

/** The reveal of a step that ran a sweep: the mean and sd across seeds at `ask.at` (default: the last point). */
export function revealSweep(
  ask: LessonAsk,
  sweep: SweepSummaryView,
  answer: number | null,
): LessonReveal {
  const point =
    ask.at === undefined ? sweep.points.at(-1) : sweep.points.find((p) => p.value === ask.at);
  const figure =
    ask.split === 'validation'
      ? point && validationFigure(point.runs ?? [], ask.metric)
      : point?.summary[ask.metric];
  if (!point || figure?.mean === null || figure?.mean === undefined) {
    throw new Error(`This sweep has no ${ask.metric} at ${String(ask.at ?? 'its last point')}.`);
  }
  const at = point.value as LessonReveal['at'];
  return reveal(ask, figure.mean, figure.sd, sweep.seeds, at, answer);
}

/** Mean and sample sd across seeds of a validation metric (null when any seed lacks it). */
function validationFigure(
  runs: readonly { metrics: { validation: SplitMetrics } }[],
  key: string,
): { mean: number | null; sd: number | null } {
  const values = runs.map((run) => readSplitMetric(run.metrics.validation, key));
  if (values.length === 0 || values.includes(null)) return { mean: null, sd: null };
  return { mean: mean(values as number[]) ?? null, sd: deviation(values as number[]) ?? null };
}

function reveal(
  ask: LessonAsk,
  value: number,
  sd: number | null,
  seeds: number,
  at: LessonReveal['at'],
  answer: number | null,
): LessonReveal {
  return { value, sd, seeds, at, right: ask.choices ? rightChoice(ask, value) : null, answer };
}
