import type { ChoiceSetting, DefaultedNumberSetting } from './setting.ts';

/**
 * Split and class-imbalance settings, each once (docs/design.md "Data and features": the split is
 * seeded and every statistic is fitted on the training part; negative downsampling at rate w).
 */

export const SPLIT_SETTINGS = {
  method: {
    path: 'data.split.method',
    default: 'random',
    options: [
      { value: 'random', label: 'random, stratified', help: 'Rows drawn at random, per class.' },
      {
        value: 'time',
        label: 'by time',
        help: 'The latest rows are the test part, as when a model trained on the past serves the future.',
      },
    ],
    label: 'Method',
    help: 'How rows are split into training, validation and test parts (seeded).',
  } as const satisfies ChoiceSetting,
  test: {
    path: 'data.split.test',
    type: 'number',
    default: 0.2,
    min: 0.05,
    max: 0.5,
    ui: { min: 0.05, max: 0.5, step: 0.05 },
    label: 'Test share',
    help: 'Share of rows held out for the test metrics.',
  },
  validation: {
    path: 'data.split.validation',
    type: 'number',
    default: 0.1,
    min: 0,
    max: 0.5,
    ui: { min: 0, max: 0.5, step: 0.05 },
    label: 'Validation share',
    help: 'Share of rows for early stopping and post-hoc calibration; 0 = none.',
  },
} as const satisfies Record<string, DefaultedNumberSetting | ChoiceSetting>;

export const IMBALANCE_SETTINGS = {
  negativeRate: {
    path: 'imbalance.negativeRate',
    type: 'number',
    default: 1,
    min: 0,
    minExclusive: true,
    max: 1,
    // The control is a log10 slider: 0.001 to 1.
    ui: { min: 0.001, max: 1, step: 0.01 },
    label: 'Negative downsampling rate w',
    help: 'Training on a fraction w of the negatives is faster, but the model then over-predicts clicks by a factor of about 1/w in the odds.',
  },
  positiveUpsample: {
    path: 'imbalance.positiveUpsample',
    type: 'number',
    default: 1,
    min: 1,
    max: 1000,
    ui: { min: 1, max: 100, step: 1 },
    label: 'Repeat each positive',
    help: 'Upsampling positives is the other way to balance classes; it shifts the odds the same way as w = 1/k.',
  },
  mode: {
    path: 'imbalance.mode',
    default: 'downsample',
    options: [
      { value: 'downsample', label: 'downsample', help: 'Keep a fraction w of the negatives.' },
      {
        value: 'upweight',
        label: 'downsample and upweight',
        help: 'Keep a fraction w of the negatives, each with weight 1/w.',
      },
    ],
    label: 'Downsampling mode',
    help: 'Whether the kept negatives are upweighted by 1/w.',
  } as const satisfies ChoiceSetting,
  classWeights: {
    path: 'imbalance.classWeights',
    default: 'none',
    options: [
      { value: 'none', label: 'none', help: 'Every row weighs 1.' },
      { value: 'balanced', label: 'balanced', help: 'Each class weighs the same in total.' },
    ],
    label: 'Class weights',
    help: 'Weights on the training loss per class.',
  } as const satisfies ChoiceSetting,
  calibration: {
    path: 'imbalance.calibration',
    default: 'none',
    options: [
      { value: 'none', label: 'none', help: 'The model’s probabilities as they are.' },
      { value: 'platt', label: 'Platt scaling', help: 'A logistic fit of the score.' },
      { value: 'isotonic', label: 'isotonic regression', help: 'A monotone step fit.' },
    ],
    label: 'Post-hoc calibration (fitted on validation)',
    help: 'A calibrator fitted on the validation split, applied to the test predictions.',
  } as const satisfies ChoiceSetting,
} as const;
