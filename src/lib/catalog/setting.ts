/**
 * What one setting of the experiment config is (docs/design.md "The experiment config"): its config
 * path, type, default, the range the schema accepts, the range the UI offers, a label and one line
 * of help. The catalog files (`modelSettings.ts`, `featureSettings.ts`, `dataSettings.ts`,
 * `frameSettings.ts`) hold one entry per setting; the schema, the trainers' checks, the defaults,
 * the controls and the sweep knobs read them.
 */

/** A number the config holds: an integer count or a real value. */
export interface NumberSetting {
  /** Dotted config path, e.g. `model.trees`; per-column features use `features.default.<key>`. */
  path: string;
  type: 'integer' | 'number';
  /** The value used when the config leaves it out; absent where leaving it out means "off" or "derived". */
  default?: number;
  /** Smallest value the schema accepts (exclusive when `minExclusive`). */
  min: number;
  minExclusive?: true;
  /** Largest value the schema accepts; always finite, so a test can train at it. */
  max: number;
  /** The range and step the control offers: narrower than the schema where a slider needs it. */
  ui: { min: number; max: number; step: number };
  /** The control's label. */
  label: string;
  /** One line: what it does, with its unit and what a larger value costs or buys. */
  help: string;
}

/** A number setting that has a default (the config may leave it out). */
export type DefaultedNumberSetting = NumberSetting & { default: number };

/** One option of a choice: its config value, a short label and one line of help. */
export interface ChoiceOption<T extends string = string> {
  value: T;
  label: string;
  help: string;
  /** The key (in the same block) of the number that sets its size: one-hot `topK`, hashing `hashBuckets`. */
  sizedBy?: string;
}

/** A choice among named options (an encoding, a solver, a split method). */
export interface ChoiceSetting<T extends string = string> {
  path: string;
  default: T;
  options: readonly ChoiceOption<T>[];
  label: string;
  help: string;
}

/** The config values of a choice, for `v.picklist`. */
export function choiceValues<T extends string>(setting: ChoiceSetting<T>): [T, ...T[]] {
  return setting.options.map((o) => o.value) as [T, ...T[]];
}

/** The catalog's option of a choice; undefined for a value the choice does not offer. */
export function choiceOption<T extends string>(
  setting: ChoiceSetting<T>,
  value: string,
): ChoiceOption<T> | undefined {
  return setting.options.find((o) => o.value === value);
}

/** "an integer in [1, 5000]", "a number in (0, 1]": the accepted range in words. */
export function describeRange(setting: NumberSetting): string {
  const kind = setting.type === 'integer' ? 'an integer' : 'a number';
  return `${kind} in ${setting.minExclusive ? '(' : '['}${setting.min}, ${setting.max}]`;
}

/** Whether the schema accepts `value` for this setting. */
export function inRange(setting: NumberSetting, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (setting.type === 'integer' && !Number.isInteger(value)) return false;
  const aboveMin = setting.minExclusive ? value > setting.min : value >= setting.min;
  return aboveMin && value <= setting.max;
}

/**
 * The trainers' own check, the same range as the schema, for callers that skip the schema
 * (tests, benchmarks, the Python export).
 * @throws RangeError naming the setting's path, its range and the value.
 */
export function checkSetting(setting: NumberSetting, value: number): void {
  if (!inRange(setting, value)) {
    throw new RangeError(`${setting.path} must be ${describeRange(setting)}, got ${value}`);
  }
}
