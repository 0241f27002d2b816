import {
  CATEGORICAL_ENCODING,
  MISSING_STRATEGY,
  NUMERIC_SCALING,
  sizeOf,
  TARGET_FIT,
  type FeatureSizeKey,
} from '../../lib/catalog/featureSettings.ts';
import { choiceOption, type ChoiceSetting } from '../../lib/catalog/setting.ts';
import type { ColumnTransformSpec, MissingStrategy } from '../../lib/features/spec.ts';

/** A choice of a select: its value and how to name it, given the column's resolved spec. */
export interface TransformOption<T extends string> {
  value: T;
  label: (spec: ColumnTransformSpec) => string;
}

/** How a size knob's value reads inside an option's label: "top 50", "d=8". */
const SIZE_TEXT: Record<FeatureSizeKey, (n: number) => string> = {
  quantileBins: (n) => `${n} buckets`,
  topK: (n) => `top ${n}`,
  minFrequency: String,
  hashBuckets: String,
  dim: (n) => `d=${n}`,
  maxVocab: String,
  targetFolds: String,
  targetSmoothing: String,
  textBuckets: String,
};

/** A catalog choice's options, each sized one labelled with its knob's value in the column's spec. */
function fromCatalog<T extends string>(choice: ChoiceSetting<T>): TransformOption<T>[] {
  return choice.options.map((o) => {
    const size = sizeOf(choice, o.value);
    return {
      value: o.value,
      label: size ? (spec) => `${o.label} (${SIZE_TEXT[size.key](spec[size.key])})` : () => o.label,
    };
  });
}

export const SCALING_OPTIONS = fromCatalog(NUMERIC_SCALING);

/** Target encoding names how it is fitted: the leaky in-sample fit must show on the column. */
export const ENCODING_OPTIONS = fromCatalog(CATEGORICAL_ENCODING).map((o) =>
  o.value === 'target'
    ? {
        ...o,
        label: (s: ColumnTransformSpec) =>
          `target (${choiceOption(TARGET_FIT, s.targetFit)?.label})`,
      }
    : o,
);

const NUMERIC_MISSING = fromCatalog(MISSING_STRATEGY);

/** A categorical column has no median: its 'median' and 'mean' both fill the most frequent level. */
const CATEGORICAL_MISSING: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'most frequent level' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];

/** The default for every column: each statistic says what it means for categorical columns. */
export const DEFAULT_MISSING_OPTIONS: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'median (categorical: most frequent level)' },
  { value: 'mean', label: () => 'mean (categorical: most frequent level)' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];

/** Missing-value choices for a column: numeric statistics only where they mean something. */
export function missingOptions(categorical: boolean): TransformOption<MissingStrategy>[] {
  return categorical ? CATEGORICAL_MISSING : NUMERIC_MISSING;
}

/** The choice shown for `missing`: on a categorical column 'mean' is the same as 'median'. */
export function shownMissing(missing: MissingStrategy, categorical: boolean): MissingStrategy {
  return categorical && missing === 'mean' ? 'median' : missing;
}
