import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import {
  EMBEDDING_MLP_SETTINGS,
  GBDT_SETTINGS,
  LOGISTIC_SETTINGS,
  MLP_SETTINGS,
  MODEL_FAMILY,
  type ModelFamily,
} from '../../src/lib/catalog/modelSettings.ts';
import type { ChoiceSetting, NumberSetting } from '../../src/lib/catalog/setting.ts';
import { ConfigState } from '../../src/state/ConfigState.svelte.ts';
import ModelStepHarness from './ModelStepHarness.svelte';
import { mountChart } from './mountChart.ts';

/** The catalog's settings of each family, as the config schema accepts them. */
const FAMILY_SETTINGS: Record<ModelFamily, readonly (NumberSetting | ChoiceSetting)[]> = {
  logistic: Object.values(LOGISTIC_SETTINGS),
  gbdt: Object.values(GBDT_SETTINGS),
  mlp: Object.values(MLP_SETTINGS),
  'embedding-mlp': [...Object.values(MLP_SETTINGS), ...Object.values(EMBEDDING_MLP_SETTINGS)],
};

/** The control a label names, through its `for`. */
function controlLabelled(root: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text));
  expect(label, `a control labelled "${text}"`).toBeDefined();
  const control = root.querySelector<HTMLInputElement | HTMLSelectElement>(
    `[id="${label!.htmlFor}"]`,
  );
  expect(control, `the control of "${text}"`).not.toBeNull();
  return control!;
}

function mountFamily(family: ModelFamily): { root: HTMLElement; config: ConfigState } {
  const config = new ConfigState();
  config.config.model = { family };
  return { root: mountChart(ModelStepHarness, { config }), config };
}

describe('the Model step', () => {
  it.each(MODEL_FAMILY.options.map((o) => o.value))(
    'has a control for every %s setting the catalog lists',
    (family) => {
      const { root } = mountFamily(family);
      for (const setting of FAMILY_SETTINGS[family]) {
        // The layers' depth and width label themselves with their value ("Hidden layers: 2").
        controlLabelled(root, setting.label);
      }
    },
  );

  it('writes a setting from "More settings" into the config, and an empty box leaves it out', () => {
    const { root, config } = mountFamily('gbdt');
    const leaves = controlLabelled(root, GBDT_SETTINGS.maxLeaves.label) as HTMLInputElement;
    expect(leaves.value).toBe('');
    leaves.value = '31';
    leaves.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(config.config.model).toMatchObject({ family: 'gbdt', maxLeaves: 31 });
    leaves.value = '';
    leaves.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect('maxLeaves' in config.config.model).toBe(false);
  });

  it('sets a network choice and turns "0 = off" into an absent setting', () => {
    const { root, config } = mountFamily('mlp');
    const activation = controlLabelled(root, MLP_SETTINGS.activation.label) as HTMLSelectElement;
    expect(activation.value).toBe('relu');
    activation.value = 'tanh';
    activation.dispatchEvent(new Event('change', { bubbles: true }));
    const patience = controlLabelled(
      root,
      MLP_SETTINGS.earlyStoppingPatience.label,
    ) as HTMLInputElement;
    patience.value = '5';
    patience.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(config.config.model).toMatchObject({ activation: 'tanh', earlyStoppingPatience: 5 });
    patience.value = '0';
    patience.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect('earlyStoppingPatience' in config.config.model).toBe(false);
    expect(patience.value).toBe('0');
  });
});
