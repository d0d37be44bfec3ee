"""Ask a held-out set straight through Chatbot.ask (no gold-id validation): writes results.jsonl like chatbot eval's."""
import inspect, json, sys
from pathlib import Path
from chatbot.config import load_settings
from chatbot.core import build_chatbot
gold, pack, out = sys.argv[1], Path(sys.argv[2]).resolve(), sys.argv[3]
settings = load_settings(corpus_dir=pack)
params = list(inspect.signature(build_chatbot).parameters)
bot = build_chatbot(settings, lambda *a: None, lambda m: None) if params[1] == "progress" else build_chatbot(settings)
rows = []
for line in open(gold):
    d = json.loads(line)
    turns = d.get("turns") or [d]
    session = None
    for n, t in enumerate(turns, 1):
        r = bot.ask(t["question"], session_id=session)
        session = r.session_id
        rows.append({"configuration": "hybrid+synonyms", "item_id": d["id"], "turn": n, "question": t["question"], "expected_status": t["expected_status"],
                     "acceptable_statuses": t.get("acceptable_statuses", []), "expected_ids": t["expected_ids"], "status": r.answer.status.value,
                     "answer_ids": list(r.answer.recommendation_ids)})
open(out, "w").write("".join(json.dumps(r) + "\n" for r in rows))
