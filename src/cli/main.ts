/**
 * Headless command line over src/lib: `npm run cli -- <command> [args]`.
 * Each subcommand returns its stdout text or throws; an error becomes one line on stderr and a
 * non-zero exit code.
 */
import { COMPARE_USAGE, compareCommand } from './compareCommand.ts';
import { DATA_USAGE, dataCommand } from './dataCommand.ts';
import { DATASETS_USAGE, datasetsCommand } from './datasetsCommand.ts';
import { EXPORT_USAGE, exportCommand } from './exportCommand.ts';
import { METRICS_USAGE, metricsCommand } from './metricsCommand.ts';
import { RUN_USAGE, SWEEP_USAGE } from './runArgs.ts';
import { escapeControlCharacters } from '../lib/text/quoteInput.ts';

interface Subcommand {
  usage: string;
  run(args: readonly string[]): string | Promise<string>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  // Loaded on demand: tfjs takes over a second to import, which the other commands need not pay.
  run: {
    usage: RUN_USAGE,
    run: async (args) => (await import('./runCommand.ts')).runCommand(args),
  },
  data: { usage: DATA_USAGE, run: (args) => dataCommand(args) },
  sweep: {
    usage: SWEEP_USAGE,
    run: async (args) => (await import('./sweepCommand.ts')).sweepCommand(args),
  },
  datasets: { usage: DATASETS_USAGE, run: datasetsCommand },
  export: { usage: EXPORT_USAGE, run: (args) => exportCommand(args) },
  metrics: { usage: METRICS_USAGE, run: metricsCommand },
  compare: { usage: COMPARE_USAGE, run: compareCommand },
};

/** Exit codes: 0 success, 1 bad input or failure, 2 bad usage. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    const usage = `usage: npm run cli -- <command> [args]\n\n${Object.values(SUBCOMMANDS)
      .map((command) => command.usage)
      .join('\n\n')}\n`;
    (name === undefined ? process.stderr : process.stdout).write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = SUBCOMMANDS[name];
  if (command === undefined) {
    process.stderr.write(
      `unknown command ${JSON.stringify(name)}; expected one of: ${Object.keys(SUBCOMMANDS).join(', ')}\n`,
    );
    return 2;
  }
  try {
    process.stdout.write(`${await command.run(args)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // One line, and no terminal control sequences from a hostile file (messages quote input
    // through quoteInput; this is the last guard for any that does not).
    process.stderr.write(`${escapeControlCharacters(message.replace(/\s*\n\s*/g, ' '))}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
