/**
 * Exports a validated experiment config as a readable Python 3 job (pandas, scikit-learn,
 * XGBoost; or Dask with xgboost.dask): the same encodings, sampling, re-calibration, calibration
 * and metric definitions (docs/design.md), so its numbers can be compared with the tool's. A
 * setting with no faithful Python equivalent is refused with an error naming the config field.
 */
import { BOOLEAN_WORDS } from '../data/schemaParsers.ts';
import type { ColumnKind } from '../data/table.ts';
import { MISSING_TOKENS } from '../data/missing.ts';
import type { ExperimentConfig } from '../experiment/config.ts';
import { featureExclusions, type LoadedDataset } from '../experiment/loadSource.ts';
import { isFeatureColumn } from '../features/featureColumns.ts';
import { MISSING_LEVEL, OTHER_LEVEL, resolveColumnSpec } from '../features/spec.ts';
import { GBDT_DEFAULTS } from '../models/gbdt/params.ts';
import { LOGISTIC_DEFAULTS } from '../models/logistic.ts';
import { MLP_DEFAULTS, MLP_LEARNING_RATES } from '../models/networkParams.ts';
import { PY_DASK } from './pythonDask.ts';
import { header, imports } from './pythonHeader.ts';
import { pyLiteral } from './pythonLiteral.ts';
import { PY_MODEL } from './pythonModel.ts';
import { PY_FEATURES, PY_METRICS, PY_READING, PY_SAMPLING, PY_SPLIT } from './pythonRuntime.ts';

/** A column of the config's data set as the tool typed it. */
export interface ExportColumn {
  name: string;
  kind: ColumnKind;
}

export interface PythonJobOptions {
  /** Every column of the data set, in table order, with the kind the tool gave it. */
  columns: readonly ExportColumn[];
  /** Columns that are never features here (a true probability, id-like columns left out). */
  exclude?: readonly string[];
  /** The CSV the script reads by default; default: the config's csv: path, else none (--data needed). */
  dataPath?: string;
  /** Run on Dask: "local:N" (a LocalCluster of N worker processes) or a scheduler address. */
  dask?: string;
}

/** A config field the exporter cannot express faithfully. */
export class ExportError extends Error {
  override name = 'ExportError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Cannot export to Python: ${field}: ${reason}`);
  }
}

