/**
 * The Python functions of an exported job (single machine): reading, labels, split, per-column
 * encoders, sampling, calibration and the metrics of docs/design.md. Each block is plain Python
 * that reads the job's constants (SEED, TARGET, COLUMNS, ...); pythonJob.ts writes those and
 * strings the blocks together.
 */

/** Reading the CSV with the tool's missing tokens, and typing each column as the tool did. */
export const PY_READING = String.raw`
def read_table(path):
    """The CSV as text, with the tool's missing-value tokens read as missing."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=MISSING_TOKENS)
    needed = [TARGET] + [c["name"] for c in COLUMNS] + ([SPLIT["timeColumn"]] if SPLIT["timeColumn"] else [])
    absent = [name for name in needed if name not in frame.columns]
    if absent:
        sys.exit(f"{path}: no column named {absent[0]!r} (columns: {', '.join(frame.columns)})")
    return frame


def typed(series, kind):
    """A column's values as the tool reads them: numbers (NaN = missing), epoch milliseconds for
    dates (UTC unless the text has an offset), "true"/"false" for booleans, else text (None = missing)."""
    if kind == "numeric":
        return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    if kind == "datetime":
        when = pd.to_datetime(series, utc=True, errors="coerce")
        ms = when.to_numpy(dtype="datetime64[ms]").astype("int64").astype(float)
        ms[when.isna().to_numpy()] = np.nan
        return ms
    text = [None if pd.isna(v) else str(v) for v in series]
    if kind == "boolean":
        words = {w: str(i == 1).lower() for pair in BOOLEAN_WORDS for i, w in enumerate(pair)}
        return np.array([None if v is None else words.get(v.lower(), v) for v in text], dtype=object)
    return np.array(text, dtype=object)


def number_text(v):
    """A number as JavaScript writes it (1.0 -> "1"), as the tool names a numeric target's classes."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def binary_labels(frame):
    """y in {0, 1} (NaN where the target is missing) and the positive class: the configured one,
    else the rarer class (ties: the class seen first)."""
    values = typed(frame[TARGET], TARGET_KIND)
    if TARGET_KIND == "numeric":
        values = np.array([None if np.isnan(v) else number_text(v) for v in values], dtype=object)
    present = [v for v in dict.fromkeys(values) if v is not None]
    if len(present) != 2:
        sys.exit(f"the target {TARGET!r} has {len(present)} classes; a binary job needs two")
    counts = {c: int(np.sum(values == c)) for c in present}
    positive = POSITIVE_CLASS if POSITIVE_CLASS is not None else min(present, key=lambda c: counts[c])
    if positive not in counts:
        sys.exit(f"the positive class {positive!r} does not occur in {TARGET!r}")
    y = np.array([np.nan if v is None else float(v == positive) for v in values])
    return y, positive
`;

/** The seeded split: same kinds and sizes as the tool, not the same random stream. */
export const PY_SPLIT = String.raw`
def round_half_up(x):
    """JavaScript's Math.round (Python's round() rounds halves to even)."""
    return int(math.floor(x + 0.5))


def split_rows(frame, y):
    """Positions of the train, validation and test rows among the rows with a known target.
    random: stratified by the label, sizes round(n test) and round(n (test + validation)) - that;
    seeded, but not the tool's random stream, so the rows differ. time: the latest rows by
    SPLIT["timeColumn"] are the test part, the ones before them validation, rows without a time
    train; this is the tool's split exactly."""
    n = len(y)
    index = np.arange(n)
    if SPLIT["method"] == "time":
        column = next((c for c in ALL_COLUMNS if c["name"] == SPLIT["timeColumn"]), None)
        t = typed(frame[SPLIT["timeColumn"]], column["kind"] if column else "datetime")
        known = index[~np.isnan(t)]
        ordered = known[np.lexsort((known, t[known]))]
        test_n = round_half_up(len(known) * SPLIT["test"])
        validation_n = min(round_half_up(len(known) * SPLIT["validation"]), len(known) - test_n)
        train_end = len(known) - test_n - validation_n
        train = np.sort(np.concatenate([ordered[:train_end], index[np.isnan(t)]]))
        return train, np.sort(ordered[train_end : len(known) - test_n]), np.sort(ordered[len(known) - test_n :])
    holdout_n = round_half_up(n * (SPLIT["test"] + SPLIT["validation"]))
    test_n = min(round_half_up(n * SPLIT["test"]), holdout_n)
    train, holdout = train_test_split(index, test_size=holdout_n, stratify=y, random_state=SEED)
    if holdout_n == test_n:
        return np.sort(train), np.array([], dtype=int), np.sort(holdout)
    validation, test = train_test_split(holdout, test_size=test_n, stratify=y[holdout], random_state=SEED)
    return np.sort(train), np.sort(validation), np.sort(test)
`;

