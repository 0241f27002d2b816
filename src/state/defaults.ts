import { parseConfig, type ExperimentConfig } from '../lib/experiment/config.ts';

/** The first-visit setup: built-in click data and logistic regression, so one press shows a result. */
export function defaultConfig(): ExperimentConfig {
  return parseConfig({
    seed: 42,
    data: {
      source: 'builtin:synthetic-ctr',
      target: 'click',
      task: 'binary',
      positiveClass: '1',
      split: { method: 'random', test: 0.2, validation: 0.1 },
    },
    features: { default: { numeric: 'standardize', categorical: 'onehot', missing: 'median' } },
    imbalance: { negativeRate: 1, recalibrate: true },
    model: { family: 'logistic' },
    backend: 'auto',
  });
}
