import { deviation, mean } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { readSplitMetric } from '../../../src/lib/catalog/metrics.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import type { SweepResult } from '../../../src/lib/experiment/runSweep.ts';
import { withConfigPath } from '../../../src/lib/experiment/configPath.ts';
import { BUILTIN_LESSONS } from '../../../src/lib/lessons/builtinLessons.ts';
import { stepConfig, type Lesson } from '../../../src/lib/lessons/lesson.ts';
import { revealRun, revealSweep, runFigure } from '../../../src/lib/lessons/reveal.ts';
import { nodeEngine } from '../../helpers/engine.ts';

/**
 * Every built-in lesson, run as a class would run it (same configs, sweeps and seeds, on the cpu
 * backend): each question's revealed number makes the lesson's taught choice right, and a sweep's
 * answer holds for the whole seed band (mean ± 1 sd inside the choice), so noise cannot flip it.
 */
const engine = nodeEngine();
let nextId = 1;

/** What one asking step ran: a single run or a sweep. */
interface StepOutcome {
  run?: RunResult;
  sweep?: SweepResult;
}

/**
 * Step `index` of a lesson, run once per test file however many tests read it (keyed by what it
 * runs, so two steps running the same sweep share it): every test asks for the steps it needs, so
 * each stands alone, and none trains twice.
 */
const outcomes = new Map<string, Promise<StepOutcome>>();
function runStep(lesson: Lesson, index: number): Promise<StepOutcome> {
  const key = JSON.stringify([stepConfig(lesson, index), lesson.steps[index]!.run]);
  let outcome = outcomes.get(key);
  if (outcome === undefined) {
    outcome = trainStep(lesson, index);
    outcomes.set(key, outcome);
  }
  return outcome;
}

async function trainStep(lesson: Lesson, index: number): Promise<StepOutcome> {
  const step = lesson.steps[index]!;
  const config = { ...stepConfig(lesson, index), backend: 'cpu' as const };
  if (step.run === 'config') {
    const outcome = await engine.train(nextId++, config);
    if (!outcome.ok) throw new Error(outcome.message);
    return { run: outcome.value };
  }
  const outcome = await engine.sweep(nextId++, { base: config, ...step.run! });
  if (!outcome.ok) throw new Error(outcome.message);
  return { sweep: outcome.value };
}

const lessonById = (id: string) => BUILTIN_LESSONS.find((l) => l.id === id)!;
/** The sweep of the lesson's first step that varies `path` (after `from`, when given). */
async function sweepOf(lesson: Lesson, path: string, from = 0): Promise<SweepResult> {
  const index = lesson.steps.findIndex(
    (s, i) => i >= from && s.run !== undefined && s.run !== 'config' && s.run.vary.path === path,
  );
  return (await runStep(lesson, index)).sweep!;
}
const summaryAt = (sweep: SweepResult, value: unknown) =>
  sweep.points.find((p) => p.value === value)!.summary;

describe.each(BUILTIN_LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_, lesson) => {
  const asking = lesson.steps.flatMap((step, i) => (step.ask && step.run ? [i] : []));
  it.each(asking)('reveals numbers that make step %i’s taught answer right', async (index) => {
    const ask = lesson.steps[index]!.ask!;
    const { run, sweep } = await runStep(lesson, index);
    const reveal = run ? revealRun(ask, run, null) : revealSweep(ask, sweep!, null);
    if (!ask.choices) return;
    expect(reveal.right, `revealed ${reveal.value}`).toBe(ask.expect);
    const choice = ask.choices[ask.expect!]!;
    const sd = reveal.sd ?? 0;
    expect(reveal.value - sd, 'low end of the seed band').toBeGreaterThanOrEqual(
      choice.from ?? -Infinity,
    );
    expect(reveal.value + sd, 'high end of the seed band').toBeLessThan(choice.to ?? Infinity);
  });
});

describe('the downsampling lesson’s ranking claim', () => {
  it('keeps the mean AUC at w = 0.1 inside the seed band of w = 1', async () => {
    const lesson = lessonById('downsampling');
    const index = lesson.steps.findIndex((s) => s.set?.['imbalance.recalibrate'] === true);
    const sweep = (await runStep(lesson, index)).sweep!;
    const at = (w: number) => summaryAt(sweep, w)['rocAuc']!;
    const full = at(1);
    expect(Math.abs(at(0.1).mean! - full.mean!)).toBeLessThan(full.sd!);
  });
});