/** Per-column encoders, fitted on the training rows only, named as the tool names its features. */
export const PY_FEATURES = String.raw`
def fit_numeric(values, spec):
    """Imputation, then scaling, fitted on training values (NaN = missing), as the tool does it:
    the scaler sees the filled values; under missing "category" it sees only observed values and a
    missing value becomes 0 with an indicator column."""
    observed = np.sort(values[~np.isnan(values)])
    missing = spec["missing"]
    if missing == "category":
        fill = None
    elif missing == "constant":
        fill = spec["constant"] if isinstance(spec.get("constant"), (int, float)) else 0.0
    elif missing == "mean":
        fill = observed.mean() if len(observed) else 0.0
    else:
        fill = np.percentile(observed, 50) if len(observed) else 0.0
    filled = observed if fill is None else np.sort(np.concatenate([observed, np.full(len(values) - len(observed), fill)]))
    fitted = {"fill": fill, "shift": 0.0, "factor": 1.0, "edges": []}
    scaling = spec["numeric"]
    if scaling == "standardize" and len(filled):
        std = filled.std()
        fitted.update(shift=filled.mean(), factor=1 / std if std > 0 else 1.0)
    elif scaling == "minmax" and len(filled):
        low, high = filled[0], filled[-1]
        fitted.update(shift=low, factor=1 / (high - low) if high > low else 1.0)
    elif scaling == "quantile" and len(filled):
        bins = spec["quantileBins"]
        edges = []
        for q in np.percentile(filled, [100 * k / bins for k in range(1, bins)]):
            if not edges or q > edges[-1]:
                edges.append(q)
        fitted["edges"] = edges
    return fitted


def encode_numeric(name, values, spec, fitted, out):
    """Adds the column's features to out (name -> array)."""
    missing = np.isnan(values)
    v = values if fitted["fill"] is None else np.where(missing, fitted["fill"], values)
    scaling = spec["numeric"]
    if scaling == "quantile":
        edges = np.array(fitted["edges"])
        bucket = np.searchsorted(edges, v, side="right")
        if spec["quantileOutput"] == "onehot":
            for b in range(len(edges) + 1):
                out[f"{name}=q{b}"] = np.where(missing & (fitted["fill"] is None), 0.0, (bucket == b).astype(float))
        else:
            scaled = bucket / len(edges) if len(edges) else np.zeros(len(v))
            out[f"{name}_quantile"] = np.where(missing & (fitted["fill"] is None), 0.0, scaled)
    else:
        g = np.sign(v) * np.log1p(np.abs(v)) if scaling == "log1p" else v
        out[name] = np.where(np.isnan(v), 0.0, (g - fitted["shift"]) * fitted["factor"])
    if spec["indicator"] or spec["missing"] == "category":
        out[f"{name}_missing"] = missing.astype(float)


def rank_counts(counts):
    """(level, count) pairs of a value_counts() most frequent first, ties by level, as the tool
    ranks a vocabulary."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def ranked_levels(levels):
    """rank_counts over a list of levels."""
    return rank_counts(pd.Series(levels).value_counts())


def fill_from_ranked(observed, spec):
    """The level a missing categorical value becomes: the constant, the most frequent observed
    training level (missing "mean"/"median"; observed is ranked_levels' order), or "<missing>"."""
    if spec["missing"] == "constant" and spec.get("constant") is not None:
        return str(spec["constant"])
    if spec["missing"] in ("mean", "median"):
        return observed[0][0] if observed else MISSING_LEVEL
    return MISSING_LEVEL


def fill_level(values, spec):
    """fill_from_ranked over one column's training values."""
    return fill_from_ranked(ranked_levels([v for v in values if v is not None]), spec)


def fit_level_table(ranked, total, spec):
    """The per-level part of an encoding from the filled training levels ranked as ranked_levels
    does: the one-hot or embedding vocabulary, or each level's share of the total rows."""
    encoding = spec["categorical"]
    if encoding in ("onehot", "embedding"):
        cap = spec["topK"] if encoding == "onehot" else spec["maxVocab"]
        kept = [level for level, count in ranked if count >= spec["minFrequency"]]
        return {"levels": kept[:cap] if cap > 0 else kept}
    if encoding == "frequency":
        return {"share": {level: count / total for level, count in ranked}}
    return {}


def folds_of(fold_u, spec):
    """Each training row's target-encoding fold: a seeded uniform draw per row, cut into
    targetFolds parts (the tool hashes the row index instead: same idea, other rows)."""
    return None if fold_u is None else (fold_u * spec["targetFolds"]).astype(int)


def fit_categorical(values, spec, y, fold_u):
    """The training statistics of one categorical column's encoding."""
    fill = fill_level(values, spec)
    filled = [fill if v is None else v for v in values]
    fitted = {"fill": fill, **fit_level_table(ranked_levels(filled), len(values), spec)}
    if spec["categorical"] == "target":
        fitted.update(fit_target(np.array(filled, dtype=object), y, folds_of(fold_u, spec), spec))
    return fitted


def fit_target(levels, y, folds, spec):
    """Smoothed mean label per level, (sum + m prior) / (count + m); per fold, the same over the
    training rows outside the fold (the out-of-fold value a training row gets)."""
    m = spec["targetSmoothing"]
    frame = pd.DataFrame({"level": levels, "y": y, "fold": folds})
    prior = frame["y"].mean()
    total = frame.groupby("level")["y"].agg(["sum", "count"])
    fitted = {"prior": prior, "values": ((total["sum"] + m * prior) / (total["count"] + m)).to_dict(), "folds": []}
    for f in range(spec["targetFolds"]):
        outside = frame[frame["fold"] != f]
        fold_prior = outside["y"].mean() if len(outside) else prior
        stats = outside.groupby("level")["y"].agg(["sum", "count"])
        fitted["folds"].append((fold_prior, ((stats["sum"] + m * fold_prior) / (stats["count"] + m)).to_dict()))
    return fitted


def encode_categorical(name, values, spec, fitted, out, fold_u=None):
    """Adds the column's features to out. fold_u: given for the training rows the encoder was
    fitted on, which get out-of-fold target encodings."""
    missing = np.array([v is None for v in values])
    filled = [fitted["fill"] if v is None else v for v in values]
    encoding = spec["categorical"]
    if encoding in ("onehot", "embedding"):
        column = {level: i for i, level in enumerate(fitted["levels"])}
        slot = np.array([column.get(v, len(column)) for v in filled])
        for i, level in enumerate(fitted["levels"] + [OTHER_LEVEL]):
            out[f"{name}={level}"] = (slot == i).astype(float)
    elif encoding == "hashing":
        # FeatureHasher hashes "column=value" with MurmurHash3 (seed 0): bucket |h| mod N, sign of h.
        hashed = hash_tokens([f"{name}={v}" for v in filled], spec["hashBuckets"])
        for b in range(spec["hashBuckets"]):
            out[f"{name}#hash{b}"] = hashed[:, b]
    elif encoding == "frequency":
        out[f"{name}_frequency"] = np.array([fitted["share"].get(v, 0.0) for v in filled])
    elif encoding == "target":
        folds = folds_of(fold_u, spec)
        if folds is None:
            out[f"{name}_target"] = np.array([fitted["values"].get(v, fitted["prior"]) for v in filled])
        else:
            out[f"{name}_target"] = np.array(
                [fitted["folds"][f][1].get(v, fitted["folds"][f][0]) for v, f in zip(filled, folds)]
            )
    if spec["indicator"]:
        out[f"{name}_missing"] = missing.astype(float)


def hash_tokens(tokens, buckets):
    """One signed hashed feature per token: scikit-learn's FeatureHasher (MurmurHash3, seed 0,
    bucket |h| mod N, sign of h), the tool's hashing convention (docs/design.md)."""
    if not tokens:
        return np.zeros((0, buckets))
    hasher = FeatureHasher(n_features=buckets, input_type="string", alternate_sign=True)
    return hasher.transform([[token] for token in tokens]).toarray()


def encode_crosses(frame, out):
    """Hashed crosses: "a=<value>&b=<value>" (missing values as "<missing>"), signed buckets."""
    for a, b, buckets in CROSSES:
        va, vb = (typed(frame[c], KIND_OF[c]) for c in (a, b))
        tokens = [f"{a}={MISSING_LEVEL if x is None else x}&{b}={MISSING_LEVEL if z is None else z}" for x, z in zip(va, vb)]
        hashed = hash_tokens(tokens, buckets)
        for k in range(buckets):
            out[f"{a}*{b}#hash{k}"] = hashed[:, k]


def fit_features(frame, y, fold_u):
    """Every column's encoder, fitted on the training rows (frame, y) only."""
    fitted = {}
    for spec in COLUMNS:
        values = typed(frame[spec["name"]], spec["kind"])
        if spec["kind"] in ("numeric", "datetime"):
            fitted[spec["name"]] = fit_numeric(values, spec)
        elif spec["categorical"] != "embedding" or EMBEDDINGS_AS_ONEHOT:
            fitted[spec["name"]] = fit_categorical(values, spec, y, fold_u)
    return fitted


def transform(frame, fitted, fold_u=None):
    """The feature matrix of some rows as a DataFrame, columns named as the tool names them."""
    out = {}
    for spec in COLUMNS:
        if spec["name"] not in fitted:
            continue  # an embedding column, which only the embedding model reads
        values = typed(frame[spec["name"]], spec["kind"])
        if spec["kind"] in ("numeric", "datetime"):
            encode_numeric(spec["name"], values, spec, fitted[spec["name"]], out)
        else:
            encode_categorical(spec["name"], values, spec, fitted[spec["name"]], out, fold_u)
    encode_crosses(frame, out)
    return pd.DataFrame(out, index=frame.index).astype(np.float32)
`;

