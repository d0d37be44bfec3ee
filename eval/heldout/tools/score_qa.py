"""Score eval results.jsonl (hybrid+synonyms) by the held-out set's own categories."""
import json, sys, collections
results, original = sys.argv[1], sys.argv[2]
orig = {}
for line in open(original):
    d = json.loads(line); orig[d["id"]] = d
rows = [json.loads(l) for l in open(results)]
rows = [r for r in rows if r["configuration"] == "hybrid+synonyms"]
def ok_status(r):
    return r["status"] == r["expected_status"] or r["status"] in r.get("acceptable_statuses", [])
def ok_item(r):
    if not r["expected_ids"]:
        return True
    return bool(r["answer_ids"]) and r["answer_ids"][0] in r["expected_ids"]
by = collections.defaultdict(list)
misses = []
for r in rows:
    o = orig[r["item_id"]]
    if "turns" in o:
        key = f"turn {r['turn']}"
    else:
        key = o["category"]
    good = ok_status(r) and (r["status"] != "answered" or ok_item(r))
    by[key].append(good)
    if not good:
        misses.append((r["item_id"], r["turn"], r["question"][:90], r["expected_status"], r["status"], r["expected_ids"][:2], r["answer_ids"][:2]))
print("| group | n | accuracy (status and item) |\n|---|---|---|")
for k in sorted(by):
    print(f"| {k} | {len(by[k])} | {sum(by[k])/len(by[k]):.3f} |")
allv = [g for v in by.values() for g in v]
print(f"| all | {len(allv)} | {sum(allv)/len(allv):.3f} |")
# headline targets
nd = [r for r in rows if "turns" not in orig[r["item_id"]] and orig[r["item_id"]]["category"] == "not_addressed_in_domain"]
ans = [r for r in rows if r["expected_status"] == "answered" and "turns" not in orig[r["item_id"]]]
if nd:
    print(f"\ncorrect abstention on in-domain not-addressed: {sum(r['status']=='not_found' for r in nd)}/{len(nd)} = {sum(r['status']=='not_found' for r in nd)/len(nd):.3f}")
if ans:
    fa = sum(r["status"] != "answered" for r in ans)
    first = [r for r in ans if r["expected_ids"]]
    print(f"false abstention on answerable: {fa}/{len(ans)} = {fa/len(ans):.3f}")
    print(f"expected item first (answerable with ids): {sum(ok_item(r) and r['status']=='answered' for r in first)}/{len(first)} = {sum(ok_item(r) and r['status']=='answered' for r in first)/len(first):.3f}")
print("\nmisses (id, turn, question, expected, got, expected ids, answer ids):")
for m in misses:
    print("-", " | ".join(str(x) for x in m))
