/** A problem with the user's input, reported as one line on stderr (no stack trace), exit code 1. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Why a file could not be read, in Node's words: "cannot read the file (ENOENT)". */
export function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return `cannot read the file (${code})`;
}

/** An InputError naming the file that could not be read. */
export function readFailure(file: string, error: unknown): InputError {
  return new InputError(`${file}: ${cannotRead(error)}`);
}
