import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import { RunsState } from '../../../src/state/RunsState.svelte.ts';
import { SCRIPTED_FAILURE, scriptedClient, type Script } from '../../helpers/scriptedEngine.ts';
import { makeRun } from '../../unit/experiment/runFixture.ts';

const config = (script: Script) => ({ script }) as unknown as ExperimentConfig;

async function setup() {
  const engine = scriptedClient();
  const runs = new RunsState(engine.client);
  // happy-dom has no IndexedDB: runs are kept in memory, and a notice says so.
  await runs.ready;
  return { ...engine, runs };
}

describe('RunsState', () => {
  it('shows a finished run with its live loss curve, and selects it', async () => {
    const { runs } = await setup();
    const result = await runs.enqueue(config('ok'));
    expect(result?.trainMs).toBe(1);
    expect(runs.runs.map((r) => r.name)).toEqual(['Run 1']);
    expect(runs.selected?.id).toBe(1);
    expect(runs.liveCurve).toEqual([{ step: 1, trainLoss: 0.5 }]);
    await expect.poll(() => runs.running).toBe(false);
  });

  it('trains a queued run on a fresh worker after the running one crashed it', async () => {
    const { runs, log, workers } = await setup();
    const crashed = runs.enqueue(config('hang'));
    const queued = runs.enqueue(config('ok'));
    expect(runs.queue).toHaveLength(1);
    await expect.poll(() => log).toContain('w0 train 1');
    workers[0]!.crash('out of memory');
    expect(await crashed).toBeNull();
    expect(runs.error).toMatch(/crashed \(out of memory\)/);
    expect((await queued)?.trainMs).toBe(2);
    expect(runs.error).toBeNull();
    expect(log).toContain('w1 train 2');
    expect(runs.runs).toHaveLength(1);
    expect(runs.notices.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/crashed \(out of memory\).*earlier results are kept/),
    );
  });

  it('keeps earlier runs when a run fails, with the engine’s message, and says nothing on cancel', async () => {
    const { runs, log } = await setup();
    await runs.enqueue(config('ok'));
    expect(await runs.enqueue(config('fail'))).toBeNull();
    expect(runs.error).toBe(SCRIPTED_FAILURE.message);
    const cancelled = runs.enqueue(config('hang'));
    await expect.poll(() => log).toContain('w0 train 3');
    runs.cancel();
    expect(await cancelled).toBeNull();
    await expect.poll(() => log).toContain('w0 cancel 3');
    expect(runs.error).toBeNull();
    expect(runs.runs).toHaveLength(1);
  });

  it('exports a Python job, or tells why not in a notice', async () => {
    const { runs } = await setup();
    expect(await runs.exportPython(makeRun(1, 'Run 1'))).toBe('print("job")');
    const unexportable = makeRun(2, 'Run 2');
    (unexportable.result.config as unknown as { script: Script }).script = 'fail';
    expect(await runs.exportPython(unexportable)).toBeNull();
    expect(runs.notices.at(-1)).toEqual({ kind: 'warning', message: SCRIPTED_FAILURE.message });
  });
});
