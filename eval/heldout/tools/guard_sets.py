"""Run every labelled guard set (v1-v11 and the gold ones) on the code in cwd; write verdicts and findings per text to OUT.json. Usage: guard_sets.py OUT.json [ash] [cdc]

The CDC sets quoting the PDF word for word are not in the repository; they are read from QUOTES_DIR/heldout-vN/ (default /work) where present."""
import json, os, sys, time
from pathlib import Path
from chatbot.config import PROJECT_ROOT, load_settings
from chatbot.core import build_chatbot
W = PROJECT_ROOT
ROUNDS = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
QUOTES = Path(os.environ.get("QUOTES_DIR", "/work"))
ASH = {"v1": W/"eval/heldout/guard-ash.jsonl", **{f"v{v}": W/f"eval/heldout-v{v}/guard-ash.jsonl" for v in ROUNDS},
       "gold-claims": W/"eval/guard/claims.jsonl", "gold-heldout": W/"eval/guard/heldout.jsonl", "gold-heldout2": W/"eval/guard/heldout2.jsonl"}
CDC = {"v1dev": W/"eval/heldout/guard-cdc-dev.jsonl", "v1ho": W/"eval/heldout/guard-cdc-heldout.jsonl"}
for v in ROUNDS:
    CDC[f"v{v}"] = W/f"eval/heldout-v{v}/guard-cdc.jsonl"
    if (quotes := QUOTES/f"heldout-v{v}/guard-cdc-quotes.jsonl").exists():
        CDC[f"v{v}q"] = quotes
out, which = sys.argv[1], sys.argv[2:] or ["ash", "cdc"]
res = {}
for name, sets in (("ash", ASH), ("cdc", CDC)):
    if name not in which: continue
    kw = {} if name == "ash" else {"corpus_dir": (PROJECT_ROOT / "packs/cdc-opioids-2022").resolve(), "document_dirs": (PROJECT_ROOT.parent / "shared" / "external" / "pdfs",)}
    bot = build_chatbot(load_settings(**kw))
    for sname, path in sets.items():
        cases = [json.loads(l) for l in open(path) if l.strip()]
        rows = {}; t = []
        for c in cases:
            t0 = time.perf_counter(); rep = bot.check(c["text"]); t.append((time.perf_counter()-t0)*1000)
            v = str(getattr(rep.verdict, "value", rep.verdict))
            rows[c["id"]] = {"verdict": v, "findings": [[str(getattr(f.kind, "value", f.kind)), f.recommendation_id, f.message] for f in rep.findings],
                             "exp": c["expected_verdict"], "expf": [[e["kind"], e.get("recommendation_id")] for e in c["expected_findings"]], "text": c["text"], "cat": c.get("category")}
        tp=fp=fn=0; ko=kn=0
        for r in rows.values():
            ef = r["exp"] != "pass"; gf = r["verdict"] != "pass"
            tp += ef and gf; fp += (not ef) and gf; fn += ef and not gf
            if ef:
                kn += 1; ko += all(any(k == e[0] and (e[1] is None or rid == e[1]) for k, rid, _ in r["findings"]) for e in r["expf"])
        t.sort()
        res[f"{name}-{sname}"] = {"rows": rows, "metrics": [round(tp/max(tp+fn,1),3), round(tp/max(tp+fp,1),3), round(ko/max(kn,1),3), fp, fn, len(rows), round(t[len(t)//2],1)]}
        print(f"{name}-{sname}: recall/prec/kind {res[f'{name}-{sname}']['metrics']}", flush=True)
json.dump(res, open(out, "w"), indent=0)
