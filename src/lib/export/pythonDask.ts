/**
 * The Dask main of an exported job: dask.dataframe reads the data, the encoders are fitted with
 * Dask aggregations on the training part, the model trains on the workers (xgboost.dask, or
 * L-BFGS over Dask arrays for logistic regression), and the client scores the predictions with
 * the same metric code as the single-machine job.
 */
export const PY_DASK = String.raw`
def read_dask(path):
    """A CSV file or glob, or a folder of CSV or Parquet files, as a Dask DataFrame."""
    import glob
    import os

    options = dict(dtype=str, keep_default_na=False, na_values=MISSING_TOKENS, blocksize="16MB")
    if os.path.isdir(path):
        if glob.glob(os.path.join(path, "*.parquet")):
            return dd.read_parquet(path)
        return dd.read_csv(os.path.join(path, "*.csv"), **options)
    return dd.read_csv(path, **options)


def with_parts(frame, positive, partition_info=None):
    """Per partition: the label, and seeded uniform draws for the split, target-encoding folds
    and downsampling (seed + partition number: reproducible for the same files and blocksize)."""
    rng = np.random.default_rng([SEED, partition_info["number"] if partition_info else 0])
    values = typed(frame[TARGET], TARGET_KIND)
    if TARGET_KIND == "numeric":
        values = np.array([None if np.isnan(v) else number_text(v) for v in values], dtype=object)
    out = frame.assign(
        _y=np.array([np.nan if v is None else float(v == positive) for v in values]),
        _split=rng.random(len(frame)),
        _fold=rng.random(len(frame)),
        _keep=rng.random(len(frame)),
    )
    if SPLIT["method"] == "time":
        column = next((c for c in ALL_COLUMNS if c["name"] == SPLIT["timeColumn"]), None)
        out["_time"] = typed(frame[SPLIT["timeColumn"]], column["kind"] if column else "datetime")
    return out


def dask_positive_class(frame):
    """The configured positive class, else the rarer of the two classes (counted by Dask)."""
    counts = frame[TARGET].dropna().value_counts().compute()
    if len(counts) != 2:
        sys.exit(f"the target {TARGET!r} has {len(counts)} classes; a binary job needs two")
    if POSITIVE_CLASS is not None:
        return POSITIVE_CLASS
    label = counts.sort_values(kind="mergesort").index[0]
    return number_text(float(label)) if TARGET_KIND == "numeric" else str(label).lower() if TARGET_KIND == "boolean" else label


def dask_split(frame):
    """(train, validation, test) Dask DataFrames. random: each row's seeded draw u goes to test
    when u < test, to validation when u < test + validation: the fractions hold in expectation,
    not stratified. time: cut points at the same ranks as the tool's time split (ties at a cut
    point all go to the earlier part); rows without a time train."""
    if SPLIT["method"] == "time":
        times = np.sort(frame["_time"].dropna().compute().to_numpy())
        test_n = round_half_up(len(times) * SPLIT["test"])
        validation_n = min(round_half_up(len(times) * SPLIT["validation"]), len(times) - test_n)
        train_end = len(times) - test_n - validation_n
        first_validation = times[train_end] if validation_n else np.inf
        first_test = times[len(times) - test_n] if test_n else np.inf
        t = frame["_time"]
        return (
            frame[t.isnull() | (t < first_validation)],
            frame[(t >= first_validation) & (t < first_test)],
            frame[t >= first_test],
        )
    u = frame["_split"]
    test_edge = SPLIT["test"]
    validation_edge = test_edge + SPLIT["validation"]
    return frame[u >= validation_edge], frame[(u >= test_edge) & (u < validation_edge)], frame[u < test_edge]


def fit_features_dask(train):
    """The encoders of fit_features, their statistics computed with Dask aggregations over the
    training part. Medians and quantile edges come from Dask's approximate quantiles."""
    fitted = {}
    for spec in COLUMNS:
        name = spec["name"]
        if spec["kind"] in ("numeric", "datetime"):
            values = train[name].map_partitions(lambda s, k=spec["kind"]: pd.Series(typed(s, k), index=s.index), meta=(name, float))
            fitted[name] = fit_numeric_dask(values, spec)
        elif spec["categorical"] != "embedding" or EMBEDDINGS_AS_ONEHOT:
            levels = train[name].map_partitions(lambda s, k=spec["kind"]: pd.Series(typed(s, k), index=s.index), meta=(name, object))
            fitted[name] = fit_categorical_dask(levels, train, spec)
    return fitted


def fit_numeric_dask(values, spec):
    """fit_numeric's statistics from Dask reductions: observed count, mean, median, variance,
    min, max and quantile edges of the filled values."""
    observed = values.dropna()
    n_all, n_observed = dask.compute(values.size, observed.size)
    missing = spec["missing"]
    if missing == "category" or n_observed == 0:
        fill = None if missing == "category" else 0.0
    elif missing == "constant":
        fill = spec["constant"] if isinstance(spec.get("constant"), (int, float)) else 0.0
    elif missing == "mean":
        fill = float(observed.mean().compute())
    else:
        fill = float(observed.quantile(0.5).compute())
    filled = observed if fill is None else values.fillna(fill)
    fitted = {"fill": fill, "shift": 0.0, "factor": 1.0, "edges": []}
    scaling = spec["numeric"]
    if scaling == "standardize":
        mean, var = dask.compute(filled.mean(), filled.var(ddof=0))
        fitted.update(shift=float(mean), factor=1 / math.sqrt(var) if var > 0 else 1.0)
    elif scaling == "minmax":
        low, high = dask.compute(filled.min(), filled.max())
        fitted.update(shift=float(low), factor=1 / (high - low) if high > low else 1.0)
    elif scaling == "quantile":
        bins = spec["quantileBins"]
        edges = []
        for q in filled.quantile([k / bins for k in range(1, bins)]).compute():
            if not edges or q > edges[-1]:
                edges.append(float(q))
        fitted["edges"] = edges
    return fitted


def fit_categorical_dask(levels, train, spec):
    """fit_categorical's statistics from Dask value counts and group-by sums on the training part."""
    fill = fill_from_ranked(rank_counts(levels.dropna().value_counts().compute()), spec)
    filled = levels.fillna(fill)
    counts = filled.value_counts().compute()
    fitted = {"fill": fill, **fit_level_table(rank_counts(counts), counts.sum(), spec)}
    if spec["categorical"] == "target":
        m = spec["targetSmoothing"]
        frame = train.assign(level=filled, fold=(train["_fold"] * spec["targetFolds"]).astype(int))
        by_fold = frame.groupby(["fold", "level"])["_y"].agg(["sum", "count"]).compute()
        total = by_fold.groupby(level="level").sum()
        prior = total["sum"].sum() / total["count"].sum()
        fitted.update(prior=prior, values=((total["sum"] + m * prior) / (total["count"] + m)).to_dict(), folds=[])
        for f in range(spec["targetFolds"]):
            inside = by_fold.xs(f, level="fold") if f in by_fold.index.get_level_values("fold") else total.iloc[0:0]
            outside = total.subtract(inside, fill_value=0)
            fold_prior = outside["sum"].sum() / outside["count"].sum() if outside["count"].sum() else prior
            stats = outside[outside["count"] > 0]
            fitted["folds"].append((fold_prior, ((stats["sum"] + m * fold_prior) / (stats["count"] + m)).to_dict()))
    return fitted


def dask_features(part, fitted, meta, out_of_fold):
    """The encoded features of a Dask DataFrame, partition by partition (training rows get
    out-of-fold target encodings from their fold draw)."""
    return part.map_partitions(
        lambda frame: transform(frame, fitted, frame["_fold"].to_numpy() if out_of_fold else None),
        meta=meta,
    )


def train_dask(client, x, y, weights, x_validation, y_validation):
    """Trains on the workers; returns predict(dask frame) -> numpy P(y = 1)."""
    if MODEL["family"] == "gbdt":
        names = [xgb_name(c) for c in x.columns]
        x, x_validation = x.rename(columns=xgb_name), x_validation.rename(columns=xgb_name)
        train = xgb.dask.DaskDMatrix(client, x, y, weight=weights, feature_names=names)
        prior = float((y * weights).sum().compute() / weights.sum().compute())
        early = MODEL.get("earlyStoppingRounds")
        evals = [(xgb.dask.DaskDMatrix(client, x_validation, y_validation, feature_names=names), "validation")]
        output = xgb.dask.train(
            client, dict(XGB_PARAMS, base_score=prior), train, num_boost_round=MODEL["trees"],
            evals=evals if early else (), early_stopping_rounds=early, verbose_eval=False,
        )
        booster = output["booster"]
        rounds = (0, booster.best_iteration + 1) if early else (0, 0)
        return lambda frame: np.asarray(
            xgb.dask.predict(client, booster, frame.rename(columns=xgb_name), iteration_range=rounds).compute()
        )
    # Logistic regression: the tool's objective, weighted mean log loss + l2/2 |w|^2 (bias not
    # penalised), minimised by scipy's L-BFGS on the client; each step's loss and gradient are
    # Dask reductions over the training partitions on the workers.
    X = x.to_dask_array(lengths=True).persist()
    Y = y.to_dask_array(lengths=True).persist()
    S = weights.to_dask_array(lengths=True).persist()
    total = float(S.sum().compute())
    l2 = MODEL["l2"]

    def loss_and_gradient(theta):
        z = X @ theta[:-1] + theta[-1]
        loss = (S * (da.logaddexp(0, z) - Y * z)).sum() / total
        residual = S * (1 / (1 + da.exp(-z)) - Y) / total
        loss, g_w, g_b = dask.compute(loss, X.T @ residual, residual.sum())
        w = theta[:-1]
        return loss + l2 / 2 * w @ w, np.r_[g_w + l2 * w, g_b]

    theta = minimize(loss_and_gradient, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x
    return lambda frame: 1 / (1 + np.exp(-(frame.to_dask_array(lengths=True) @ theta[:-1] + theta[-1]).compute()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="a CSV file or glob, or a folder of CSV or Parquet files")
    parser.add_argument("--dask", default=DASK, help="local:N (a LocalCluster of N processes) or a scheduler address")
    args = parser.parse_args()
    if args.data is None:
        sys.exit("give the data: --data data.csv (write it with: npm run cli -- data CONFIG.json --out data.csv)")
    if args.dask.startswith("local:"):
        cluster = LocalCluster(n_workers=int(args.dask[6:]), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(args.dask)
    try:
        result = run(client, args.data)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    result["dask"] = args.dask
    print(json.dumps(result, indent=2))


def run(client, path):
    frame = read_dask(path)
    positive = dask_positive_class(frame)
    # At least one partition per worker, so every worker trains on its share.
    workers = len(client.scheduler_info()["workers"])
    if frame.npartitions < workers:
        frame = frame.repartition(npartitions=workers)
    frame = frame.map_partitions(with_parts, positive, meta=with_parts(frame._meta, positive))
    rows = len(frame)
    frame = frame[frame["_y"].notnull()].persist()
    train, validation, test = (part.persist() for part in dask_split(frame))

    # Every statistic is fitted on the training part only (before downsampling).
    fitted = fit_features_dask(train)
    meta = transform(train._meta_nonempty, fitted).iloc[:0]
    w = IMBALANCE["negativeRate"]
    sampled = train[(train["_y"] == 1) | (train["_keep"] < w)] if w < 1 else train
    y_sampled = sampled["_y"]
    weights = y_sampled.map_partitions(lambda y: pd.Series(np.where((y == 0) & (IMBALANCE["mode"] == "upweight"), 1 / w, 1.0), index=y.index), meta=("_w", float))
    if IMBALANCE["classWeights"] == "balanced":
        share = float(y_sampled.mean().compute())
        weights = weights * y_sampled.map_partitions(lambda y: pd.Series(np.where(y == 1, 1 / (2 * share), 1 / (2 * (1 - share))), index=y.index), meta=("_w", float))
    x_train = dask_features(sampled, fitted, meta, True)
    x_validation = dask_features(validation, fitted, meta, False)
    x_test = dask_features(test, fitted, meta, False)
    predict = train_dask(client, x_train, y_sampled, weights, x_validation, validation["_y"])

    # The held-out predictions come back to the client (one number per row) to be scored.
    y_validation, y_test = validation["_y"].compute().to_numpy(), test["_y"].compute().to_numpy()
    calibrate = fit_calibration(recalibrate(predict(x_validation)), y_validation)
    final = lambda x: np.clip(calibrate(recalibrate(predict(x))), 0, 1)
    base_rate, sampled_rate = dask.compute(train["_y"].mean(), y_sampled.mean())
    train_rows, sampled_rows = len(train), len(sampled)
    return {
        "engine": f"dask {dask.__version__}, xgboost {xgb.__version__}",
        "positiveClass": positive,
        "data": {
            "rows": rows, "trainRows": train_rows, "sampledTrainRows": sampled_rows,
            "validationRows": len(y_validation), "testRows": len(y_test), "droppedRows": rows - len(frame),
            "trainBaseRate": float(base_rate), "sampledBaseRate": float(sampled_rate), "features": meta.shape[1],
        },
        "metrics": {
            "validation": binary_metrics(y_validation, final(x_validation), float(base_rate)),
            "test": binary_metrics(y_test, final(x_test), float(base_rate)),
        },
    }
`;
