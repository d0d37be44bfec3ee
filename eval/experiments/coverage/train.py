"""Train learned coverage models on the held-out questions of v1-v5 (both packs), validated leaving one author out.

Each round's sets were written by a different author, so leaving one round out (train on four, test on the fifth,
for each of the five) measures what a model does on an author it never saw. The features are those the engine
computes at its coverage decision (features.py), recorded by questions.py with the rules deciding. A model is worth
keeping only if, on the held-out rounds, it abstains correctly more often without abstaining falsely more often
than the rules, on both packs. See README.md for the result (none is).

Usage (from a checkout, PYTHONPATH set to it; the records keep question ids, not their text):
    python eval/experiments/coverage/train.py --records /tmp/me/rules.json            # record (a few minutes), then validate
    python eval/experiments/coverage/train.py --records /tmp/me/rules.json --reuse    # validate from an earlier recording
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROUNDS = ("v1", "v2", "v3", "v4", "v5")
PACKS = ("ash", "cdc")
RULE_FEATURES = ("missing", "missing_share", "missing_zipf", "details_missing")  # the rules' own decision, as features
C = 0.3  # inverse L2 strength of the logistic model: small and smooth
Params = tuple[np.ndarray, np.ndarray, np.ndarray, float]


def rows(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The labelled questions that reached the coverage decision (their first composition's features)."""
    return [r for r in records if r["features"] and r["label"] is not None]


def fit(x: np.ndarray, y: np.ndarray, c: float = C) -> Params:
    """A balanced L2 logistic regression on standardised features: means, scales, weights, bias."""
    from sklearn.linear_model import LogisticRegression

    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit((x - means) / scales, y)
    return means, scales, model.coef_[0], float(model.intercept_[0])


def probability(params: Params, x: np.ndarray) -> np.ndarray:
    """The model's probability that each question is not addressed."""
    means, scales, weights, bias = params
    return 1.0 / (1.0 + np.exp(-(((x - means) / scales) @ weights + bias)))


def threshold(p: np.ndarray, y: np.ndarray, rule: np.ndarray) -> float:
    """The lowest threshold whose false abstentions on the training questions are no more than the rules' there."""
    allowed = int((rule & (y == 0)).sum())
    for t in np.linspace(0.05, 0.95, 91):
        if int(((p >= t) & (y == 0)).sum()) <= allowed:
            return float(t)
    return 0.95


def matrix(data: Sequence[dict[str, Any]], names: Sequence[str], keep: Sequence[str]) -> np.ndarray:
    """The chosen feature columns of the questions."""
    columns = [names.index(name) for name in keep]
    return np.array([[r["features"][0][i] for i in columns] for r in data], dtype=float)


class Data:
    """The labelled questions as arrays: labels, the rules' abstentions, rounds and packs."""

    def __init__(self, data: Sequence[dict[str, Any]]) -> None:
        self.y = np.array([r["label"] for r in data])
        self.rule = np.array([r["status"] == "not_found" for r in data])
        self.rounds = np.array([r["set"] for r in data])
        self.packs = np.array([r["pack"] for r in data])

    def counts(self, abstains: np.ndarray, mask: np.ndarray) -> tuple[int, int]:
        """(correct abstentions, false abstentions) among the masked questions."""
        return int((abstains & mask & (self.y == 1)).sum()), int((abstains & mask & (self.y == 0)).sum())


def fold_table(d: Data, x: np.ndarray) -> str:
    """Leave-one-author-out with the threshold chosen on the four training rounds: each fold, rules → model."""
    lines = ["| held out | t | ASH correct abst. | ASH false abst. | CDC correct abst. | CDC false abst. |", "| --- " * 6 + "|"]
    totals = dict.fromkeys(("n1", "n0", "r1", "r0", "m1", "m0"), 0)
    per_pack = {pack: dict(totals) for pack in PACKS}
    for held in ROUNDS:
        train, test = d.rounds != held, d.rounds == held
        params = fit(x[train], d.y[train])
        t = threshold(probability(params, x[train]), d.y[train], d.rule[train])
        abstains = probability(params, x) >= t
        cells = [held, f"{t:.2f}"]
        for pack in PACKS:
            mask = test & (d.packs == pack)
            (r1, r0), (m1, m0) = d.counts(d.rule, mask), d.counts(abstains, mask)
            n1, n0 = int((mask & (d.y == 1)).sum()), int((mask & (d.y == 0)).sum())
            for key, value in zip(("n1", "n0", "r1", "r0", "m1", "m0"), (n1, n0, r1, r0, m1, m0)):
                per_pack[pack][key] += value
            cells += [f"{r1} → {m1} of {n1}", f"{r0} → {m0} of {n0}"]
        lines.append("| " + " | ".join(cells) + " |")
        cells = ["all five", ""]
    for pack in PACKS:
        s = per_pack[pack]
        cells += [f"{s['r1'] / s['n1']:.3f} → {s['m1'] / s['n1']:.3f}", f"{s['r0'] / s['n0']:.3f} → {s['m0'] / s['n0']:.3f}"]
    return "\n".join([*lines, "| " + " | ".join(cells) + " |"])


