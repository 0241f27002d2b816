import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../../src/state/runStore.ts';
import { makeRun } from '../experiment/runFixture.ts';

// Node has no IndexedDB (and fake-indexeddb is not installed): this checks the path a browser
// without storage takes; the IndexedDB path itself is covered by the browser tests.
describe('openRunStore without IndexedDB', () => {
  it('opens a store that reports every call as unavailable instead of throwing', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const store = await openRunStore();
    const refused =
      'This browser does not let Tradeoff Lab store runs (private browsing, or site storage turned off): ';
    expect(store.unavailable).toEqual({
      ok: false,
      problem: 'unavailable',
      reason: `${refused}saved runs cannot be shown, and new runs are kept only until you reload.`,
    });
    expect(await store.add(makeRun(1, 'a'), (id) => `Run ${id}`)).toEqual({
      ok: false,
      problem: 'unavailable',
      reason: `${refused}this run is kept until you reload.`,
    });
    const results = await Promise.all([
      store.list(),
      store.rename(1, 'b'),
      store.delete(1),
      store.setBaseline(1),
      store.getBaseline(),
      store.clear(),
    ]);
    for (const result of results)
      expect(result).toMatchObject({ ok: false, problem: 'unavailable' });
    expect(results[0]).toEqual(store.unavailable);
  });
});
