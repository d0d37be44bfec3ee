"""Property follow-ups: right (status and item) overall, and when the turn before was right."""
import json, sys
results, original = sys.argv[1], sys.argv[2]
orig = {json.loads(l)["id"]: json.loads(l) for l in open(original)}
rows = {(r["item_id"], r["turn"]): r for r in map(json.loads, open(results)) if r["configuration"] == "hybrid+synonyms"}
def good(r):
    ok = r["status"] == r["expected_status"] or r["status"] in r.get("acceptable_statuses", [])
    return bool(ok and (r["status"] != "answered" or not r["expected_ids"] or (r["answer_ids"] and r["answer_ids"][0] in r["expected_ids"])))
tot = right = cond_n = cond_right = 0
for cid, conv in orig.items():
    for n, turn in enumerate(conv.get("turns", []), start=1):
        if not turn.get("property"):
            continue
        r = rows.get((cid, n))
        if r is None:
            continue
        tot += 1; right += good(r)
        prev = rows.get((cid, n - 1))
        if prev is not None and good(prev):
            cond_n += 1; cond_right += good(r)
print(f"property follow-ups right: {right}/{tot}; when the turn before was right: {cond_right}/{cond_n}")
