import { open, readFile } from 'node:fs/promises';
import { existsSync, openAsBlob } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataReader, Source } from '../lib/experiment/loadSource.ts';
import { cannotRead } from './inputError.ts';

/**
 * The repository's public/ folder: built-in data set files live there, as the app serves them.
 * Found from the nearest folder above this module that holds package.json, so the same code
 * works from src/cli/ (tsx) and from the bundle in dist-cli/.
 */
export const PUBLIC_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'public', '/');

function packageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) throw new Error(`no package.json above ${dir}`);
  }
}

/** A DataReader for one run, which remembers the file it read so errors can name it. */
export interface NodeDataReader {
  read: DataReader;
  /** The last file asked for, as the user would name it (relative to cwd); undefined before. */
  lastFile(): string | undefined;
}

/**
 * The CLI's reader for one config's source. loadSource hands the reader a built-in's file
 * (relative to public/) and a `csv:PATH` source's PATH through the same call, so the two are told
 * apart by the source: only the exact PATH of a `csv:` source is read from `cwd` (or as an
 * absolute path); anything else is a built-in file under public/.
 */
export function nodeDataReader(source: Source, cwd: string = process.cwd()): NodeDataReader {
  const csvPath =
    typeof source === 'string' && source.startsWith('csv:') ? source.slice('csv:'.length) : null;
  let last: string | undefined;
  return {
    async read(path) {
      const absolute = path === csvPath ? resolve(cwd, path) : resolve(PUBLIC_DIR, path);
      last = path === csvPath ? path : relative(cwd, absolute);
      try {
        // A user's file goes in as bytes, so that the importer can detect UTF-16 and binary
        // content, and as a Blob backed by the file, read a chunk at a time, so that the file
        // is never held whole beside the table (docs/design.md, "CSV import"); built-in files
        // are small UTF-8 text.
        if (path !== csvPath) return await readFile(absolute, 'utf8');
        // openAsBlob reports a missing file without its code (ENOENT): opening it first does.
        await (await open(absolute, 'r')).close();
        return await openAsBlob(absolute);
      } catch (error) {
        // The engine passes on only the message; the caller prefixes it with lastFile().
        throw new Error(cannotRead(error));
      }
    },
    lastFile: () => last,
  };
}
