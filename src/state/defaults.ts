import { IMBALANCE_SETTINGS, SPLIT_SETTINGS } from '../lib/catalog/dataSettings.ts';
import {
  CATEGORICAL_ENCODING,
  MISSING_STRATEGY,
  NUMERIC_SCALING,
} from '../lib/catalog/featureSettings.ts';
import { MODEL_FAMILY } from '../lib/catalog/modelSettings.ts';
import { parseConfig, type ExperimentConfig } from '../lib/experiment/config.ts';

/**
 * The first-visit setup: built-in click data and the catalog's defaults (logistic regression), so
 * one press shows a result. The feature defaults are written out so that the controls show them.
 */
export function defaultConfig(): ExperimentConfig {
  return parseConfig({
    seed: 42,
    data: {
      source: 'builtin:synthetic-ctr',
      target: 'click',
      task: 'binary',
      positiveClass: '1',
      split: {
        method: SPLIT_SETTINGS.method.default,
        test: SPLIT_SETTINGS.test.default,
        validation: SPLIT_SETTINGS.validation.default,
      },
    },
    features: {
      default: {
        numeric: NUMERIC_SCALING.default,
        categorical: CATEGORICAL_ENCODING.default,
        missing: MISSING_STRATEGY.default,
      },
    },
    imbalance: { negativeRate: IMBALANCE_SETTINGS.negativeRate.default, recalibrate: true },
    model: { family: MODEL_FAMILY.default },
    backend: 'auto',
  });
}
