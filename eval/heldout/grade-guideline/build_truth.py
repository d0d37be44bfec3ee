#!/usr/bin/env python3
"""Write statements.json from the statement data in make_pdf.py and verify it
against the text that pypdf extracts from guideline.pdf (text presence and
start page of every statement)."""
import json
import os
import re
import sys

from pypdf import PdfReader

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_pdf as m  # noqa: E402

PDF = os.path.join(HERE, "guideline.pdf")


def norm(t):
    t = t.replace("\u00ad", "")
    t = re.sub(r"-\s*\n\s*", "-", t)  # line break after a hyphen
    return re.sub(r"\s+", " ", t).strip()


def page_texts():
    reader = PdfReader(PDF)
    assert reader.metadata.title == m.TITLE, reader.metadata.title
    out = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        keep = [ln for ln in lines
                if not ln.startswith(m.JOURNAL.upper())
                and "ICDC guideline: delirium in hospitalised adults" not in ln
                and not ln.startswith(m.CITATION)
                and not re.fullmatch(r"Page \d+ of \d+", ln.strip())]
        out.append(norm("\n".join(keep)))
    return out


def main():
    pages = page_texts()
    whole = " ".join(pages)
    print("pages:", len(pages))
    records, ok = [], True
    for s in m.STATEMENTS:
        text = m.full_text(s)
        lab = m.label(s)
        found = [i + 1 for i, p in enumerate(pages) if lab in p]
        if len(found) != 1:
            print("LABEL PROBLEM", lab, found)
            ok = False
        page = found[0] if found else None
        in_whole = norm(lab + " " + text) in whole
        start_on_page = page is not None and norm(lab + " " + text[:60]) in pages[page - 1]
        tail = norm(s["body"][-45:])
        ends_on = [i + 1 for i, p in enumerate(pages) if tail in p]
        flag = "ok" if in_whole and start_on_page else "MISSING"
        if flag != "ok":
            ok = False
        print("%-6s page %s (ends %s) %s" % (m.sid(s), page, ends_on, flag))
        records.append(dict(
            number=s["number"], part=s["part"], text=text, direction=s["direction"],
            strength=s["strength"], certainty=s["certainty"], kind=s["kind"], page=page,
            population=s["population"], intervention=s["intervention"], comparator=s["comparator"]))
    # certainty symbols extractable?
    for sym in m.SYMBOLS.values():
        assert sym in whole, sym
    with open(os.path.join(HERE, "statements.json"), "w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("statements:", len(records), "all ok" if ok else "PROBLEMS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