describe('the model-size lesson’s closing claims', () => {
  const lesson = lessonById('model-size');
  const logistic = async () => (await runStep(lesson, 0)).run!;
  const trees = async (n: number) => summaryAt(await sweepOf(lesson, 'model.trees'), n);

  it('makes the 100-tree model about ten times the logistic one’s bytes', async () => {
    const ratio = (await trees(100))['bytes']!.mean! / runFigure(await logistic(), 'bytes')!;
    expect(ratio).toBeGreaterThan(7);
    expect(ratio).toBeLessThan(14);
  });

  it('makes the 32-unit network larger than the whole bytes band of 100 trees', async () => {
    const network = (await runStep(lesson, 2)).run!;
    const hundred = (await trees(100))['bytes']!;
    expect(runFigure(network, 'bytes')!).toBeGreaterThan(hundred.mean! + hundred.sd!);
  });

  it('puts the whole AUC band of 5 trees below the logistic model', async () => {
    const five = (await trees(5))['rocAuc']!;
    expect(five.mean! + five.sd!).toBeLessThan(runFigure(await logistic(), 'rocAuc')!);
  });
});

describe('the prior-shift lesson’s ranking claim', () => {
  const lesson = lessonById('prior-shift');

  it('leaves the AUC of every seed unchanged by each correction', async () => {
    const sweep = await sweepOf(lesson, 'evaluation.priorCorrection');
    const auc = sweep.points.map((p) =>
      p.runs.map((r) => readSplitMetric(r.metrics.test, 'rocAuc')),
    );
    expect(auc[1]).toEqual(auc[0]);
    expect(auc[2]).toEqual(auc[0]);
  });

  it('keeps the mean AUC at every deployment rate inside the seed band of no shift', async () => {
    const points = (await sweepOf(lesson, 'evaluation.deploymentBaseRate')).points;
    const unshifted = points.find((p) => p.value === 0.1)!.summary['rocAuc']!;
    for (const point of points) {
      const auc = point.summary['rocAuc']!;
      expect(Math.abs(auc.mean! - unshifted.mean!), `at ${point.value}`).toBeLessThan(
        unshifted.sd!,
      );
    }
  });
});

describe('the hashing lesson’s closing claims', () => {
  const lesson = lessonById('hashing');
  const buckets = async (n: number) =>
    summaryAt(await sweepOf(lesson, 'features.columns.user_id.hashBuckets'), n);

  it('lifts the AUC from 16 to 1,024 buckets clear of both seed bands', async () => {
    const few = (await buckets(16))['rocAuc']!;
    const many = (await buckets(1024))['rocAuc']!;
    expect(few.mean! + few.sd!).toBeLessThan(many.mean! - many.sd!);
  });

  it('keeps the AUC at 4,096 buckets inside the seed band of 1,024 while bytes grow fourfold', async () => {
    const auc = (await buckets(1024))['rocAuc']!;
    expect(Math.abs((await buckets(4096))['rocAuc']!.mean! - auc.mean!)).toBeLessThan(auc.sd!);
    const growth = (await buckets(4096))['bytes']!.mean! / (await buckets(1024))['bytes']!.mean!;
    expect(growth).toBeCloseTo(4, 1);
  });

  it('keeps the AUC at 2^18 buckets inside the seed band of 1,024 while bytes grow 256-fold', async () => {
    const auc = (await buckets(1024))['rocAuc']!;
    expect(Math.abs((await buckets(2 ** 18))['rocAuc']!.mean! - auc.mean!)).toBeLessThan(auc.sd!);
    const growth = (await buckets(2 ** 18))['bytes']!.mean! / (await buckets(1024))['bytes']!.mean!;
    expect(growth).toBeCloseTo(256, 0);
  });
});

