import { createRng } from '../random.ts';
import type { Rng } from '../random.ts';
import type { CategoricalColumn, Column, DatetimeColumn, NumericColumn, Table } from './table.ts';
import { resolveCtrSpec, TIME_COLUMN, USER_COLUMN } from './syntheticSpec.ts';
import type { CtrCategoricalField, CtrMissingByLabel, CtrSpec, CtrUsers } from './syntheticSpec.ts';
import { createZipfSampler } from './syntheticZipf.ts';

export {
  CTR_DEFAULT_SPEC,
  CTR_DEMO_SPEC,
  CTR_MAX_DAYS,
  CTR_MAX_ROWS,
  TIME_COLUMN,
  USER_COLUMN,
  resolveCtrSpec,
} from './syntheticSpec.ts';
export type {
  CtrCategoricalField,
  CtrMissingByLabel,
  CtrNumericField,
  CtrSpec,
  CtrUsers,
} from './syntheticSpec.ts';

const INTERACTION_RANK = 3;
const INTERACTION_SCALE = 0.8;
const NONLINEAR_SCALE = 0.4;
/** The user column's own streams, apart from the numbered ones, so adding it left the others as they were. */
const USER_STREAM = 1000;
/** The label-tied missingness's own stream, apart from the numbered ones, so old seeds stay as they were. */
const MISSING_BY_LABEL_STREAM = 2000;
/** The time column's own stream, apart from the numbered ones, so old seeds stay as they were. */
const TIME_STREAM = 3000;
/** 2024-01-01T00:00:00Z, the first instant of the `time` column. */
const TIME_START_MS = Date.UTC(2024, 0, 1);
const DAY_SECONDS = 86_400;

/**
 * Generates synthetic click-through data from a spec (defaults: CTR_DEFAULT_SPEC) and a seed.
 *
 * True logit = intercept + per-level effects of every categorical field + coefficient * z of
 * every numeric field (+ the interaction and non-linear terms) + the user's effect. The intercept is solved so that
 * the mean true probability equals baseRate; `click` is then drawn as Bernoulli(p_true).
 * Missing cells are drawn independently of everything else (missing completely at random), except
 * in the `missingByLabel` column, which also goes missing with a probability set by the click.
 *
 * Columns: the categorical fields (codes = Zipf rank, 0 most frequent), the numeric fields,
 * `user_id` (Zipf-drawn users with a per-user effect, never missing; a ranking group), `time`
 * (when `days` > 0: a uniform instant of those days, independent of the rest), `p_true`
 * (numeric, never a feature) and `click` (categorical, dictionary ['0', '1']).
 * Every column has its own random stream, so the same seed gives a byte-identical table, and a
 * larger `rows` extends the same feature rows (p_true shifts slightly: the intercept is re-solved).
 */
export function generateCtr(spec: Partial<CtrSpec>, seed: number): Table {
  const s = resolveCtrSpec(spec);
  const n = s.rows;
  const world = createRng(streamSeed(seed, 0));
  const logit = new Float64Array(n);
  const columns: Column[] = [];
  const codesByName = new Map<string, Int32Array>();
  let stream = 1;

  for (const field of s.categorical) {
    const exponent = field.zipfExponent ?? s.zipfExponent;
    const effects = levelEffects(field, exponent, world);
    const sampler = createZipfSampler(field.cardinality, exponent);
    const rng = createRng(streamSeed(seed, stream++));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const code = sampler.sample(rng);
      codes[i] = code;
      logit[i]! += effects[code]!;
    }
    codesByName.set(field.name, codes);
    const dictionary = field.labels
      ? [...field.labels]
      : Array.from({ length: field.cardinality }, (_, k) => `${field.name}_${k}`);
    columns.push({ kind: 'categorical', name: field.name, codes, dictionary });
  }

  for (const field of s.numeric) {
    const rng = createRng(streamSeed(seed, stream++));
    const nonlinear = s.interactions && field.name === s.nonlinearField;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      values[i] = field.distribution === 'lognormal' ? Math.exp(z) : z;
      logit[i]! += field.coefficient * z + (nonlinear ? NONLINEAR_SCALE * (z * z - 1) : 0);
    }
    columns.push({ kind: 'numeric', name: field.name, values });
  }

  if (s.interactions) addInteraction(s, codesByName, world, logit);
  const users = s.users.count > 0 ? addUsers(s.users, seed, logit) : null;

  const intercept = solveIntercept(logit, s.baseRate);
  const pTrue = new Float64Array(n);
  const click = new Int32Array(n);
  const clickRng = createRng(streamSeed(seed, stream++));
  for (let i = 0; i < n; i++) {
    const p = sigmoid(intercept + logit[i]!);
    pTrue[i] = p;
    click[i] = clickRng.next() < p ? 1 : 0;
  }

  if (s.missingRate > 0) {
    for (const column of columns) {
      blankCells(column, s.missingRate, createRng(streamSeed(seed, stream++)));
    }
  }

  if (s.missingByLabel) blankByLabel(columns, s.missingByLabel, click, seed);

  if (users) columns.push(users);
  if (s.days > 0) columns.push(timeColumn(n, s.days, seed));
  columns.push({ kind: 'numeric', name: 'p_true', values: pTrue } satisfies NumericColumn);
  columns.push({
    kind: 'categorical',
    name: 'click',
    codes: click,
    dictionary: ['0', '1'],
  } satisfies CategoricalColumn);
  return { rowCount: n, columns };
}

