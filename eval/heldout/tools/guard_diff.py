"""Compare two guard_sets.py outputs: metrics per set, then every text whose verdict or findings changed (BETTER / WORSE / same). Usage: guard_diff.py BEFORE.json AFTER.json"""
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
print(f"{'set':18} {'before rec/prec/kind fp fn':34} after")
for s in b:
    print(f"{s:18} {str(a[s]['metrics'][:5]):34} {b[s]['metrics'][:5]}")
def ok(r):
    ef = r['exp'] != 'pass'
    if (r['verdict'] != 'pass') != ef: return 0
    if not ef: return 1
    return 2 if all(any(k == e[0] and (e[1] is None or rid == e[1]) for k, rid, _ in r['findings']) for e in r['expf']) else 1
for s in b:
    for i, rb in b[s]['rows'].items():
        ra = a[s]['rows'][i]
        if (ra['verdict'], [f[:2] for f in ra['findings']]) != (rb['verdict'], [f[:2] for f in rb['findings']]):
            oa, ob = ok(ra), ok(rb)
            tag = "BETTER" if ob > oa else "WORSE" if ob < oa else "same"
            print(f"{tag:6} {s} {i} exp {rb['exp']} {rb['expf']}: {ra['verdict']} {[f[:2] for f in ra['findings']]} -> {rb['verdict']} {[f[:2] for f in rb['findings']]} | {rb['text'][:110]}")