/** Negative downsampling, upsampling and weights, and the probability corrections after training. */
export const PY_SAMPLING = String.raw`
def sample_training(y, rng):
    """Training positions kept and their weights: every positive and a fraction w of negatives;
    positives repeated positiveUpsample times; "upweight" gives kept negatives weight 1/w;
    balanced class weights n / (2 n_class)."""
    w = IMBALANCE["negativeRate"]
    keep = np.flatnonzero((y == 1) | (rng.random(len(y)) < w)) if w < 1 else np.arange(len(y))
    factor = IMBALANCE["positiveUpsample"]
    if factor > 1:
        copies = np.where(y[keep] == 1, np.floor(factor) + (rng.random(len(keep)) < factor % 1), 1).astype(int)
        keep = np.repeat(keep, copies)
    weights = np.ones(len(keep))
    if w < 1 and IMBALANCE["mode"] == "upweight":
        weights[y[keep] == 0] = 1 / w
    if IMBALANCE["classWeights"] == "balanced":
        for c in (0, 1):
            share = np.mean(y[keep] == c)
            weights[y[keep] == c] *= 1 / (2 * share) if share > 0 else 0
    return keep, weights


def recalibrate(p):
    """q = p / (p + (1 - p) / w) after training on a fraction w of the negatives (docs: He et al. 2014)."""
    w = CORRECTION_W
    if w >= 1 or not IMBALANCE["recalibrate"]:
        return p
    return p / (p + (1 - p) / w)


def fit_calibration(p, y):
    """Platt (on the clipped logit, as scikit-learn's CalibratedClassifierCV) or isotonic,
    fitted on the validation split's corrected probabilities; None when off."""
    kind = IMBALANCE["calibration"]
    if kind == "none" or len(y) == 0:
        return lambda q: q
    if kind == "platt":
        logit = lambda q: np.log(np.clip(q, 1e-7, 1 - 1e-7) / (1 - np.clip(q, 1e-7, 1 - 1e-7)))
        a, b = _sigmoid_calibration(logit(p), y)
        return lambda q: 1 / (1 + np.exp(a * logit(q) + b))
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(p, y)
    return iso.predict
`;