def held_out_probabilities(d: Data, x: np.ndarray, make: Callable[[], Any], subset: np.ndarray | None = None) -> np.ndarray:
    """Each round's probabilities from a model (sklearn-style) trained on the other four (on `subset` of them)."""
    from sklearn.preprocessing import StandardScaler

    p = np.zeros(len(d.y))
    for held in ROUNDS:
        train = (d.rounds != held) & (subset if subset is not None else True)
        scaler = StandardScaler().fit(x[train])
        model = make().fit(scaler.transform(x[train]), d.y[train])
        p[d.rounds == held] = model.predict_proba(scaler.transform(x[d.rounds == held]))[:, 1]
    return p


def dominating(d: Data, p: np.ndarray) -> list[float]:
    """Thresholds at which the held-out model abstains correctly no less and falsely no more than the rules on both
    packs, and better on one (read off the held-out results: an optimistic choice)."""
    found = []
    for t in np.linspace(0.02, 0.98, 49):
        wins = []
        for pack in PACKS:
            (r1, r0), (m1, m0) = d.counts(d.rule, d.packs == pack), d.counts(p >= t, d.packs == pack)
            wins.append(m1 >= r1 and m0 <= r0 and (m1 > r1 or m0 < r0))
        if all(wins):
            found.append(round(float(t), 2))
    return found


def nested_demotion(d: Data, x: np.ndarray, c: float) -> dict[str, tuple[int, int]]:
    """Abstain where the rules do, or where a model of the questions the rules answer is sure enough; the threshold is
    the lowest that added no false abstention leaving one of the four training rounds out (nested). Added per pack."""
    answered = ~d.rule
    added = {pack: (0, 0) for pack in PACKS}
    for held in ROUNDS:
        training = [r for r in ROUNDS if r != held]
        inner = np.zeros(len(d.y))
        for r in training:
            fold = np.isin(d.rounds, [s for s in training if s != r]) & answered
            inner[d.rounds == r] = probability(fit(x[fold], d.y[fold], c), x[d.rounds == r])
        inside = np.isin(d.rounds, training) & answered
        t = next(
            (g for g in np.arange(0.5, 0.995, 0.01) if not ((inner >= g) & inside & (d.y == 0)).any() and ((inner >= g) & inside).any()),
            1.0,
        )
        p = probability(fit(x[inside], d.y[inside], c), x)
        more = (p >= t) & answered & (d.rounds == held)
        for pack in PACKS:
            right, wrong = d.counts(more, d.packs == pack)
            added[pack] = (added[pack][0] + right, added[pack][1] + wrong)
    return added


def report(records: Sequence[dict[str, Any]]) -> str:
    """The leave-one-author-out comparison of learned models with the rules, as markdown."""
    from features import FEATURES
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.neural_network import MLPClassifier

    data = rows(records)
    d = Data(data)
    full = matrix(data, FEATURES, FEATURES)
    without = matrix(data, FEATURES, [f for f in FEATURES if f not in RULE_FEATURES])
    vectors = np.array([r["vector"] for r in data], dtype=float)
    out = ["## Logistic regression, threshold chosen on the training rounds", "", "Every feature (the rules' decision among them):", ""]
    out += [fold_table(d, full), "", "Without the rules' own features:", "", fold_table(d, without), ""]
    models: dict[str, tuple[np.ndarray, Callable[[], Any]]] = {
        "logistic, features": (full, lambda: LogisticRegression(C=C, max_iter=5000, class_weight="balanced")),
        "gradient boosting (depth 2), features": (
            full,
            lambda: GradientBoostingClassifier(n_estimators=150, max_depth=2, learning_rate=0.05, random_state=0),
        ),
        "MLP (8 hidden), features": (full, lambda: MLPClassifier(hidden_layer_sizes=(8,), alpha=1.0, max_iter=4000, random_state=0)),
        "logistic, features + question vector": (
            np.hstack([full, vectors]),
            lambda: LogisticRegression(C=0.01, max_iter=5000, class_weight="balanced"),
        ),
    }
    out += [
        "## Any threshold at all",
        "",
        "| model | held-out AUC | among questions the rules answer | thresholds beating the rules on both packs |",
    ]
    out += ["| --- | --- | --- | --- |"]
    for name, (x, make) in models.items():
        p = held_out_probabilities(d, x, make)
        answered = ~d.rule
        auc, auc_answered = roc_auc_score(d.y, p), roc_auc_score(d.y[answered], p[answered])
        out.append(f"| {name} | {auc:.3f} | {auc_answered:.3f} | {', '.join(map(str, dominating(d, p))) or 'none'} |")
    out += ["", "## Abstaining more only where a model is sure (rules, or model of rule-answered questions; nested threshold)", ""]
    out += ["| features | ASH added correct / false | CDC added correct / false |", "| --- | --- | --- |"]
    for name, x, c in (("features", full, C), ("features + question vector", np.hstack([full, vectors]), 0.03)):
        added = nested_demotion(d, x, c)
        out.append(f"| {name} | {added['ash'][0]} / {added['ash'][1]} | {added['cdc'][0]} / {added['cdc'][1]} |")
    n1 = {p: int(((d.packs == p) & (d.y == 1)).sum()) for p in PACKS}
    n0 = {p: int(((d.packs == p) & (d.y == 0)).sum()) for p in PACKS}
    out += ["", f"Questions at the decision: ASH {n1['ash']} not addressed, {n0['ash']} answerable; CDC {n1['cdc']} and {n0['cdc']}."]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--reuse", action="store_true", help="read the records instead of answering the questions again")
    args = parser.parse_args()
    if not args.reuse:
        from questions import Recorder, run

        args.records.write_text(json.dumps(run(Recorder())))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        print(report(json.loads(args.records.read_text())))


if __name__ == "__main__":
    main()
