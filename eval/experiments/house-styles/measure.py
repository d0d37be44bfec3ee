"""Statement extraction on every generated house style (tests/house_style_pdfs.py, and the coded styles of
tests/coded_style_pdfs.py): per style, statements found, and of
those, number, direction, strength and certainty right, and items extracted that are no statement.

Usage (from a checkout, PYTHONPATH set to it):
    python eval/experiments/house-styles/measure.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    """Print one row per style and the totals."""
    sys.path.insert(0, str(ROOT / "tests"))
    from coded_style_pdfs import CODED_STYLES, coded_pdf
    from house_style_pdfs import house_pdf
    from house_styles import STYLES

    from chatbot.ingest.readers import read_document
    from chatbot.recs.extraction import extract_recommendations
    from chatbot.types import DocumentKind, SourceRef

    totals = [0] * 7
    print("| style | statements | found | number | direction | strength | certainty | extra |\n|---|---|---|---|---|---|---|---|")
    for pdf in [*(house_pdf(style) for style in STYLES), *(coded_pdf(style) for style in CODED_STYLES)]:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "g.pdf").write_bytes(pdf.data)
            document = read_document(SourceRef(id="g", title="g", kind=DocumentKind.OFFICIAL, path="g.pdf"), Path(folder))
        items = extract_recommendations(document, consensus=True)
        by_words = {" ".join(item.statement.split()): item for item in items}
        row = [len(pdf.expected), 0, 0, 0, 0, 0, 0]
        for expected in pdf.expected:
            item = by_words.get(expected.statement)
            if item is None:
                continue
            row[1] += 1
            row[2] += (item.number, item.part) == (expected.number, expected.part)
            row[3] += item.direction.value == expected.direction
            row[4] += item.strength.value == expected.strength
            row[5] += item.certainty.value == expected.certainty
        row[6] = len(items) - row[1]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"| {pdf.style} | " + " | ".join(map(str, row)) + " |")
    print("| all | " + " | ".join(map(str, totals)) + " |")


if __name__ == "__main__":
    main()