/** The `user_id` column: Zipf-drawn users, each adding their own N(0, effectScale^2) logit effect. */
function addUsers(users: CtrUsers, seed: number, logit: Float64Array): CategoricalColumn {
  const effectRng = createRng(streamSeed(seed, USER_STREAM));
  const effects = Float64Array.from(
    { length: users.count },
    () => users.effectScale * effectRng.normal(),
  );
  const sampler = createZipfSampler(users.count, users.zipfExponent);
  const rng = createRng(streamSeed(seed, USER_STREAM + 1));
  const codes = new Int32Array(logit.length);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = sampler.sample(rng);
    logit[i]! += effects[codes[i]!]!;
  }
  const dictionary = Array.from({ length: users.count }, (_, k) => `user_${k}`);
  return { kind: 'categorical', name: USER_COLUMN, codes, dictionary };
}

/** The `time` column: whole seconds drawn uniformly from `days` days after TIME_START_MS. */
function timeColumn(rows: number, days: number, seed: number): DatetimeColumn {
  const rng = createRng(streamSeed(seed, TIME_STREAM));
  const values = new Float64Array(rows);
  const raw: string[] = [];
  for (let i = 0; i < rows; i++) {
    values[i] = TIME_START_MS + Math.floor(rng.next() * days * DAY_SECONDS) * 1000;
    raw.push(new Date(values[i]!).toISOString());
  }
  return { kind: 'datetime', name: TIME_COLUMN, values, raw };
}

/** Per-level logit effects; for Zipf fields the spread grows with the rank (rarer = larger). */
function levelEffects(field: CtrCategoricalField, exponent: number, rng: Rng): Float64Array {
  const c = field.cardinality;
  const effects = new Float64Array(c);
  const logC = Math.log(c);
  for (let k = 0; k < c; k++) {
    const rarity = exponent > 0 && c > 1 ? 0.5 + Math.log(k + 1) / logC : 1;
    effects[k] = field.effectScale * rarity * rng.normal();
  }
  return effects;
}

/** Adds INTERACTION_SCALE * <u_a, v_b> / sqrt(rank), with latent factors u, v ~ N(0, 1). */
function addInteraction(
  s: CtrSpec,
  codesByName: Map<string, Int32Array>,
  rng: Rng,
  logit: Float64Array,
): void {
  const [nameA, nameB] = s.interactionFields;
  const codesA = codesByName.get(nameA)!;
  const codesB = codesByName.get(nameB)!;
  const factorsA = normals(cardinalityOf(s, nameA) * INTERACTION_RANK, rng);
  const factorsB = normals(cardinalityOf(s, nameB) * INTERACTION_RANK, rng);
  const scale = INTERACTION_SCALE / Math.sqrt(INTERACTION_RANK);
  for (let i = 0; i < logit.length; i++) {
    const a = codesA[i]! * INTERACTION_RANK;
    const b = codesB[i]! * INTERACTION_RANK;
    let dot = 0;
    for (let d = 0; d < INTERACTION_RANK; d++) dot += factorsA[a + d]! * factorsB[b + d]!;
    logit[i]! += scale * dot;
  }
}

function cardinalityOf(s: CtrSpec, name: string): number {
  return s.categorical.find((f) => f.name === name)!.cardinality;
}

function normals(count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

/**
 * The intercept b with mean(sigmoid(b + logit)) = rate. The mean is increasing in b, so Newton
 * steps are safe inside a shrinking bisection bracket; it converges in a handful of passes.
 */
function solveIntercept(logit: Float64Array, rate: number): number {
  let lo = -60;
  let hi = 60;
  let b = Math.log(rate / (1 - rate));
  for (let iteration = 0; iteration < 200; iteration++) {
    let mean = 0;
    let slope = 0;
    for (let i = 0; i < logit.length; i++) {
      const p = sigmoid(b + logit[i]!);
      mean += p;
      slope += p * (1 - p);
    }
    mean /= logit.length;
    slope /= logit.length;
    const gap = mean - rate;
    if (gap === 0) break;
    if (gap > 0) hi = b;
    else lo = b;
    const newton = b - gap / slope;
    const next = slope > 0 && newton > lo && newton < hi ? newton : (lo + hi) / 2;
    const step = Math.abs(next - b);
    b = next;
    if (step < 1e-12) break;
  }
  return b;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function blankCells(column: Column, rate: number, rng: Rng): void {
  if (column.kind === 'numeric') {
    const v = column.values;
    for (let i = 0; i < v.length; i++) if (rng.next() < rate) v[i] = NaN;
  } else if (column.kind === 'categorical' || column.kind === 'boolean') {
    const c = column.codes;
    for (let i = 0; i < c.length; i++) if (rng.next() < rate) c[i] = -1;
  }
}

/** Blanks the `missingByLabel` column's cells with probability whenClick or whenNoClick by the row's click. */
function blankByLabel(
  columns: Column[],
  byLabel: CtrMissingByLabel,
  click: Int32Array,
  seed: number,
): void {
  const column = columns.find((c) => c.name === byLabel.column)!;
  const rng = createRng(streamSeed(seed, MISSING_BY_LABEL_STREAM));
  for (let i = 0; i < click.length; i++) {
    const rate = click[i] === 1 ? byLabel.whenClick : byLabel.whenNoClick;
    if (rng.next() >= rate) continue;
    if (column.kind === 'numeric') column.values[i] = NaN;
    else if (column.kind === 'categorical') column.codes[i] = -1;
  }
}

/** An independent 32-bit seed per stream (a murmur3-style finalizer over seed and stream id). */
function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
