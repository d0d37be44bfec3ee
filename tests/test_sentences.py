"""Sentence spans are exact, trimmed slices that respect abbreviations, decimals and headings."""

from chatbot.ingest.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_abbreviations_and_decimals_do_not_end_sentences() -> None:
    text = "The panel (e.g. two nurses) met vs. a control. Doses of 2.5 mg were used. Fig. 3 shows it."
    assert _sentences(text) == [
        "The panel (e.g. two nurses) met vs. a control.",
        "Doses of 2.5 mg were used.",
        "Fig. 3 shows it.",
    ]


def test_blank_lines_and_heading_lines_split_blocks() -> None:
    text = "Frontline Management\nThe panel favoured one regimen.\n\nA second paragraph\nwraps across lines here."
    assert _sentences(text) == [
        "Frontline Management",
        "The panel favoured one regimen.",
        "A second paragraph\nwraps across lines here.",
    ]


def test_spans_are_absolute_offsets_within_a_range() -> None:
    text = "Ignore this. Keep one. Keep two. Ignore that."
    start = text.index("Keep one")
    end = text.index(" Ignore that")
    spans = sentence_spans(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Keep one.", "Keep two."]
    assert all(text[s] != " " and text[e - 1] != " " for s, e in spans)


def test_lowercase_continuation_is_not_a_new_sentence() -> None:
    assert _sentences("Use drug A. or drug B when needed.") == ["Use drug A. or drug B when needed."]


def test_no_sentence_runs_from_one_table_row_or_cell_into_the_next() -> None:
    text = (
        "No. | Statement | Grade\n3b | We suggest against parvocil in adults. | Against | 2C\n"
        "4 | We recommend not using corvaline. | Against | 1B\nAcknowledgements follow here."
    )
    sentences = [text[start:end] for start, end in sentence_spans(text)]
    assert "We recommend not using corvaline." in sentences  # a cell is read on its own
    assert not any("2C" in sentence and "corvaline" in sentence for sentence in sentences)
    assert sentences[-1] == "Acknowledgements follow here."
