import type { ChoiceSetting, NumberSetting } from './setting.ts';

/**
 * How the test split is scored when served at another positive rate (docs/design.md "Prior
 * shift"), each setting once: the schema, the Frame controls and the sweep and lesson labels read
 * them.
 */
export const EVALUATION_SETTINGS = {
  /** No default: leaving it out scores the test split as drawn. */
  deploymentBaseRate: {
    path: 'evaluation.deploymentBaseRate',
    type: 'number',
    min: 0.001,
    max: 0.999,
    ui: { min: 0.001, max: 0.999, step: 0.01 },
    label: 'Deployment base rate',
    help: 'The positive rate where the model is served: the test split is resampled to it, seeded; absent: as drawn.',
  } satisfies NumberSetting,
  priorCorrection: {
    path: 'evaluation.priorCorrection',
    default: 'none',
    options: [
      { value: 'none', label: 'none', help: 'The predictions as trained.' },
      {
        value: 'known',
        label: 'known prior',
        help: 'q from the training and deployment base rates.',
      },
      {
        value: 'estimated',
        label: 'estimated prior (EM)',
        help: 'The deployment rate estimated by EM from the unlabelled predictions.',
      },
    ],
    label: 'Prior correction',
    help: 'Correction of the test predictions for the deployment base rate.',
  } as const satisfies ChoiceSetting,
};
