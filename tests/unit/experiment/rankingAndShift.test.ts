import { describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '../../../src/lib/experiment/config.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { nodeEngine } from '../../helpers/engine.ts';

/**
 * The ranking framing and a base-rate shift, end to end on the synthetic click data, whose users
 * have effects of their own (docs/design.md "Ranking metrics", "Prior shift").
 */
describe('ranking metrics and prior shift in a run', () => {
  const engine = nodeEngine();
  const config = (extra: Partial<ExperimentConfigInput> = {}): ExperimentConfigInput => ({
    seed: 5,
    data: {
      source: { synthetic: { kind: 'ctr', rows: 30_000, baseRate: 0.05 } },
      target: 'click',
      task: 'binary',
      positiveClass: '1',
      group: 'user_id',
    },
    model: { family: 'logistic', l2: 0.001 },
    backend: 'cpu',
    ...extra,
  });
  const run = async (input: ExperimentConfigInput): Promise<RunResult> => {
    const outcome = await engine.train(1, input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  };
  const binary = (result: RunResult) => {
    const m = result.metrics.test;
    if (m.task !== 'binary') throw new Error('binary task expected');
    return m;
  };

  it('adds ranking metrics per user to both splits, the user column left out of the features', async () => {
    const grouped = await run(config());
    const { group: _group, ...ungroupedData } = config().data;
    const ungrouped = await run(config({ data: ungroupedData }));
    const ranking = binary(grouped).ranking!;
    expect(ranking.k).toBe(10);
    expect(ranking.groups).toBeGreaterThan(300);
    expect(ranking.groupsUsed + ranking.leftOut.noPositive).toBe(ranking.groups);
    expect(ranking.rowsWithoutGroup).toBe(0);
    for (const value of [ranking.ndcgAtK, ranking.recallAtK, ranking.groupAuc]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    // The user effect the model cannot see is noise across users but a constant within one, so
    // ranking within a user is easier: group AUC is above the global AUC.
    expect(ranking.groupAuc!).toBeGreaterThan(binary(grouped).rocAuc! + 0.02);
    expect(
      grouped.metrics.validation.task === 'binary' && grouped.metrics.validation.ranking,
    ).toBeTruthy();
    expect(binary(ungrouped).ranking).toBeUndefined();
    expect(ungrouped.data.features).toBeGreaterThan(grouped.data.features);
  });

  it('re-calibration after downsampling leaves ranking metrics as they were and moves log loss and ECE', async () => {
    const imbalance = (recalibrate: boolean) => ({ negativeRate: 0.1, recalibrate });
    const raw = binary(await run(config({ imbalance: imbalance(false), evaluation: { k: 5 } })));
    const fixed = binary(await run(config({ imbalance: imbalance(true), evaluation: { k: 5 } })));
    expect(fixed.ranking!.k).toBe(5);
    expect(fixed.ranking!.ndcgAtK).toBeCloseTo(raw.ranking!.ndcgAtK!, 5);
    expect(fixed.ranking!.recallAtK).toBeCloseTo(raw.ranking!.recallAtK!, 5);
    expect(fixed.ranking!.groupAuc).toBeCloseTo(raw.ranking!.groupAuc!, 5);
    expect(fixed.rocAuc).toBeCloseTo(raw.rocAuc!, 5);
    expect(raw.logLoss! - fixed.logLoss!).toBeGreaterThan(0.05);
    expect(raw.ece! - fixed.ece!).toBeGreaterThan(0.1);
  });

  it('a deployment base rate breaks calibration, the known or estimated prior repairs it, AUC stays', async () => {
    const shifted = (priorCorrection: 'none' | 'known' | 'estimated') =>
      run(config({ evaluation: { deploymentBaseRate: 0.25, priorCorrection } }));
    const none = await shifted('none');
    const known = await shifted('known');
    const estimated = await shifted('estimated');
    const shift = none.deployment!;
    expect(shift.requestedBaseRate).toBe(0.25);
    expect(shift.testBaseRate).toBeCloseTo(0.25, 2);
    expect(shift.seed).not.toBeNull();
    expect(shift.trainBaseRate).toBeCloseTo(none.data.trainBaseRate!, 12);
    // Same seed, same resampled rows in every run.
    expect(known.deployment!.testRows).toBe(shift.testRows);
    expect(binary(none).calibrationRatio!).toBeLessThan(0.5);
    expect(Math.abs(binary(known).calibrationRatio! - 1)).toBeLessThan(0.15);
    expect(known.deployment!.correctionBaseRate).toBe(known.deployment!.testBaseRate);
    expect(Math.abs(estimated.deployment!.estimatedBaseRate - shift.testBaseRate)).toBeLessThan(
      0.05,
    );
    expect(Math.abs(binary(estimated).calibrationRatio! - 1)).toBeLessThan(
      Math.abs(binary(none).calibrationRatio! - 1),
    );
    expect(binary(known).ece!).toBeLessThan(binary(none).ece!);
    expect(binary(known).logLoss!).toBeLessThan(binary(none).logLoss!);
    // The uncorrected numbers travel with the corrected ones, and the correction is monotone.
    expect(known.deployment!.uncorrected.calibrationRatio).toBeCloseTo(
      binary(none).calibrationRatio!,
      6,
    );
    for (const r of [known, estimated])
      expect(binary(r).rocAuc).toBeCloseTo(binary(none).rocAuc!, 4);
    expect(none.truth).toBeNull();
    expect(none.warnings.join(' ')).toContain('p_true is no longer the true probability');
  });

  it('names the field when the group or the deployment base rate does not fit the data', async () => {
    const failure = async (input: ExperimentConfigInput) => {
      const outcome = await engine.train(1, input);
      return outcome.ok ? '' : outcome.message;
    };
    expect(await failure(config({ data: { ...config().data, group: 'nope' } }))).toContain(
      'data.group: there is no column named "nope"',
    );
    expect(await failure(config({ data: { ...config().data, group: 'click' } }))).toContain(
      'data.group: "click" is the target',
    );
    expect(
      await failure(
        config({
          data: { ...config().data, group: 'user_id', task: 'regression', target: 'p_true' },
        }),
      ),
    ).toContain('data.group: ranking by "user_id" needs a binary task');
  });
});
