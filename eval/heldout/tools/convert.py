"""Convert the held-out sets to the baseline harness's gold format (extra fields dropped). Usage: convert.py SRC OUT [set names]"""
import json, sys, pathlib
CAT = {"not_addressed_in_domain": "not_addressed", "head_to_head": "full_sentence", "population_cue": "vignette",
       "out_of_population": "not_addressed", "answerable": "full_sentence", "out_of_scope": "out_of_scope"}
KEEP = {"question", "expected_status", "expected_ids", "acceptable_statuses", "note"}
out = pathlib.Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
src = pathlib.Path(sys.argv[1])
for name in sys.argv[3:] or ["qa-ash", "qa-cdc", "conv-ash", "conv-cdc"]:
    rows = []
    for line in open(src / f"{name}.jsonl"):
        d = json.loads(line)
        if "turns" in d:
            rows.append({"id": d["id"], "category": "multi_turn", "turns": [{k: v for k, v in t.items() if k in KEEP} for t in d["turns"]]})
        else:
            r = {k: v for k, v in d.items() if k in KEEP}
            r["id"] = d["id"]
            r["category"] = "ambiguous_population" if d["expected_status"] == "needs_clarification" else CAT[d["category"]]
            rows.append(r)
    (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(name, len(rows))
