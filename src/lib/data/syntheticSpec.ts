/** The parameters of the synthetic click-through data, their defaults and their validation. */

/** A categorical field of the synthetic click data: ids with Zipf-distributed frequencies. */
export interface CtrCategoricalField {
  name: string;
  /** Number of distinct levels (>= 1). */
  cardinality: number;
  /** Zipf exponent of this field's level frequencies; 0 = uniform. Default: the spec's zipfExponent. */
  zipfExponent?: number;
  /**
   * Standard deviation of the per-level logit effects. When the field is Zipf-distributed, rarer
   * levels get larger effects (scaled from 0.5x for the top level to 1.5x for the rarest).
   */
  effectScale: number;
  /** Level names, one per level; default `${name}_${k}` where k = 0 is the most frequent level. */
  labels?: string[];
}

/** A numeric field of the synthetic click data, driven by a standard normal z per row. */
export interface CtrNumericField {
  name: string;
  /** 'normal': the value is z; 'lognormal': the value is exp(z). */
  distribution: 'normal' | 'lognormal';
  /** Change in the true logit per unit of z. */
  coefficient: number;
}

/**
 * The users who see the impressions: each row's user is drawn from a Zipf law (a few heavy users,
 * a long tail with one or two impressions), and each user has a logit effect of their own, so
 * ranking within a user differs from ranking across users (docs/design.md "Ranking metrics").
 */
export interface CtrUsers {
  /**
   * Number of distinct users; 0 leaves the `user_id` column out. Default 500: at 20,000 rows a
   * mid-ranked user has a few dozen impressions, so the top 10 of a user is a real cut.
   */
  count: number;
  /** Zipf exponent of the impressions per user. Default 0.8. */
  zipfExponent: number;
  /** Standard deviation of the per-user logit effect. Default 0.8. */
  effectScale: number;
}

/**
 * Missing not at random: one feature column goes missing with a probability that depends on the
 * drawn click, so the fact that a cell is missing carries signal (a missing-indicator column can
 * learn it; a filled-in mean cannot). Applied on top of `missingRate`.
 */
export interface CtrMissingByLabel {
  /** A categorical or numeric field of the spec (not `user_id`, `p_true` or `click`). */
  column: string;
  /** Probability the cell is missing on a clicked row, 0 to 0.9. */
  whenClick: number;
  /** Probability the cell is missing on a row without a click, 0 to 0.9. */
  whenNoClick: number;
}

/** Everything that defines a synthetic click-through data set (together with the seed). */
export interface CtrSpec {
  /** Number of rows, 1 to 1,000,000. Default 20,000. */
  rows: number;
  /** Mean true click probability, 0.001 to 0.5; the intercept is solved to hit it. Default 0.05. */
  baseRate: number;
  /** Default Zipf exponent of the categorical fields. Default 1.1. */
  zipfExponent: number;
  categorical: CtrCategoricalField[];
  numeric: CtrNumericField[];
  /** Probability that any one feature cell is missing (NaN / code -1); never the target. Default 0.05. */
  missingRate: number;
  /** Missingness tied to the label in one column; default null (none). */
  missingByLabel: CtrMissingByLabel | null;
  /**
   * When true, the logit also holds a low-rank interaction between the two `interactionFields`
   * and a quadratic term 0.4 (z^2 - 1) of `nonlinearField`: terms that an additive linear model
   * cannot express. Default true.
   */
  interactions: boolean;
  /** The two categorical fields of the pairwise interaction. Default ['site_id', 'device_type']. */
  interactionFields: [string, string];
  /** The numeric field with the non-linear term. Default 'relevance'. */
  nonlinearField: string;
  /** The `user_id` column, a natural ranking group; never missing. */
  users: CtrUsers;
  /**
   * Days the impressions are spread over: each row gets a `time` (datetime, whole seconds, never
   * missing) drawn uniformly from `days` days from 2024-01-01 UTC, independently of every other
   * column, so a time split has a later test period. Default 0: no `time` column.
   */
  days: number;
}

export const CTR_MAX_ROWS = 1_000_000;

/** The synthetic data's user column. */
export const USER_COLUMN = 'user_id';

/** The synthetic data's time column, present when `days` > 0. */
export const TIME_COLUMN = 'time';

/** The most days the impressions can be spread over. */
export const CTR_MAX_DAYS = 365;

