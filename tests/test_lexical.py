"""The BM25 index: searched from bm25s's saved arrays with numpy, ranking as bm25s itself does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bm25s
import pytest

from chatbot.errors import IndexUnavailable
from chatbot.index.lexical import LexicalIndex, tokenize

PASSAGES = [
    "Asparaginase hypersensitivity: switch to an Erwinia-derived product after a reaction.",
    "Pegylated asparaginase is given in the induction phase of a pediatric-inspired regimen.",
    "Thromboprophylaxis with low molecular weight heparin during asparaginase is not routinely advised.",
    "Blinatumomab for measurable residual disease after consolidation in B-cell disease.",
    "Inotuzumab ozogamicin in relapsed or refractory B-cell disease before transplant.",
    "Cranial irradiation is reserved for overt central nervous system involvement.",
    "Fertility preservation should be discussed before the first cycle of chemotherapy.",
    "Psychosocial support and adherence counselling for adolescents and young adults.",
]
QUERIES = [
    "Erwinia after a reaction to asparaginase",
    "heparin thromboprophylaxis during asparaginase",
    "blinatumomab for MRD",
    "relapsed B-cell disease inotuzumab transplant",
    "fertility before chemotherapy",
    "words the index has never seen",
]


def _bm25s_ranking(texts: list[str], query: str, k: int) -> list[tuple[int, float]]:
    """bm25s's own retrieve() on the same tokens, as the reference."""
    retriever = bm25s.BM25()
    retriever.index([tokenize(text) for text in texts], show_progress=False)
    tokens = tokenize(query)
    known = [token for token in tokens if token in retriever.vocab_dict]
    if not known:
        return []
    results, scores = retriever.retrieve([known], k=k, show_progress=False)
    return [(int(i), float(s)) for i, s in zip(results[0], scores[0]) if s > 0]


def test_tied_passages_keep_passage_order(tmp_path: Path) -> None:
    LexicalIndex.build(PASSAGES).save(tmp_path)
    hits = LexicalIndex.load(tmp_path).search("asparaginase", 8)
    tied = [i for i, s in hits if round(s, 5) == round(hits[0][1], 5)]
    assert len(tied) > 1 and tied == sorted(tied)


@pytest.mark.parametrize("query", QUERIES)
def test_saved_index_ranks_as_bm25s_does(tmp_path: Path, query: str) -> None:
    LexicalIndex.build(PASSAGES).save(tmp_path)
    ours = LexicalIndex.load(tmp_path).search(query, 5)
    reference = _bm25s_ranking(PASSAGES, query, 5)
    assert {i: round(s, 5) for i, s in ours} == {i: round(s, 5) for i, s in reference}
    assert [s for _, s in ours] == sorted((s for _, s in ours), reverse=True)


def test_built_and_loaded_indexes_agree(tmp_path: Path) -> None:
    built = LexicalIndex.build(PASSAGES)
    built.save(tmp_path)
    loaded = LexicalIndex.load(tmp_path)
    for query in QUERIES:
        assert built.search(query, 8) == loaded.search(query, 8)


def test_searching_a_saved_index_imports_neither_bm25s_nor_scipy(tmp_path: Path) -> None:
    LexicalIndex.build(PASSAGES).save(tmp_path)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from chatbot.index.lexical import LexicalIndex\n"
        f"hits = LexicalIndex.load(Path({str(tmp_path)!r})).search('Erwinia asparaginase', 3)\n"
        "assert hits and hits[0][0] == 0, hits\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'bm25s', 'scipy'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_variant_needing_non_occurrence_scores_is_refused(tmp_path: Path) -> None:
    LexicalIndex.build(PASSAGES).save(tmp_path)
    params = tmp_path / "params.index.json"
    params.write_text(params.read_text().replace('"lucene"', '"bm25+"', 1))
    with pytest.raises(IndexUnavailable, match="non-occurrence"):
        LexicalIndex.load(tmp_path).search("asparaginase", 3)
