import { describe, expect, it } from 'vitest';
import { SweepState } from '../../../src/state/SweepState.svelte.ts';
import { SCRIPTED_FAILURE, scriptedClient } from '../../helpers/scriptedEngine.ts';

describe('SweepState', () => {
  it('shows the result and the progress of a finished sweep, and remembers the sweep', async () => {
    const { client } = scriptedClient();
    const state = new SweepState(client);
    await state.start({ script: 'ok' });
    expect(state.result?.path).toBe('model.l2');
    expect(state.sweep).toEqual({ script: 'ok' });
    expect(state.progress).toEqual({ done: 1, total: 2 });
    expect(state.running).toBe(false);
  });

  it('keeps the previous result on a failure (with its message) and on a cancel (silently)', async () => {
    const { client, log } = scriptedClient();
    const state = new SweepState(client);
    await state.start({ script: 'ok' });
    await state.start({ script: 'fail' });
    expect(state.error).toBe(SCRIPTED_FAILURE.message);
    const cancelled = state.start({ script: 'hang' });
    await expect.poll(() => log).toContain('w0 sweep 3');
    state.cancel();
    await cancelled;
    expect(state.error).toBeNull();
    expect(state.sweep).toEqual({ script: 'ok' });
    expect(state.result?.path).toBe('model.l2');
  });
});
