"""Python baselines timed on the same rows as ours, for the side-by-side bench (issue #13).

Run with Debian's Python (scikit-learn 1.2.1, XGBoost 1.7.4):

    /usr/bin/python3 scripts/bench/pythonBaselines.py --task gbdt --csv F --trees 100 --depth 6 \
        [--train-rows N] [--repeats 3] [--categorical x30,x31]

The CSV has a header, numeric feature columns (empty cell = missing) and the 0/1 label in the
last column; the first --train-rows rows train (default 80%), the rest score the test AUC.
Prints one JSON object: per library, the minimum CPU seconds and wall seconds of the fit over
--repeats runs (the libraries interleaved run by run), and the test ROC AUC. Every library
runs on one thread. --categorical names columns holding integer codes, passed to
HistGradientBoosting as native categorical features (XGBoost is then skipped: 1.7's categorical
support needs pandas categories and is experimental).

Importable: `baselines(task, x, y, train_rows, trees, depth, repeats, categorical)` returns the
same dict, for a driver that interleaves these runs with its own.
"""

import os

# One thread each, set before numpy and the libraries start their thread pools.
for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[var] = '1'

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def timed(fit):
    """Runs fit() once; returns (model, cpu seconds, wall seconds)."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    model = fit()
    return model, time.process_time() - cpu0, time.perf_counter() - wall0


def gbdt_runners(xtr, ytr, trees, depth, categorical):
    """name -> fit function returning an object with predict_proba, for the GBDT rows."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    runners = {}
    if not categorical:
        import xgboost as xgb

        def fit_xgboost():
            return xgb.XGBClassifier(
                n_estimators=trees, max_depth=depth, learning_rate=0.1, tree_method='hist',
                max_bin=256, nthread=1, n_jobs=1, random_state=0,
            ).fit(xtr, ytr)

        runners['xgboost'] = fit_xgboost

    mask = None
    if categorical:
        mask = np.zeros(xtr.shape[1], dtype=bool)
        mask[categorical] = True

    def fit_sklearn():
        return HistGradientBoostingClassifier(
            max_iter=trees, max_depth=depth, max_leaf_nodes=None, learning_rate=0.1,
            min_samples_leaf=20, max_bins=255, early_stopping=False, random_state=0,
            categorical_features=mask,
        ).fit(xtr, ytr)

    runners['sklearn'] = fit_sklearn
    return runners


def baselines(task, x, y, train_rows, trees, depth, repeats, categorical=()):
    from sklearn.metrics import roc_auc_score

    if task != 'gbdt':
        raise ValueError(f'unknown task {task!r}')
    xtr, ytr, xte, yte = x[:train_rows], y[:train_rows], x[train_rows:], y[train_rows:]
    runners = gbdt_runners(xtr, ytr, trees, depth, list(categorical))
    out = {name: {'cpuSeconds': float('inf'), 'wallSeconds': float('inf')} for name in runners}
    for _ in range(repeats):
        for name, fit in runners.items():
            model, cpu, wall = timed(fit)
            out[name]['cpuSeconds'] = min(out[name]['cpuSeconds'], cpu)
            out[name]['wallSeconds'] = min(out[name]['wallSeconds'], wall)
            out[name]['testAuc'] = float(roc_auc_score(yte, model.predict_proba(xte)[:, 1]))
    return {
        'task': task, 'trainRows': int(train_rows), 'testRows': int(len(y) - train_rows),
        'cols': int(x.shape[1]), 'trees': trees, 'depth': depth, 'repeats': repeats,
        'categorical': list(categorical), **out,
    }


def read_csv(path):
    """Numeric CSV with a header; empty cells are NaN; label last."""
    with open(path) as f:
        header = f.readline().strip().split(',')
    data = np.genfromtxt(path, delimiter=',', skip_header=1, dtype=np.float64,
                         missing_values='', filling_values=np.nan)
    return header, data[:, :-1], data[:, -1].astype(np.int64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--task', choices=['gbdt'], required=True)
    parser.add_argument('--csv', required=True)
    parser.add_argument('--trees', type=int, default=100)
    parser.add_argument('--depth', type=int, default=6)
    parser.add_argument('--train-rows', type=int)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--categorical', default='', help='comma-separated column names')
    args = parser.parse_args()
    header, x, y = read_csv(args.csv)
    names = [n for n in args.categorical.split(',') if n]
    missing = [n for n in names if n not in header[:-1]]
    if missing:
        parser.error(f'--categorical: no column named {", ".join(missing)} in {args.csv}')
    categorical = [header.index(n) for n in names]
    train_rows = args.train_rows or int(round(0.8 * len(y)))
    print(json.dumps(baselines(args.task, x, y, train_rows, args.trees, args.depth,
                               args.repeats, categorical)))


if __name__ == '__main__':
    main()
