import { writeFile } from 'node:fs/promises';
import * as tf from '../lib/tfjsCore.ts';
import { createEngineApi } from '../lib/engineApi.ts';
import { nodeHistogramThreads } from './nodeHistogramThreads.ts';
import { ConfigError } from '../lib/experiment/config.ts';
import type { SweepProgress } from '../lib/experiment/runSweep.ts';
import { parseSweep } from '../lib/experiment/sweep.ts';
import { InputError } from './inputError.ts';
import { nodeDataReader } from './nodeDataReader.ts';
import { parseRunArgs } from './runArgs.ts';
import { readConfigJson } from './configFile.ts';
import type { RunIo } from './runCommand.ts';

/**
 * `sweep SWEEP.json [--out RESULT.json] [--backend cpu|wasm]`: the SweepResult as pretty-printed
 * JSON, also written to `--out`. The backend is chosen as for `run`.
 * @throws InputError naming the file and the field for a bad sweep, or the run's failure
 */
export async function sweepCommand(args: readonly string[], io: RunIo = {}): Promise<string> {
  const { configFile: file, out, backend: requested } = parseRunArgs(args, 'sweep');
  const log = io.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const input = readConfigJson(file);
  let sweep;
  try {
    sweep = parseSweep(input);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const backend = requested ?? (sweep.base.backend === 'wasm' ? 'wasm' : 'cpu');

  tf.env().set('PROD', true);
  const reader = nodeDataReader(sweep.base.data.source, io.cwd);
  const engine = createEngineApi({
    readData: reader.read,
    histogramThreads: nodeHistogramThreads(),
  });
  const started = await engine.init(backend);
  log(`backend: ${started.active}${started.active === backend ? '' : ` (${backend} failed)`}`);
  const outcome = await engine.sweep(1, input, sweepLogger(log));
  if (!outcome.ok) throw new InputError(`${reader.lastFile() ?? file}: ${outcome.message}`);
  const json = JSON.stringify(outcome.value, null, 2);
  if (out !== undefined) {
    try {
      await writeFile(out, `${json}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(`${out}: cannot write the result (${code})`);
    }
    log(`result written to ${out}`);
  }
  return json;
}

/** One line as each run starts: point i of n (its value), seed j of k, elapsed and time left. */
function sweepLogger(log: (line: string) => void): (p: SweepProgress) => void {
  let last = '';
  return (p) => {
    const key = `${p.point}:${p.seedIndex}`;
    if (key === last) return;
    last = key;
    const left = p.remainingMs === null ? '' : `, about ${formatSeconds(p.remainingMs)} left`;
    log(
      `[${formatSeconds(p.elapsedMs).padStart(7)}] point ${p.point}/${p.points} ` +
        `(${JSON.stringify(p.value)}), seed ${p.seedIndex}/${p.seeds} (${p.seed})${left}`,
    );
  };
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
