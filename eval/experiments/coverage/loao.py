"""Leave-one-author-out in the engine: each round's questions answered with the coverage model trained on the other
four rounds deciding, against the rules alone (the recording train.py made), with the three held-out measures.

Usage (from a checkout, PYTHONPATH set to it):
    python eval/experiments/coverage/loao.py /tmp/me/rules.json /tmp/me/loao.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from questions import Recorder, measures, run  # noqa: E402
from train import ROUNDS, fit, matrix, probability, rows, threshold  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", type=Path, help="train.py's recording (the rules deciding)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    from features import FEATURES

    before = json.loads(args.rules.read_text())
    data = rows(before)
    x, y = matrix(data, FEATURES, FEATURES), np.array([r["label"] for r in data])
    rule, rounds = np.array([r["status"] == "not_found" for r in data]), np.array([r["set"] for r in data])
    folds = {}
    for held in ROUNDS:
        params = fit(x[rounds != held], y[rounds != held])
        folds[held] = (params, threshold(probability(params, x[rounds != held]), y[rounds != held], rule[rounds != held]))

    def decide(key: str, features: Sequence[float]) -> bool:
        params, t = folds[key.split("/")[0]]
        return bool(probability(params, np.asarray([features], dtype=float))[0] >= t)

    after = run(Recorder(decide=decide))
    args.out.write_text(json.dumps(after))
    print("| set | rules: correct abstention / false abstention / item first | model of the other four rounds |")
    print("| --- | --- | --- |")
    for pack in ("ash", "cdc"):
        for held in ROUNDS:
            old = measures([r for r in before if r["pack"] == pack and r["set"] == held])[3]
            new = measures([r for r in after if r["pack"] == pack and r["set"] == held])[3]
            print(f"| {held} qa-{pack} | {old} | {new} |")
        old_all = measures([r for r in before if r["pack"] == pack])[3]
        print(f"| all qa-{pack} | {old_all} | {measures([r for r in after if r['pack'] == pack])[3]} |")


if __name__ == "__main__":
    main()
