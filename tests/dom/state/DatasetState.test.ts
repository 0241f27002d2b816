import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../../src/lib/experiment/config.ts';
import { DatasetState } from '../../../src/state/DatasetState.svelte.ts';
import { SCRIPTED_FAILURE, scriptedClient, type Script } from '../../helpers/scriptedEngine.ts';

const config = (script: Script) => ({ script }) as unknown as ExperimentConfig;

describe('DatasetState', () => {
  it('imports a file, lists it as an upload and sends it again to a replacement worker', async () => {
    const { client, log, workers } = scriptedClient();
    const state = new DatasetState(client);
    expect(await state.importFile(new File(['a,b'], 'clicks.csv'))).toBe('clicks.csv');
    expect(state.uploads).toEqual(['clicks.csv']);
    expect(state.importing).toBeNull();
    await client.inspect(config('ok'));
    workers[0]!.crash('out of memory');
    // The new worker holds nothing: the file is imported there again.
    await expect.poll(() => log).toContain('w1 import 2 clicks.csv');
  });

  it('says which file failed and why, keeping earlier uploads; a cancel says nothing', async () => {
    const { client, log } = scriptedClient();
    const state = new DatasetState(client);
    await state.importFile(new File(['a'], 'clicks.csv'));
    expect(await state.importFile(new File(['a'], 'fail.csv'))).toBeNull();
    expect(state.importError).toBe(`fail.csv: ${SCRIPTED_FAILURE.message}`);
    const cancelled = state.importFile(new File(['a'], 'hang.csv'));
    await expect.poll(() => log).toContain('w0 import 3 hang.csv');
    state.cancelImport();
    expect(await cancelled).toBeNull();
    expect(state.importError).toBeNull();
    expect(state.uploads).toEqual(['clicks.csv']);
  });

  it('shows the view, the plan and preview rows, or the reason there are none', async () => {
    const { client } = scriptedClient();
    const state = new DatasetState(client);
    await state.inspect(config('ok'));
    expect(state.view?.key).toBe('builtin:flights');
    expect(state.loading).toBe(false);
    await state.inspect(config('fail'));
    expect(state.error).toBe(SCRIPTED_FAILURE.message);
    expect(state.view?.key).toBe('builtin:flights');
    await state.replan(config('ok'));
    expect(state.plan?.trainRows).toBe(5);
    await state.replan(config('fail'));
    expect([state.plan, state.planError]).toEqual([null, SCRIPTED_FAILURE.message]);
    expect(await state.preview(config('ok'), 100, 2)).toEqual([['row 100'], ['count 2']]);
    expect(await state.preview(config('fail'), 0, 2)).toBeNull();
  });
});
