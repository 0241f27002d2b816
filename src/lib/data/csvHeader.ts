/** A header name that the importer changed, so the report can say so. */
export interface RenamedHeader {
  /** 0-based column position. */
  index: number;
  from: string;
  to: string;
}

/** The most columns a file may have: each costs a column buffer, a summary and a table row. */
export const MAX_COLUMNS = 10_000;

/**
 * Column names from the header record: trimmed; an empty name becomes `column_<position>`
 * (1-based); a repeated name gets `_2`, `_3`, ... until unique. Names like "__proto__" stay
 * plain strings: everything keyed by name uses arrays, Sets and Maps, never plain objects.
 * Linear in the number of columns: each repeated name resumes at the suffix it last reached,
 * so 40,000 copies of one name do not try 40,000² suffixes.
 */
export function uniqueHeaderNames(fields: readonly string[]): {
  names: string[];
  renamed: RenamedHeader[];
} {
  const wanted = fields.map((field, i) => field.trim() || `column_${i + 1}`);
  // Every name written in the file is reserved, so a rename never takes a name like "a_2"
  // that a later column already has.
  const reserved = new Set(wanted);
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const names: string[] = [];
  const renamed: RenamedHeader[] = [];
  wanted.forEach((name, index) => {
    let unique = name;
    if (taken.has(name)) {
      let suffix = nextSuffix.get(name) ?? 2;
      for (; reserved.has(unique); suffix++) unique = `${name}_${suffix}`;
      nextSuffix.set(name, suffix);
      reserved.add(unique);
    }
    taken.add(unique);
    names.push(unique);
    const original = (fields[index] ?? '').trim();
    if (unique !== original) renamed.push({ index, from: original, to: unique });
  });
  return { names, renamed };
}
