import { BUILTIN_DATASETS } from '../lib/data/builtins.ts';
import { InputError } from './inputError.ts';

export const DATASETS_USAGE = `datasets
  Lists the built-in data sets (use them as "builtin:NAME" in a config) as a JSON array.`;

/** The fields of a built-in data set a config author needs; file paths and generator specs stay out. */
export interface DatasetListing {
  name: string;
  title: string;
  task: string;
  target: string;
  positiveClass: string | null;
  /** A date/time column a time split can order by. */
  timeColumn: string | null;
  rows: number;
  description: string;
  source: string;
  licence: string;
  kind: 'file' | 'generated';
}

/** `datasets`: the built-in data sets as pretty-printed JSON, in the app's order. */
export function datasetsCommand(args: readonly string[]): string {
  if (args.length > 0)
    throw new InputError(`datasets: expected no arguments; got ${args.join(' ')}`);
  const listing: DatasetListing[] = BUILTIN_DATASETS.map((d) => ({
    name: d.name,
    title: d.title,
    task: d.task,
    target: d.target,
    positiveClass: d.positiveClass ?? null,
    timeColumn: d.timeColumn ?? null,
    rows: d.rows,
    description: d.description,
    source: d.source,
    licence: d.licence,
    kind: d.kind,
  }));
  return JSON.stringify(listing, null, 2);
}
