import type { DefaultedNumberSetting, NumberSetting } from './setting.ts';

/**
 * The serving budgets of step 1, Frame, each once (docs/design.md "The experiment config"): the
 * trade-off chart draws them as lines and greys every run beyond either.
 */
export const FRAME_SETTINGS = {
  latencyBudgetMs: {
    path: 'frame.latencyBudgetMs',
    type: 'number',
    default: 1,
    min: 0,
    minExclusive: true,
    max: 60_000,
    ui: { min: 0.001, max: 60_000, step: 0.1 },
    label: 'Latency budget, p99 (ms)',
    help: 'The p99 time one prediction request may take, in ms; runs slower than this are greyed.',
  } satisfies DefaultedNumberSetting,
  /** No default: leaving it out means no size budget. */
  modelBytesBudget: {
    path: 'frame.modelBytesBudget',
    type: 'number',
    min: 0,
    minExclusive: true,
    max: 2 ** 40,
    ui: { min: 1, max: 2 ** 40, step: 1 },
    label: 'Model-size budget',
    help: 'The largest model to ship, as model size counts it (parameters and feature tables; bytes in a config); no budget when empty.',
  } satisfies NumberSetting,
} as const;
