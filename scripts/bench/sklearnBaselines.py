"""scikit-learn and pandas baselines for `npm run bench -- --compare` (issue #13): logistic
regression, MLP and CSV ingest, timed on the rows that scripts/bench.ts writes. GBDT baselines
(XGBoost, HistGradientBoosting) live in scripts/bench/pythonBaselines.py.

Run with Debian's Python (scikit-learn 1.2.1, pandas 1.5):

    /usr/bin/python3 scripts/bench/sklearnBaselines.py --task logistic --csv F --train-rows N --c C
    /usr/bin/python3 scripts/bench/sklearnBaselines.py --task hashed --csv F --train-rows N --c C
    /usr/bin/python3 scripts/bench/sklearnBaselines.py --task mlp --csv F --train-rows N --epochs 3
    /usr/bin/python3 scripts/bench/sklearnBaselines.py --task csv --csv F

The model CSVs have a header, numeric feature columns and the 0/1 label last; the first
--train-rows rows train, the rest score. One timed run per call (the driver interleaves calls with
its own runs and keeps minima). Prints one JSON object {"sklearn"|"pandas": {"cpuSeconds",
"wallSeconds", ...}}. Everything runs on one thread.
"""

import os

# One thread each, set before numpy and the libraries start their thread pools.
for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[var] = '1'

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def timed(work):
    """Runs work() once; returns (its value, cpu seconds, wall seconds)."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    value = work()
    return value, time.process_time() - cpu0, time.perf_counter() - wall0


def read_model_csv(path, train_rows):
    data = pd.read_csv(path, dtype=np.float64).to_numpy()
    x, y = data[:, :-1], data[:, -1].astype(np.int64)
    return x[:train_rows], y[:train_rows], x[train_rows:], y[train_rows:]


def one_row_predict_us(model, row, calls=2000):
    """Median microseconds of predict_proba on one row, after a warm-up."""
    for _ in range(100):
        model.predict_proba(row)
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        model.predict_proba(row)
        times.append(time.perf_counter() - t0)
    return float(np.median(times) * 1e6)


def logistic(args):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score

    xtr, ytr, xte, yte = read_model_csv(args.csv, args.train_rows)
    model, cpu, wall = timed(lambda: LogisticRegression(C=args.c, solver='lbfgs').fit(xtr, ytr))
    # The penalised objective on our scale (mean loss + l2/2 |w|^2, l2 = 1 / (C n)).
    l2 = 1 / (args.c * len(ytr))
    train_loss = log_loss(ytr, model.predict_proba(xtr)[:, 1])
    return {'sklearn': {
        'cpuSeconds': cpu, 'wallSeconds': wall, 'iterations': int(model.n_iter_[0]),
        'trainLogLoss': float(train_loss),
        'objective': float(train_loss + 0.5 * l2 * np.sum(model.coef_ ** 2)),
        'testAuc': float(roc_auc_score(yte, model.predict_proba(xte)[:, 1])),
        'predictOneUs': one_row_predict_us(model, xte[:1]),
    }}


def hashed(args):
    """FeatureHasher(2^18) on "user=<id>" + LogisticRegression lbfgs; hashing and fit are timed."""
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    data = pd.read_csv(args.csv, dtype={'user': str, 'y': np.int64})
    tokens = [[f'user={u}'] for u in data['user']]
    y = data['y'].to_numpy()
    n = args.train_rows
    hasher = FeatureHasher(n_features=2 ** 18, input_type='string')

    def fit():
        x = hasher.transform(tokens[:n])
        return LogisticRegression(C=args.c, solver='lbfgs').fit(x, y[:n]), x.nnz

    (model, nnz), cpu, wall = timed(fit)
    p = model.predict_proba(hasher.transform(tokens[n:]))[:, 1]
    return {'sklearn': {
        'cpuSeconds': cpu, 'wallSeconds': wall, 'nonZeros': int(nnz),
        'testAuc': float(roc_auc_score(y[n:], p)),
    }}


def mlp(args):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import roc_auc_score
    from sklearn.neural_network import MLPClassifier

    xtr, ytr, xte, yte = read_model_csv(args.csv, args.train_rows)
    warnings.simplefilter('ignore', ConvergenceWarning)
    model, cpu, wall = timed(lambda: MLPClassifier(
        hidden_layer_sizes=(64, 64), batch_size=1024, max_iter=args.epochs, solver='adam',
        learning_rate_init=0.001, random_state=0,
    ).fit(xtr, ytr))
    rows = len(ytr) * args.epochs
    return {'sklearn': {
        'cpuSeconds': cpu, 'wallSeconds': wall, 'rowsPerSec': rows / wall,
        'testAuc': float(roc_auc_score(yte, model.predict_proba(xte)[:, 1])),
    }}


def csv(args):
    frame, cpu, wall = timed(lambda: pd.read_csv(args.csv))
    megabytes = os.path.getsize(args.csv) / 1e6
    return {'pandas': {
        'cpuSeconds': cpu, 'wallSeconds': wall, 'rows': int(len(frame)),
        'megabytesPerCpuSecond': megabytes / cpu,
        'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        'frameBytes': int(frame.memory_usage(deep=True).sum()),
    }}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--task', choices=['logistic', 'hashed', 'mlp', 'csv'], required=True)
    parser.add_argument('--csv', required=True)
    parser.add_argument('--train-rows', type=int)
    parser.add_argument('--c', type=float, default=1.0, help="LogisticRegression's C")
    parser.add_argument('--epochs', type=int, default=3)
    args = parser.parse_args()
    print(json.dumps({'logistic': logistic, 'hashed': hashed, 'mlp': mlp, 'csv': csv}[args.task](args)))


if __name__ == '__main__':
    main()