/** The binary metrics exactly as docs/design.md defines them, with the result's keys. */
export const PY_METRICS = String.raw`
def binary_metrics(y, p, base_rate):
    """The tool's binary metrics (docs/design.md "Definitions"): accuracy at p >= 0.5, ROC AUC as
    Mann-Whitney U with ties counting one half, average precision without interpolation, log loss
    with p clipped to [1e-15, 1 - 1e-15], Brier, ECE over 10 bins min(floor(10 p), 9), normalized
    entropy over the training base rate, calibration ratio sum(p) / sum(y), reliability bins."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    n, positives = len(y), int(y.sum())
    negatives = n - positives
    predicted = p >= 0.5
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / positives if positives else None
    f1_denominator = 2 * tp + fp + (positives - tp)
    f1 = 2 * tp / f1_denominator if f1_denominator else None
    ranks = rankdata(p)
    auc = (ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives) if positives and negatives else None
    order = np.argsort(-p, kind="mergesort")
    distinct = np.r_[np.flatnonzero(np.diff(p[order])), n - 1]
    tps = np.cumsum(y[order])[distinct]
    fps = distinct + 1 - tps
    ap = float(np.sum(np.diff(np.r_[0, tps / positives]) * tps / (tps + fps))) if positives else None
    clipped = np.clip(p, 1e-15, 1 - 1e-15)
    log_loss = float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))) if n else None
    entropy = -(base_rate * math.log(base_rate) + (1 - base_rate) * math.log(1 - base_rate)) if 0 < base_rate < 1 else None
    bins = np.minimum(np.floor(10 * p), 9).astype(int)
    reliability, ece = [], 0.0
    for b in range(10):
        inside = bins == b
        count = int(inside.sum())
        mean_p = float(p[inside].mean()) if count else None
        rate = float(y[inside].mean()) if count else None
        if count:
            ece += count / n * abs(rate - mean_p)
        reliability.append({"lower": b / 10, "upper": (b + 1) / 10, "meanPredicted": mean_p, "observedRate": rate, "count": count, "weight": count})
    return {
        "count": n,
        "positives": positives,
        "baseRate": base_rate,
        "threshold": 0.5,
        "accuracy": float(np.mean(predicted == (y == 1))) if n else None,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "rocAuc": float(auc) if auc is not None else None,
        "averagePrecision": ap,
        "logLoss": log_loss,
        "brier": float(np.mean((p - y) ** 2)) if n else None,
        "ece": ece if n else None,
        "normalizedEntropy": log_loss / entropy if entropy and log_loss is not None else None,
        "calibrationRatio": float(p.sum() / y.sum()) if y.sum() > 0 else None,
        "reliability": reliability,
    }
`;