/** The default synthetic click data: four id-like fields, three numeric signals, 5% clicks. */
export const CTR_DEFAULT_SPEC: Readonly<CtrSpec> = Object.freeze<CtrSpec>({
  rows: 20_000,
  baseRate: 0.05,
  zipfExponent: 1.1,
  categorical: [
    { name: 'ad_id', cardinality: 10_000, effectScale: 0.5 },
    { name: 'site_id', cardinality: 1_000, effectScale: 0.5 },
    {
      name: 'device_type',
      cardinality: 5,
      effectScale: 0.3,
      labels: ['mobile', 'desktop', 'tablet', 'tv', 'other'],
    },
    {
      name: 'hour',
      cardinality: 24,
      zipfExponent: 0,
      effectScale: 0.15,
      labels: Array.from({ length: 24 }, (_, h) => String(h)),
    },
  ],
  numeric: [
    { name: 'bid_price', distribution: 'lognormal', coefficient: 0.25 },
    { name: 'user_engagement', distribution: 'normal', coefficient: 0.4 },
    { name: 'relevance', distribution: 'normal', coefficient: 0.3 },
  ],
  missingRate: 0.05,
  missingByLabel: null,
  interactions: true,
  interactionFields: ['site_id', 'device_type'],
  nonlinearField: 'relevance',
  users: { count: 500, zipfExponent: 0.8, effectScale: 0.8 },
  days: 0,
});

/** The small data set of the app's first screen: 20,000 rows, 10% clicks. */
export const CTR_DEMO_SPEC: Readonly<Partial<CtrSpec>> = Object.freeze({
  rows: 20_000,
  baseRate: 0.1,
});

/** Fills the defaults (undefined fields count as absent) and validates the result. */
export function resolveCtrSpec(spec: Partial<CtrSpec>): CtrSpec {
  const resolved: CtrSpec = { ...CTR_DEFAULT_SPEC };
  for (const [key, value] of Object.entries(spec)) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  validate(resolved);
  return resolved;
}

function validate(spec: CtrSpec): void {
  const { rows, baseRate, missingRate } = spec;
  if (!Number.isInteger(rows) || rows < 1 || rows > CTR_MAX_ROWS) {
    throw new RangeError(`rows must be an integer from 1 to ${CTR_MAX_ROWS}, got ${rows}`);
  }
  if (!(baseRate >= 0.001 && baseRate <= 0.5)) {
    throw new RangeError(`baseRate must be from 0.001 to 0.5, got ${baseRate}`);
  }
  if (!(missingRate >= 0 && missingRate < 1)) {
    throw new RangeError(`missingRate must be in [0, 1), got ${missingRate}`);
  }
  const names = [...spec.categorical.map((f) => f.name), ...spec.numeric.map((f) => f.name)];
  const byLabel = spec.missingByLabel;
  if (byLabel) {
    if (!names.includes(byLabel.column)) {
      throw new RangeError(
        `missingByLabel.column: no feature field "${byLabel.column}" (one of ${names.join(', ')})`,
      );
    }
    for (const key of ['whenClick', 'whenNoClick'] as const) {
      if (!(byLabel[key] >= 0 && byLabel[key] < 1)) {
        throw new RangeError(`missingByLabel.${key} must be in [0, 1), got ${byLabel[key]}`);
      }
    }
  }
  if (!Number.isInteger(spec.days) || spec.days < 0 || spec.days > CTR_MAX_DAYS) {
    throw new RangeError(`days must be an integer from 0 to ${CTR_MAX_DAYS}, got ${spec.days}`);
  }
  for (const reserved of ['p_true', 'click', USER_COLUMN, TIME_COLUMN]) {
    if (names.includes(reserved)) throw new RangeError(`"${reserved}" is a reserved column name`);
  }
  if (new Set(names).size !== names.length) throw new RangeError('Field names must be unique');
  for (const field of spec.categorical) {
    if (!Number.isInteger(field.cardinality) || field.cardinality < 1) {
      throw new RangeError(`${field.name}: cardinality must be a positive integer`);
    }
    if (field.labels && field.labels.length !== field.cardinality) {
      throw new RangeError(`${field.name}: labels must have one entry per level`);
    }
  }
  const { count, zipfExponent, effectScale } = spec.users;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`users.count must be an integer >= 0, got ${count}`);
  }
  if (!(zipfExponent >= 0) || !(effectScale >= 0)) {
    throw new RangeError('users.zipfExponent and users.effectScale must be >= 0');
  }
  if (spec.interactions) {
    for (const name of spec.interactionFields) {
      if (!spec.categorical.some((f) => f.name === name)) {
        throw new RangeError(`interactionFields: no categorical field "${name}"`);
      }
    }
    if (!spec.numeric.some((f) => f.name === spec.nonlinearField)) {
      throw new RangeError(`nonlinearField: no numeric field "${spec.nonlinearField}"`);
    }
  }
}
