/**
 * The model part of an exported job (single machine): each family's scikit-learn or XGBoost
 * equivalent, trained on the encoded training rows, returning a function that predicts P(y = 1).
 */
export const PY_MODEL = String.raw`
def xgb_name(name):
    """XGBoost refuses "[", "]" and "<" in feature names: the tool's --model-out names its features
    the same way ("origin=<other>" -> "origin=(other)")."""
    return name.replace("[", "(").replace("<", "(").replace("]", ")").replace(">", ")")


def train_model(x, y, weights, x_validation, y_validation):
    """Trains MODEL["family"] on the encoded training rows; returns predict(frame) -> P(y = 1)."""
    family = MODEL["family"]
    if family == "logistic":
        # The tool minimises the weighted mean log loss + l2/2 |w|^2; scikit-learn minimises
        # C sum(weight x log loss) + |w|^2 / 2: the same optimum when C = 1 / (l2 sum(weights)).
        l2 = MODEL["l2"]
        model = LogisticRegression(
            penalty="l2" if l2 > 0 else None,
            C=1 / (l2 * weights.sum()) if l2 > 0 else 1.0,
            max_iter=2000,
        )
        model.fit(x, y, sample_weight=weights)
        return lambda frame: model.predict_proba(frame)[:, 1]
    if family == "gbdt":
        names = [xgb_name(c) for c in x.columns]
        train = xgb.DMatrix(x.to_numpy(), label=y, weight=weights, feature_names=names)
        # Boosting starts from the weighted training prior, as the tool's trees do.
        params = dict(XGB_PARAMS, base_score=float(np.average(y, weights=weights)))
        early = MODEL.get("earlyStoppingRounds")
        evals = [(xgb.DMatrix(x_validation.to_numpy(), label=y_validation, feature_names=names), "validation")]
        booster = xgb.train(
            params, train, num_boost_round=MODEL["trees"],
            evals=evals if early else (), early_stopping_rounds=early, verbose_eval=False,
        )
        rounds = (0, booster.best_iteration + 1) if early else (0, 0)
        return lambda frame: booster.predict(
            xgb.DMatrix(frame.to_numpy(), feature_names=names), iteration_range=rounds
        )
    model = MLPClassifier(**MLP_PARAMS)
    model.fit(x.to_numpy(), y)
    return lambda frame: model.predict_proba(frame.to_numpy())[:, 1]


def imported_model(path, columns):
    """predict(frame) of a model the tool wrote with run --model-out: XGBoost JSON (gbdt) or
    coefficients by feature name (logistic). Features are matched by name; one this job does not
    produce (a level outside its own top-K) is 0."""
    with open(path) as file:
        saved = json.load(file)
    if saved.get("family") == "logistic":
        weights = {c["feature"]: c["weights"][0] for c in saved["coefficients"]}
        names = list(weights)
        w = np.array([weights[n] for n in names])
        predict = lambda frame: 1 / (1 + np.exp(-(saved["intercept"][0] + frame.reindex(columns=names, fill_value=0.0).to_numpy() @ w)))
        return predict, len(set(names) - set(columns))
    booster = xgb.Booster()
    booster.load_model(path)
    names = booster.feature_names
    ours = {xgb_name(c): c for c in columns}
    predict = lambda frame: booster.predict(xgb.DMatrix(
        frame.rename(columns=xgb_name).reindex(columns=names, fill_value=0.0).to_numpy(), feature_names=names
    ))
    return predict, len(set(names) - set(ours))
`;
