import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';

async function train(model: Record<string, unknown>, validation = 0.2): Promise<RunResult> {
  const engine = nodeEngine();
  await engine.init('cpu');
  const base = smallConfig(model);
  const outcome = await engine.train(1, {
    ...base,
    data: { ...base.data, split: { method: 'random', test: 0.2, validation } },
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
}

/** The kept model is the best one: its validation log loss is the curve's lowest (1e-6). */
function expectBestKept(result: RunResult): void {
  const metrics = result.metrics.validation;
  if (metrics.task !== 'binary') throw new Error('binary expected');
  const curveBest = Math.min(...result.trainingCurve.map((p) => p.validationLoss!));
  expect(metrics.logLoss).toBeLessThanOrEqual(curveBest + 1e-6);
}

describe('early stopping on the validation split', () => {
  it('stops gbdt after earlyStoppingRounds without improvement and reports the tree kept', async () => {
    const result = await train({
      family: 'gbdt',
      trees: 500,
      learningRate: 0.5,
      minSamplesLeaf: 5,
      earlyStoppingRounds: 8,
    });
    const stopping = result.earlyStopping!;
    expect(stopping.patience).toBe(8);
    expect(stopping.stopped).toBe(true);
    expect(stopping.lastStep - stopping.bestStep).toBe(8);
    // One curve point per tree, ending where training stopped; the lowest is the tree kept.
    expect(result.trainingCurve.map((p) => p.step)).toEqual(
      Array.from({ length: stopping.lastStep }, (_, i) => i + 1),
    );
    const losses = result.trainingCurve.map((p) => p.validationLoss!);
    expect(losses.indexOf(Math.min(...losses)) + 1).toBe(stopping.bestStep);
    // The model holds the trees up to the best one.
    expect(result.model.description).toMatch(new RegExp(`^${stopping.bestStep} trees`));
    expectBestKept(result);
  });

  it('stops a network after earlyStoppingPatience epochs and restores the best epoch', async () => {
    const result = await train({
      family: 'mlp',
      hidden: [32],
      epochs: 200,
      learningRate: 0.05,
      batchSize: 64,
      earlyStoppingPatience: 3,
    });
    const stopping = result.earlyStopping!;
    expect(stopping).toMatchObject({ patience: 3, stopped: true });
    expect(stopping.lastStep - stopping.bestStep).toBe(3);
    expect(result.trainingCurve).toHaveLength(stopping.lastStep);
    // Networks report every epoch, so the best epoch is the curve's lowest point.
    const losses = result.trainingCurve.map((p) => p.validationLoss!);
    expect(losses.indexOf(Math.min(...losses)) + 1).toBe(stopping.bestStep);
    expectBestKept(result);
  });

  it('says so when there is no validation split to watch', async () => {
    const result = await train({ family: 'gbdt', trees: 20, earlyStoppingRounds: 5 }, 0);
    expect(result.earlyStopping).toBeUndefined();
    expect(result.trainingCurve.at(-1)!.step).toBe(20);
    expect(result.warnings.join(' ')).toMatch(/no validation split/);
  });

  it('is absent from the result when not asked for', async () => {
    const result = await train({ family: 'gbdt', trees: 20 });
    expect(result.earlyStopping).toBeUndefined();
  });
});
