import { parseArgs } from 'node:util';
import { InputError } from './inputError.ts';

/** A subcommand's positional arguments and the values of its `--name value` options. */
export interface CommandArgs<Name extends string> {
  positional: string[];
  /** Each given option's value, keyed by its name without the dashes. */
  options: Partial<Record<Name, string>>;
}

/**
 * Reads a subcommand's arguments with Node's `util.parseArgs` (`--name value` and
 * `--name=value`); every option takes a value. An unknown option or one without a value is an
 * InputError naming the command and the option: "run: unknown option --seed".
 */
export function readCommandArgs<Name extends string>(
  command: string,
  args: readonly string[],
  names: readonly Name[],
): CommandArgs<Name> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new InputError(`${command}: unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new InputError(`${command}: ${option} needs a value`);
    throw error;
  }
  const options: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = parsed.values[name];
    if (typeof value !== 'string') continue;
    if (value === '') throw new InputError(`${command}: --${name} needs a value`);
    options[name] = value;
  }
  return { positional: parsed.positionals, options };
}