/** The Python job's source text. @throws ExportError naming the field it cannot express. */
export function exportPythonJob(config: ExperimentConfig, options: PythonJobOptions): string {
  const { data, imbalance } = config;
  if (data.task !== 'binary')
    throw new ExportError(
      'data.task',
      `the Python export covers binary tasks; this is ${data.task}`,
    );
  const kindOf = new Map(options.columns.map((c) => [c.name, c.kind]));
  const targetKind = kindOf.get(data.target);
  if (targetKind === undefined)
    throw new ExportError('data.target', `the data has no column named "${data.target}"`);
  const columns = featureColumns(config, options);
  const family = config.model.family;
  const needsWeights =
    (imbalance.negativeRate < 1 && imbalance.mode === 'upweight') ||
    imbalance.classWeights === 'balanced';
  const model = modelSpec(config, needsWeights);
  for (const [a, b] of config.features.crosses ?? []) {
    for (const name of [a, b]) {
      const kind = kindOf.get(name);
      if (kind !== 'categorical' && kind !== 'boolean')
        throw new ExportError('features.crosses', `"${name}" is not a categorical column`);
    }
  }
  const w =
    (imbalance.mode === 'downsample' ? imbalance.negativeRate : 1) / imbalance.positiveUpsample;
  const dataPath = options.dataPath ?? csvPath(data.source);
  const dask = options.dask;
  if (dask !== undefined && imbalance.positiveUpsample > 1)
    throw new ExportError('imbalance.positiveUpsample', 'the Dask job does not repeat positives');
  if (dask !== undefined && family !== 'gbdt' && family !== 'logistic')
    throw new ExportError(
      'model.family',
      `the Dask job trains gbdt or logistic; this is ${family}`,
    );
  if (
    dask !== undefined &&
    data.split.method === 'random' &&
    data.split.validation === 0 &&
    imbalance.calibration !== 'none'
  )
    throw new ExportError('imbalance.calibration', 'calibration needs a validation split');

  const constants: [string, unknown, string][] = [
    ['SEED', config.seed, 'seeds the split, the sampling and the model'],
    ['DEFAULT_DATA', dataPath ?? null, 'the CSV read when --data is not given'],
    ['TARGET', data.target, ''],
    ['TARGET_KIND', targetKind, ''],
    ['POSITIVE_CLASS', data.positiveClass ?? null, 'None: the rarer class'],
    [
      'SPLIT',
      {
        method: data.split.method,
        test: data.split.test,
        validation: data.split.validation,
        timeColumn: data.split.timeColumn ?? null,
      },
      '',
    ],
    ['COLUMNS', columns, 'the feature columns in table order, each with its resolved transform'],
    ['ALL_COLUMNS', options.columns, 'every column of the data and the kind the tool gave it'],
    ['CROSSES', config.features.crosses ?? [], 'hashed crosses: [column a, column b, buckets]'],
    ['IMBALANCE', imbalance, ''],
    ['CORRECTION_W', w, 'the odds factor re-calibration undoes: w / positiveUpsample'],
    ['MODEL', model.config, 'the model config with the tool defaults filled in'],
    ...model.constants,
    [
      'EMBEDDINGS_AS_ONEHOT',
      family === 'embedding-mlp',
      'embedding columns as one-hot (approximation)',
    ],
    [
      'MISSING_TOKENS',
      [...MISSING_TOKENS],
      'cells read as missing (docs: src/lib/data/missing.ts)',
    ],
    ['BOOLEAN_WORDS', BOOLEAN_WORDS, 'word pairs read as booleans, lower-cased: [false, true]'],
    ['MISSING_LEVEL', MISSING_LEVEL, ''],
    ['OTHER_LEVEL', OTHER_LEVEL, ''],
  ];
  if (dask !== undefined)
    constants.push(['DASK', dask, 'default --dask: local:N or a scheduler address']);
  const constantLines = constants
    .map(([name, value, why]) => `${why ? `# ${why}\n` : ''}${name} = ${pyLiteral(value)}`)
    .join('\n');
  const kindOfLine = 'KIND_OF = {c["name"]: c["kind"] for c in ALL_COLUMNS}';

  return [
    '#!/usr/bin/env python3',
    header(config, model.summary, model.notes, dataPath, dask),
    imports(dask !== undefined),
    '',
    constantLines,
    kindOfLine,
    '',
    PY_READING.trim(),
    '',
    '',
    PY_SPLIT.trim(),
    '',
    '',
    PY_FEATURES.trim(),
    '',
    '',
    PY_SAMPLING.trim(),
    '',
    '',
    PY_MODEL.trim(),
    '',
    '',
    PY_METRICS.trim(),
    '',
    '',
    (dask !== undefined ? PY_DASK : PY_MAIN).trim(),
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
}

/**
 * The job for a config on its loaded data set: the column kinds and exclusions come from the
 * table the tool would train on (after the config's type overrides).
 */
export function exportPythonJobFor(
  config: ExperimentConfig,
  dataset: LoadedDataset,
  options: Omit<PythonJobOptions, 'columns' | 'exclude'> = {},
): string {
  return exportPythonJob(config, {
    ...options,
    columns: dataset.table.columns.map(({ name, kind }) => ({ name, kind })),
    exclude: featureExclusions(dataset, config),
  });
}

/** The feature columns in table order with their resolved transforms; text columns are refused. */
function featureColumns(config: ExperimentConfig, options: PythonJobOptions) {
  const exclusions = { never: [...(options.exclude ?? []), config.data.target] };
  const out: Record<string, unknown>[] = [];
  for (const { name, kind } of options.columns) {
    if (!isFeatureColumn(config.features, name, exclusions)) continue;
    if (kind === 'text')
      throw new ExportError(
        `features.columns.${name}`,
        'a text column (hashed TF-IDF) has no Python export yet: drop it ("drop": true)',
      );
    const spec = resolveColumnSpec(config.features, name);
    if ((kind === 'categorical' || kind === 'boolean') && spec.categorical === 'native') {
      const own = config.features.columns?.[name]?.categorical === 'native';
      throw new ExportError(
        own ? `features.columns.${name}.categorical` : 'features.default.categorical',
        'native categorical splits (sets of levels) have no faithful export to this XGBoost job: use onehot, hashing, frequency or target',
      );
    }
    if (spec.categorical === 'target' && spec.targetFit === 'in-sample') {
      const own = config.features.columns?.[name]?.targetFit === 'in-sample';
      throw new ExportError(
        own ? `features.columns.${name}.targetFit` : 'features.default.targetFit',
        "an in-sample target encoding leaks each row's own label (a mistake shown in a lesson): export the out-of-fold one",
      );
    }
    const { textBuckets: _text, dim: _dim, targetFit: _fit, ...transform } = spec;
    out.push({ name, kind, ...transform, constant: spec.constant ?? null });
  }
  return out;
}

interface ModelSpec {
  config: Record<string, unknown>;
  constants: [string, unknown, string][];
  summary: string;
  notes: string[];
}

/** The family's parameters with the tool defaults, their Python counterparts and what differs. */
function modelSpec(config: ExperimentConfig, needsWeights: boolean): ModelSpec {
  const model = config.model;
  switch (model.family) {
    case 'logistic': {
      const { solver: _solver, family, ...given } = model;
      const p = { ...LOGISTIC_DEFAULTS, ...defined(given) };
      return {
        config: { family, ...p },
        constants: [],
        summary: `logistic regression (scikit-learn LogisticRegression, l2 ${p.l2} as C = 1 / (l2 x sum of weights))`,
        notes: [
          `The tool fits by full-batch L-BFGS (at most ${p.maxIterations} iterations) with scikit-learn's stopping rule; LogisticRegression (lbfgs) solves the same penalised objective.`,
        ],
      };
    }
    case 'gbdt': {
      if (model.minSamplesLeaf !== undefined)
        throw new ExportError(
          'model.minSamplesLeaf',
          'XGBoost has no minimum number of rows per leaf',
        );
      const { family, ...given } = model;
      const p = { ...GBDT_DEFAULTS, ...defined(given) };
      const xgbParams: Record<string, unknown> = {
        objective: 'binary:logistic',
        tree_method: 'hist',
        max_depth: p.maxDepth,
        eta: p.learningRate,
        min_child_weight: p.minChildWeight,
        lambda: p.l2,
        subsample: p.rowSubsample,
        colsample_bytree: p.colSubsample,
        max_bin: p.maxBins,
        seed: config.seed,
        ...(p.maxLeaves !== undefined ? { max_leaves: p.maxLeaves } : {}),
      };
      const { minSamplesLeaf: _leaf, ...kept } = p;
      return {
        config: { family, ...kept },
        constants: [
          ['XGB_PARAMS', xgbParams, 'XGBoost hist with the same trees, depth and learning rate'],
        ],
        summary: `gradient-boosted trees (XGBoost hist: ${p.trees} trees, depth ${p.maxDepth}, learning rate ${p.learningRate})`,
        notes: [
          `The tool's trees also need ${GBDT_DEFAULTS.minSamplesLeaf} rows per leaf (minSamplesLeaf, scikit-learn's default); XGBoost bounds the hessian per leaf instead (min_child_weight).`,
        ],
      };
    }
    case 'mlp':
    case 'embedding-mlp': {
      const field = (name: string, reason: string) => new ExportError(`model.${name}`, reason);
      if ((model.dropout ?? 0) > 0) throw field('dropout', 'MLPClassifier has no dropout');
      if (model.activation === 'gelu') throw field('activation', 'MLPClassifier has no gelu');
      if (model.earlyStoppingPatience !== undefined)
        throw field(
          'earlyStoppingPatience',
          "MLPClassifier stops early on its own validation rows, not the config's split",
        );
      if (needsWeights)
        throw new ExportError(
          'imbalance',
          'MLPClassifier takes no sample weights (mode "upweight", classWeights)',
        );
      const { family, ...given } = model;
      const p = { ...MLP_DEFAULTS, ...defined(given) };
      const learningRate = p.learningRate ?? MLP_LEARNING_RATES[p.optimizer];
      const mlpParams = {
        hidden_layer_sizes: p.hidden,
        activation: p.activation,
        solver: p.optimizer,
        // scikit-learn adds alpha / (2 batch) |W|^2 to each batch's mean loss; the tool l2 / 2 |W|^2.
        alpha: p.l2 * p.batchSize,
        batch_size: p.batchSize,
        learning_rate_init: learningRate,
        max_iter: p.epochs,
        random_state: config.seed,
      };
      const notes = ['MLPClassifier initialises and shuffles with its own random stream.'];
      if (family === 'embedding-mlp')
        notes.push(
          "Approximated: scikit-learn has no embedding layer, so embedding columns are one-hot encoded (their maxVocab most frequent levels) and the first hidden layer plays the embedding tables' part; the numbers will differ more than for the other families.",
        );
      return {
        config: { family, ...p, learningRate },
        constants: [['MLP_PARAMS', mlpParams, 'scikit-learn MLPClassifier']],
        summary: `MLP ${p.hidden.join('x')} (scikit-learn MLPClassifier)`,
        notes,
      };
    }
  }
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The file a csv: source reads, or the name of an uploaded file (the user has it at hand). */
function csvPath(source: ExperimentConfig['data']['source']): string | undefined {
  if (typeof source !== 'string') return undefined;
  const [scheme, ...rest] = source.split(':');
  return scheme === 'csv' || scheme === 'upload' ? rest.join(':') : undefined;
}

/** The single-machine main: read, split, encode, sample, train, calibrate, score. */
const PY_MAIN = String.raw`
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="the CSV to read")
    parser.add_argument("--model", help="a MODEL.json from npm run cli -- run CONFIG.json --model-out MODEL.json, scored on this job's test rows")
    args = parser.parse_args()
    if args.data is None:
        sys.exit("give the data: --data data.csv (write it with: npm run cli -- data CONFIG.json --out data.csv)")

    frame = read_table(args.data)
    y_all, positive = binary_labels(frame)
    known = np.flatnonzero(~np.isnan(y_all))
    frame, y = frame.iloc[known].reset_index(drop=True), y_all[known]
    train, validation, test = split_rows(frame, y)

    # Every statistic is fitted on the training split only (before downsampling).
    rng = np.random.default_rng(SEED)
    fold_u = rng.random(len(train))
    fitted = fit_features(frame.iloc[train], y[train], fold_u)
    x_train = transform(frame.iloc[train], fitted, fold_u)
    x_validation = transform(frame.iloc[validation], fitted)
    x_test = transform(frame.iloc[test], fitted)
    keep, weights = sample_training(y[train], rng)
    predict = train_model(x_train.iloc[keep], y[train][keep], weights, x_validation, y[validation])

    # Re-calibration undoes the downsampling; then Platt or isotonic, fitted on validation.
    calibrate = fit_calibration(recalibrate(predict(x_validation)), y[validation])
    final = lambda x: np.clip(calibrate(recalibrate(predict(x))), 0, 1)
    base_rate = float(y[train].mean())
    result = {
        "engine": f"numpy {np.__version__}, pandas {pd.__version__}, xgboost {xgb.__version__}",
        "positiveClass": positive,
        "data": {
            "rows": len(y_all), "trainRows": len(train), "sampledTrainRows": len(keep),
            "validationRows": len(validation), "testRows": len(test), "droppedRows": len(y_all) - len(y),
            "trainBaseRate": base_rate, "sampledBaseRate": float(y[train][keep].mean()), "features": x_train.shape[1],
        },
        "metrics": {
            "validation": binary_metrics(y[validation], final(x_validation), base_rate),
            "test": binary_metrics(y[test], final(x_test), base_rate),
        },
    }
    if args.model:
        # The tool's own trained model on this job's test rows (its calibrator is not in the file).
        imported, absent = imported_model(args.model, x_test.columns)
        result["importedModel"] = {
            "file": args.model, "featuresNotProducedHere": absent,
            "test": binary_metrics(y[test], np.clip(recalibrate(imported(x_test)), 0, 1), base_rate),
        }
    print(json.dumps(result, indent=2))
`;
