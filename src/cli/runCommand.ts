import { writeFile } from 'node:fs/promises';
import * as tf from '../lib/tfjsCore.ts';
import { createEngineApi } from '../lib/engineApi.ts';
import { nodeHistogramThreads } from './nodeHistogramThreads.ts';
import type { RunArtifacts } from '../lib/experiment/runExperiment.ts';
import { logisticCoefficients } from '../lib/export/logisticJson.ts';
import { toXgboostJson } from '../lib/export/xgboostJson.ts';
import { formatPredictionsCsv } from '../lib/metrics/predictionsCsv.ts';
import { readConfigJson, validateConfig } from './configFile.ts';
import { InputError } from './inputError.ts';
import { nodeDataReader } from './nodeDataReader.ts';
import { progressLogger } from './progressLog.ts';
import { DEFAULT_NODE_BACKEND, NODE_BACKENDS, parseRunArgs } from './runArgs.ts';
import { quoteInput } from '../lib/text/quoteInput.ts';

export interface RunIo {
  /** Receives progress lines (no newline); default: stderr. */
  log?: (line: string) => void;
  /** Where csv:PATH sources are resolved; default: process.cwd(). */
  cwd?: string;
}

/**
 * `run CONFIG.json [--out RESULT.json] [--backend cpu|wasm]`: returns the RunResult as
 * pretty-printed JSON (Infinity and NaN become null) and writes it to `--out` too.
 * @throws InputError naming the file (config or data) and, for a CSV problem, its line and
 *   column: for bad arguments, an unreadable file, invalid JSON or config, or a failed run.
 */
export async function runCommand(args: readonly string[], io: RunIo = {}): Promise<string> {
  const { configFile, out, backend: requested, predictionsOut, modelOut } = parseRunArgs(args);
  const log = io.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const input = readConfigJson(configFile);
  const config = validateConfig(input, configFile);
  if (
    modelOut !== undefined &&
    config.model.family !== 'gbdt' &&
    config.model.family !== 'logistic'
  )
    throw new InputError(
      `${configFile}: --model-out writes gbdt (XGBoost JSON) and logistic (coefficients) models; model.family is ${config.model.family}`,
    );
  const backend =
    requested ?? NODE_BACKENDS.find((b) => b === config.backend) ?? DEFAULT_NODE_BACKEND;

  // tfjs's "install the node backend" banner would break the one-line error contract on stderr.
  tf.env().set('PROD', true);
  const reader = nodeDataReader(config.data.source, io.cwd);
  const engine = createEngineApi({
    readData: reader.read,
    histogramThreads: nodeHistogramThreads(),
  });
  const started = await engine.init(backend);

  // Lines wait until training starts, so that a data or config error found while loading, which
  // the engine reports only at the end, is the one line on stderr. Until the first progress event
  // the engine is reading the data: a failure there is the data file's.
  const held = [
    `backend: ${started.active}${started.active === backend ? '' : ` (${backend} failed)`}`,
  ];
  let holding = true;
  const release = () => {
    holding = false;
    held.splice(0).forEach(log);
  };
  let loaded = false;
  const logProgress = progressLogger(config.model.family, (line) =>
    holding ? held.push(line) : log(line),
  );
  let artifacts: RunArtifacts | undefined;
  const outcome = await engine.train(
    1,
    input,
    (progress) => {
      loaded = true;
      if (progress.phase === 'training') release();
      logProgress(progress);
    },
    predictionsOut !== undefined || modelOut !== undefined ? (a) => (artifacts = a) : undefined,
  );
  if (!outcome.ok) {
    const file = loaded ? configFile : (reader.lastFile() ?? configFile);
    throw new InputError(`${file}: ${outcome.message}`);
  }
  release();
  // Per-row predictions are typed arrays for the app's comparisons, not part of the result JSON.
  const { testPredictions: _predictions, ...result } = outcome.value;
  const json = JSON.stringify(result, null, 2);
  if (out !== undefined) await writeOutput(out, `${json}\n`, 'result', log);
  if (artifacts !== undefined && predictionsOut !== undefined) {
    const { testRows, testY, testOutputs } = artifacts;
    const csv = formatPredictionsCsv(
      config.data.task,
      testRows,
      testY,
      testOutputs,
      result.data.classes,
    );
    await writeOutput(predictionsOut, csv, 'predictions', log);
  }
  if (artifacts !== undefined && modelOut !== undefined) {
    const { model, featureNames } = artifacts;
    if (model.family !== 'gbdt' && model.family !== 'logistic')
      throw new InputError(
        `${configFile}: --model-out: the model was trained as ${model.family} (model.solver "tfjs"); use the typed-arrays solver`,
      );
    const text =
      model.family === 'gbdt'
        ? toXgboostJson(model, featureNames)
        : JSON.stringify(logisticCoefficients(model, featureNames, result.data.classes), null, 2);
    await writeOutput(modelOut, `${text}\n`, 'model', log);
  }
  return json;
}

async function writeOutput(
  file: string,
  text: string,
  what: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${file}: cannot write the ${what} (${code})`);
  }
  log(`${what} written to ${file}`);
}
