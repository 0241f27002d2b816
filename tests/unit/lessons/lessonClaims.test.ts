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
/** Each asking step's result by `lessonId/stepIndex`; the closing-claim tests below read them. */
const sweeps = new Map<string, SweepResult>();
const runs = new Map<string, RunResult>();

async function runStep(lesson: Lesson, index: number) {
  const step = lesson.steps[index]!;
  const config = { ...stepConfig(lesson, index), backend: 'cpu' as const };
  if (step.run === 'config') {
    const outcome = await engine.train(index + 1, config);
    if (!outcome.ok) throw new Error(outcome.message);
    runs.set(`${lesson.id}/${index}`, outcome.value);
    return { run: outcome.value };
  }
  const outcome = await engine.sweep(index + 1, { base: config, ...step.run! });
  if (!outcome.ok) throw new Error(outcome.message);
  sweeps.set(`${lesson.id}/${index}`, outcome.value);
  return { sweep: outcome.value };
}

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
  it('keeps the mean AUC at w = 0.1 inside the seed band of w = 1', () => {
    const lesson = BUILTIN_LESSONS.find((l) => l.id === 'downsampling')!;
    const index = lesson.steps.findIndex((s) => s.set?.['imbalance.recalibrate'] === true);
    const sweep = sweeps.get(`downsampling/${index}`)!;
    const at = (w: number) => sweep.points.find((p) => p.value === w)!.summary['rocAuc']!;
    const full = at(1);
    expect(Math.abs(at(0.1).mean! - full.mean!)).toBeLessThan(full.sd!);
  });
});

describe('the model-size lesson’s closing claims', () => {
  const lesson = BUILTIN_LESSONS.find((l) => l.id === 'model-size')!;
  const logistic = () => runs.get('model-size/0')!;
  const trees = (n: number) => {
    const index = lesson.steps.findIndex((s) => s.run !== undefined && s.run !== 'config');
    return sweeps.get(`model-size/${index}`)!.points.find((p) => p.value === n)!.summary;
  };

  it('makes the 100-tree model about ten times the logistic one’s bytes', () => {
    const ratio = trees(100)['bytes']!.mean! / runFigure(logistic(), 'bytes')!;
    expect(ratio).toBeGreaterThan(7);
    expect(ratio).toBeLessThan(14);
  });

  it('makes the 32-unit network larger than the whole bytes band of 100 trees', () => {
    const network = runs.get('model-size/2')!;
    const hundred = trees(100)['bytes']!;
    expect(runFigure(network, 'bytes')!).toBeGreaterThan(hundred.mean! + hundred.sd!);
  });

  it('puts the whole AUC band of 5 trees below the logistic model', () => {
    const five = trees(5)['rocAuc']!;
    expect(five.mean! + five.sd!).toBeLessThan(runFigure(logistic(), 'rocAuc')!);
  });
});

describe('the prior-shift lesson’s ranking claim', () => {
  const lesson = BUILTIN_LESSONS.find((l) => l.id === 'prior-shift')!;
  const sweepOf = (path: string) => {
    const index = lesson.steps.findIndex(
      (s) => s.run !== undefined && s.run !== 'config' && s.run.vary.path === path,
    );
    return sweeps.get(`prior-shift/${index}`)!;
  };

  it('leaves the AUC of every seed unchanged by each correction', () => {
    const auc = sweepOf('evaluation.priorCorrection').points.map((p) =>
      p.runs.map((r) => readSplitMetric(r.metrics.test, 'rocAuc')),
    );
    expect(auc[1]).toEqual(auc[0]);
    expect(auc[2]).toEqual(auc[0]);
  });

  it('keeps the mean AUC at every deployment rate inside the seed band of no shift', () => {
    const points = sweepOf('evaluation.deploymentBaseRate').points;
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
  const lesson = BUILTIN_LESSONS.find((l) => l.id === 'hashing')!;
  const buckets = (n: number) =>
    sweeps.get('hashing/0')!.points.find((p) => p.value === n)!.summary;

  it('lifts the AUC from 16 to 1,024 buckets clear of both seed bands', () => {
    const few = buckets(16)['rocAuc']!;
    const many = buckets(1024)['rocAuc']!;
    expect(few.mean! + few.sd!).toBeLessThan(many.mean! - many.sd!);
  });

  it('keeps the AUC at 4,096 buckets inside the seed band of 1,024 while bytes grow fourfold', () => {
    const auc = buckets(1024)['rocAuc']!;
    expect(Math.abs(buckets(4096)['rocAuc']!.mean! - auc.mean!)).toBeLessThan(auc.sd!);
    const growth = buckets(4096)['bytes']!.mean! / buckets(1024)['bytes']!.mean!;
    expect(growth).toBeCloseTo(4, 1);
  });

  it('keeps the AUC at 2^18 buckets inside the seed band of 1,024 while bytes grow 256-fold', () => {
    const auc = buckets(1024)['rocAuc']!;
    expect(Math.abs(buckets(2 ** 18)['rocAuc']!.mean! - auc.mean!)).toBeLessThan(auc.sd!);
    const growth = buckets(2 ** 18)['bytes']!.mean! / buckets(1024)['bytes']!.mean!;
    expect(growth).toBeCloseTo(256, 0);
  });
});
