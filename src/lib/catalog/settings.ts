import { IMBALANCE_SETTINGS, SPLIT_SETTINGS } from './dataSettings.ts';
import { EVALUATION_SETTINGS } from './evaluationSettings.ts';
import { FRAME_SETTINGS } from './frameSettings.ts';
import {
  CATEGORICAL_ENCODING,
  CROSS_BUCKETS,
  FEATURE_SETTINGS,
  MISSING_STRATEGY,
  NUMERIC_SCALING,
  QUANTILE_OUTPUT,
  TARGET_FIT,
} from './featureSettings.ts';
import {
  EMBEDDING_MLP_SETTINGS,
  GBDT_SETTINGS,
  LOGISTIC_SETTINGS,
  MLP_LAYERS,
  MLP_SETTINGS,
  MODEL_FAMILY,
  type ModelFamily,
} from './modelSettings.ts';
import type { ChoiceSetting, NumberSetting } from './setting.ts';

/**
 * The settings catalog as lists: every number setting with the model families it applies to, and
 * every choice, so that tests can walk them and the sweep control can name any path. Adding a
 * setting is one entry in its catalog file (plus its implementation).
 */

/** A number setting and the model families that read it (all when absent). */
export interface CatalogNumber {
  setting: NumberSetting;
  families?: readonly ModelFamily[];
}

const NETWORKS: readonly ModelFamily[] = ['mlp', 'embedding-mlp'];

const numbers = <T extends object>(block: T) =>
  Object.values(block).filter((s): s is NumberSetting => 'type' in s);

/** Every number setting of the config's model, features, split and imbalance blocks. */
export const NUMBER_SETTINGS: readonly CatalogNumber[] = [
  ...numbers(SPLIT_SETTINGS).map((setting) => ({ setting })),
  ...numbers(IMBALANCE_SETTINGS).map((setting) => ({ setting })),
  ...numbers(FRAME_SETTINGS).map((setting) => ({ setting })),
  { setting: EVALUATION_SETTINGS.deploymentBaseRate },
  ...numbers(FEATURE_SETTINGS).map((setting) =>
    // Embedding tables are read by the embedding model only.
    setting === FEATURE_SETTINGS.dim || setting === FEATURE_SETTINGS.maxVocab
      ? { setting, families: ['embedding-mlp' as const] }
      : { setting },
  ),
  { setting: CROSS_BUCKETS },
  ...numbers(LOGISTIC_SETTINGS).map((setting) => ({ setting, families: ['logistic' as const] })),
  ...numbers(GBDT_SETTINGS).map((setting) => ({ setting, families: ['gbdt' as const] })),
  { setting: MLP_LAYERS.depth, families: NETWORKS },
  { setting: MLP_LAYERS.width, families: NETWORKS },
  ...numbers(MLP_SETTINGS).map((setting) => ({ setting, families: NETWORKS })),
  ...numbers(EMBEDDING_MLP_SETTINGS).map((setting) => ({
    setting,
    families: ['embedding-mlp' as const],
  })),
];

/** Every choice setting. */
export const CHOICE_SETTINGS: readonly ChoiceSetting[] = [
  SPLIT_SETTINGS.method,
  IMBALANCE_SETTINGS.mode,
  IMBALANCE_SETTINGS.classWeights,
  IMBALANCE_SETTINGS.calibration,
  EVALUATION_SETTINGS.priorCorrection,
  NUMERIC_SCALING,
  QUANTILE_OUTPUT,
  CATEGORICAL_ENCODING,
  MISSING_STRATEGY,
  TARGET_FIT,
  MODEL_FAMILY,
  LOGISTIC_SETTINGS.solver,
  MLP_SETTINGS.activation,
  MLP_SETTINGS.optimizer,
];

/**
 * The label of a config path for the sweep control and charts: the catalog's label (a per-column
 * feature path reads its default's entry and names the column: "Hash buckets (user_id)"),
 * `Hidden widths` for `model.hidden`, else the path.
 */
export function settingLabel(path: string): string {
  if (path === MLP_LAYERS.path) return 'Hidden widths';
  const asDefault = path.replace(/^features\.columns\.[^.]+\./, 'features.default.');
  const entry =
    NUMBER_SETTINGS.find((n) => n.setting.path === asDefault)?.setting ??
    CHOICE_SETTINGS.find((c) => c.path === asDefault);
  const [, column, key] = /^features\.columns\.([^.]+)\.(.+)$/.exec(path) ?? [];
  if (column === undefined) return entry?.label ?? path;
  return `${entry?.label ?? key} (${column})`;
}
