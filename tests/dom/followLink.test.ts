import { describe, expect, it } from 'vitest';
import { ConfigState } from '../../src/state/ConfigState.svelte.ts';
import { encodeShareLink } from '../../src/lib/links/shareLink.ts';
import { defaultConfig } from '../../src/state/defaults.ts';

const gbdtLink = encodeShareLink({ ...defaultConfig(), model: { family: 'gbdt', trees: 30 } });
const mlpLink = encodeShareLink({ ...defaultConfig(), model: { family: 'mlp', hidden: [8] } });

describe('ConfigState.followLink (a new share link in the same tab)', () => {
  it('opens it at once when the setup has no edits', () => {
    const state = new ConfigState();
    let asked = 0;
    state.followLink(gbdtLink, () => (++asked, true));
    expect(state.config.model).toEqual({ family: 'gbdt', trees: 30 });
    expect(asked).toBe(0);
    expect(state.hasEdits()).toBe(false);
  });

  it('asks before discarding edits, and keeps them when the user says no', () => {
    const state = new ConfigState();
    state.openLink(gbdtLink);
    state.config.model = { family: 'logistic', maxIterations: 7 };
    let asked = 0;
    state.followLink(mlpLink, () => (++asked, false));
    expect(asked).toBe(1);
    expect(state.config.model).toEqual({ family: 'logistic', maxIterations: 7 });
    state.followLink(mlpLink, () => (++asked, true));
    expect(asked).toBe(2);
    expect(state.config.model).toEqual({ family: 'mlp', hidden: [8] });
  });

  it('ignores a hash that is not a setup link, and says why a broken one cannot open', () => {
    const state = new ConfigState();
    state.followLink('#section-2', () => true);
    expect(state.linkProblem).toBeNull();
    state.followLink('#v1=eyJzZWVkIjo0Miwi', () => true);
    expect(state.linkProblem).toMatch(/damaged or incomplete/);
  });
});
