/**
 * The opening of an exported Python job: its docstring (what it runs, how to run it, what matches
 * the tool and what differs) and its imports.
 */
import type { ExperimentConfig } from '../experiment/config.ts';

function describeSource(source: ExperimentConfig['data']['source']): string {
  return typeof source === 'string' ? source : `synthetic ${source.synthetic.kind} data`;
}

/** The module docstring. */
export function header(
  config: ExperimentConfig,
  summary: string,
  notes: string[],
  dataPath: string | undefined,
  dask: string | undefined,
): string {
  const source = config.data.source;
  const where = dataPath
    ? `By default it reads ${dataPath}; --data PATH reads another CSV with the same columns.`
    : `It reads the CSV given by --data: for ${describeSource(source)} write it first with\n    npm run cli -- data CONFIG.json --out data.csv`;
  const run = dask
    ? `python3 pipeline.py [--data PATH] [--dask ${dask}]`
    : 'python3 pipeline.py [--data PATH] [--model MODEL.json]';
  const lines = [
    `"""Tradeoff Lab job: ${summary},`,
    `predicting ${config.data.target} = ${config.data.positiveClass ?? '(the rarer class)'} from ${describeSource(source)}.`,
    '',
    `Exported from a Tradeoff Lab config (seed ${config.seed}). Run:`,
    `    ${run}`,
    where,
    "It prints one JSON object with the tool's metric keys and definitions (docs/design.md).",
    '',
    'What matches the tool: the column types, the encodings (one-hot top-K with an "<other>" bucket,',
    'FeatureHasher over "column=value", frequency, out-of-fold target encoding, scaling, missing',
    'values and indicators), negative downsampling with q = p / (p + (1 - p) / w) or upweighting,',
    'Platt / isotonic calibration on the validation split, and every metric.',
    "What differs: the random split is seeded but uses numpy's random stream, not the tool's, so",
    'other rows land in each part (a time split is the same); target-encoding folds likewise.',
    ...notes.flatMap((note) => wrap(note)),
  ];
  if (dask)
    lines.push(
      'Dask: the CSV (or a folder of CSV / Parquet files) is read with dask.dataframe, encoders are',
      'fitted with Dask aggregations on the training part, and the model trains on the workers.',
      'On a cluster only the address changes: --dask tcp://scheduler:8786.',
    );
  lines.push('"""');
  return lines.join('\n');
}

function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** The import block; Dask's modules only for a Dask job. */
export function imports(dask: boolean): string {
  const lines = [
    'import argparse',
    'import json',
    'import math',
    'import sys',
    '',
    'import numpy as np',
    'import pandas as pd',
    'from scipy.stats import rankdata',
    'from sklearn.calibration import _sigmoid_calibration  # Platt scaling as CalibratedClassifierCV fits it',
    'from sklearn.feature_extraction import FeatureHasher',
    'from sklearn.isotonic import IsotonicRegression',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.neural_network import MLPClassifier',
    'import xgboost as xgb',
  ];
  if (dask)
    lines.push(
      'import dask',
      'import dask.array as da',
      'import dask.dataframe as dd',
      'from distributed import Client, LocalCluster',
      'from scipy.optimize import minimize',
    );
  return lines.join('\n');
}
