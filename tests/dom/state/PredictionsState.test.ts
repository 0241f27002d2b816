import { describe, expect, it } from 'vitest';
import { PredictionsState } from '../../../src/state/PredictionsState.svelte.ts';
import { SCRIPTED_FAILURE, scriptedClient } from '../../helpers/scriptedEngine.ts';

describe('PredictionsState', () => {
  it('shows the report of a scored file and keeps it when the next file is refused', async () => {
    const { client } = scriptedClient();
    const state = new PredictionsState(client);
    await state.evaluate(new File(['y,p'], 'model.csv'));
    expect(state.report).toMatchObject({ name: 'model.csv' });
    expect(state.error).toBeNull();
    await state.evaluate(new File(['y,p'], 'fail.csv'));
    expect(state.error).toBe(SCRIPTED_FAILURE.message);
    expect(state.report).toMatchObject({ name: 'model.csv' });
    expect(state.busy).toBe(false);
  });
});