describe('the missing-values and leakage lesson’s closing claims', () => {
  const lesson = lessonById('missing-leakage');
  const indicator = () => sweepOf(lesson, 'features.columns.user_engagement.indicator');
  const encoding = () => sweepOf(lesson, 'features.columns.ad_id.targetFit');
  /** Mean and sample sd across seeds of a metric of `split` at one swept value. */
  const band = (sweep: SweepResult, value: unknown, split: 'test' | 'validation', key: string) => {
    const values = sweep.points
      .find((p) => p.value === value)!
      .runs.map((r) => readSplitMetric(r.metrics[split], key)!);
    return { mean: mean(values)!, sd: deviation(values)! };
  };

  it('puts mean filling alone near 0.65 AUC, its whole band below the indicator’s', async () => {
    const sweep = await indicator();
    const filled = summaryAt(sweep, false)['rocAuc']!;
    const flagged = summaryAt(sweep, true)['rocAuc']!;
    expect(filled.mean!).toBeCloseTo(0.65, 1);
    expect(filled.mean! + filled.sd!).toBeLessThan(0.695);
    expect(filled.mean! + filled.sd!).toBeLessThan(flagged.mean! - flagged.sd!);
  });

  it('scores the honest encoding below 0.77 validation AUC, clear of the leaky one’s band', async () => {
    const sweep = await encoding();
    const honest = band(sweep, 'out-of-fold', 'validation', 'rocAuc');
    const leaky = band(sweep, 'in-sample', 'validation', 'rocAuc');
    expect(honest.mean + honest.sd).toBeLessThan(0.77);
    expect(honest.mean + honest.sd).toBeLessThan(leaky.mean - leaky.sd);
  });

  it('reads the later days: a time split on the synthetic time column', () => {
    expect(stepConfig(lesson, 0).data.split).toMatchObject({ method: 'time', timeColumn: 'time' });
  });

  it('gives the honest encoding a test ECE band below 0.018 and the leaky one’s above it', async () => {
    const sweep = await encoding();
    const honest = band(sweep, 'out-of-fold', 'test', 'ece');
    const leaky = band(sweep, 'in-sample', 'test', 'ece');
    expect(honest.mean + honest.sd).toBeLessThan(0.018);
    expect(leaky.mean - leaky.sd).toBeGreaterThanOrEqual(0.018);
  });

  it.each(['logLoss', 'rocAuc'])(
    'makes the leaky encoding’s test %s worse than the honest one’s on every seed',
    async (key) => {
      const sweep = await encoding();
      const perSeed = (value: string) =>
        sweep.points
          .find((p) => p.value === value)!
          .runs.map((r) => readSplitMetric(r.metrics.test, key)!);
      const leaky = perSeed('in-sample');
      const lowerIsBetter = key === 'logLoss';
      perSeed('out-of-fold').forEach((honest, seed) =>
        lowerIsBetter
          ? expect(honest, `seed ${seed}`).toBeLessThan(leaky[seed]!)
          : expect(honest, `seed ${seed}`).toBeGreaterThan(leaky[seed]!),
      );
    },
  );
});

describe('the high-cardinality lesson’s closing claims', () => {
  const lesson = lessonById('high-cardinality');
  const topK = async (k: number) =>
    summaryAt(await sweepOf(lesson, 'features.columns.user_id.topK'), k);
  const embedding = async (dim: number) =>
    summaryAt(await sweepOf(lesson, 'model.embeddingDim'), dim);
  const hashed = async (buckets: number) =>
    summaryAt(await sweepOf(lesson, 'features.columns.user_id.hashBuckets'), buckets);

  it('lifts the AUC from top-10 to top-500 clear of both seed bands', async () => {
    const few = (await topK(10))['rocAuc']!;
    const all = (await topK(500))['rocAuc']!;
    expect(few.mean! + few.sd!).toBeLessThan(all.mean! - all.sd!);
  });

  it('puts the embedding’s mean AUC inside the seed band of one-hot top-500, near 0.645 and 5.9 KB', async () => {
    const all = await topK(500);
    expect(all['rocAuc']!.mean!).toBeCloseTo(0.645, 1);
    expect(all['bytes']!.mean! / 1000).toBeCloseTo(5.9, 0);
    const auc = all['rocAuc']!;
    expect(Math.abs((await embedding(8))['rocAuc']!.mean! - auc.mean!)).toBeLessThan(auc.sd!);
  });

  it('lifts the AUC from 64 to 1,024 hashed buckets clear of both seed bands', async () => {
    const few = (await hashed(64))['rocAuc']!;
    const many = (await hashed(1024))['rocAuc']!;
    expect(few.mean! + few.sd!).toBeLessThan(many.mean! - many.sd!);
  });

  it('puts 1,024 and 4,096 buckets’ mean AUC inside the seed band of one-hot top-500', async () => {
    const auc = (await topK(500))['rocAuc']!;
    for (const buckets of [1024, 4096]) {
      const gap = Math.abs((await hashed(buckets))['rocAuc']!.mean! - auc.mean!);
      expect(gap, `${buckets} buckets`).toBeLessThan(auc.sd!);
    }
  });

  it('makes 1,024 buckets about 4.1 KB, smaller than one-hot top-500 (no vocabulary), and 4,096 four times that', async () => {
    const bytes = (await hashed(1024))['bytes']!.mean!;
    expect(bytes / 1000).toBeCloseTo(4.1, 1);
    expect(bytes).toBeLessThan((await topK(500))['bytes']!.mean!);
    expect((await hashed(4096))['bytes']!.mean! / bytes).toBeCloseTo(4, 1);
  });
});
