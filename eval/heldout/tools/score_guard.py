"""Run the guard over labelled texts; flagged recall/precision, verdict accuracy, right kind. Usage: score_guard.py SET.jsonl OUT.md [--pack DIR]"""
import json, sys, time, collections
from chatbot.config import PROJECT_ROOT, load_settings
from chatbot.core import build_chatbot
args = sys.argv[1:]
path, out = args[0], args[1]
kw = {}
if "--pack" in args:
    from pathlib import Path
    kw = {"corpus_dir": Path(args[args.index("--pack") + 1]).resolve(), "document_dirs": (PROJECT_ROOT.parent / "shared" / "external" / "pdfs",)}
bot = build_chatbot(load_settings(**kw))
cases = [json.loads(l) for l in open(path)]
tp = fp = fn = tn = 0; kind_ok = kind_n = 0; verdict_ok = 0; times = []
misses = []
bykind = collections.Counter(); bykind_ok = collections.Counter()
for c in cases:
    t0 = time.perf_counter(); rep = bot.check(c["text"]); times.append((time.perf_counter() - t0) * 1000)
    verdict = str(getattr(rep.verdict, "value", rep.verdict))
    found = [(str(getattr(f.kind, "value", f.kind)), f.recommendation_id) for f in rep.findings]
    exp_flag = c["expected_verdict"] != "pass"; got_flag = verdict != "pass"
    tp += exp_flag and got_flag; fp += (not exp_flag) and got_flag; fn += exp_flag and not got_flag; tn += (not exp_flag) and not got_flag
    verdict_ok += verdict == c["expected_verdict"]
    if exp_flag:
        kind_n += 1
        ok = all(any(k == e["kind"] and (e.get("recommendation_id") is None or r == e["recommendation_id"]) for k, r in found) for e in c["expected_findings"])
        kind_ok += ok
        for e in c["expected_findings"]:
            bykind[e["kind"]] += 1
            bykind_ok[e["kind"]] += any(k == e["kind"] for k, r in found)
    if verdict != c["expected_verdict"] or (exp_flag and not ok):
        misses.append(f"- {c['id']} [{c.get('category')}] expected {c['expected_verdict']} {[(e['kind'], e.get('recommendation_id')) for e in c['expected_findings']]}, got {verdict} {found}: {c['text'][:140]}")
times.sort()
lines = [f"# Guard on {path}", "", f"texts {len(cases)}; flagged recall {tp/max(tp+fn,1):.3f}; flagged precision {tp/max(tp+fp,1):.3f}; verdict accuracy {verdict_ok/len(cases):.3f}; right finding kind {kind_ok/max(kind_n,1):.3f} ({kind_ok}/{kind_n}); check p50 {times[len(times)//2]:.1f} ms p95 {times[int(len(times)*0.95)]:.1f} ms", "", "| expected kind | n | found |", "|---|---|---|"]
lines += [f"| {k} | {bykind[k]} | {bykind_ok[k]} |" for k in sorted(bykind)]
lines += ["", "## Misses", *misses]
open(out, "w").write("\n".join(lines) + "\n")
print(lines[2])
