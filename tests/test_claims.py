"""Reading claims: direction with negation and scope, GRADE strength, certainty, comparators, quotes, numbers."""

import pytest

from chatbot.guard.citations import cited_item_ids, cited_numbers
from chatbot.guard.claims import read_clauses
from chatbot.guard.quotations import quoted_texts
from chatbot.packs.domain import Domain


def _one(text: str):
    (clause,) = read_clauses(text)
    return clause


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Routine heparin should be given during asparaginase.", "for"),
        ("Heparin should not be given routinely.", "against"),
        ("The panel advises against routine cryoprecipitate in patients who are not bleeding.", "against"),
        ("It is not true that the panel advises against premedication.", "for"),
        ("The panel does not discourage switching to Erwinia.", "for"),
        ("There is no need for premedication before pegaspargase.", "against"),
        ("Avoid Erwinia and omit further asparaginase.", "against"),
        ("Nobody should receive routine heparin prophylaxis.", "against"),
        ("Heparin prophylaxis against VTE is favoured.", "for"),
        ("Premedication is favoured to avoid reactions.", "for"),
        ("Transplant after relapse should be individualized.", "individualized"),
        ("ASH published two guidelines in 2026.", None),
    ],
)
def test_direction(text: str, direction: str | None) -> None:
    assert _one(text).direction == direction


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("The panel recommends a pediatric-inspired regimen.", "strong"),
        ("The panel strongly favours it.", "strong"),
        ("The panel suggests premedication.", "conditional"),
        ("The recommendation is strong, not conditional.", "strong"),
        ("Premedication is not routinely recommended.", None),
        ("After a strong allergic reaction, switching is favoured.", None),
    ],
)
def test_strength_comes_from_grade_wording_only(text: str, strength: str | None) -> None:
    assert _one(text).strength == strength


def test_certainty_and_scope() -> None:
    assert _one("It rests on very low-certainty evidence.").certainty == "very_low"
    assert _one("The certainty of evidence against routine transplant is low.").certainty == "low"
    assert _one("Transplant may be considered for high-risk patients.").scoped
    assert not _one("Transplant should be offered to everyone.").scoped


def test_clauses_split_at_but_and_semicolons_and_keep_offsets() -> None:
    text = "Heparin is not recommended, but cryoprecipitate should be given routinely; it is cheap."
    clauses = read_clauses(text)
    assert [c.direction for c in clauses] == ["against", "for", None]
    assert all(text[c.start : c.end] == c.text for c in clauses)


def test_preferred_side_and_without() -> None:
    clause = _one("An adult regimen is preferred over a pediatric-inspired regimen.")
    assert clause.preferred.strip() == "An adult regimen is preferred"
    assert _one("Chemotherapy alone without a TKI is favoured.").without[0].startswith("tki")


def test_quotes_are_found_and_not_read_as_claims() -> None:
    text = 'The guideline says "nobody should ever receive routine heparin during induction therapy".'
    assert [q.text for q in quoted_texts(text)] == ["nobody should ever receive routine heparin during induction therapy"]
    assert all(c.direction != "against" for c in read_clauses(text))


def test_cited_numbers_and_ids_use_the_domain_parts() -> None:
    domain = Domain.model_validate(
        {
            "parts": {
                "early": {"title": "Early care", "short_name": "early", "id_prefix": "EC", "phrases": ["early(?:-care)?", "EC"]},
                "late": {"title": "Late care", "short_name": "late", "id_prefix": "LC", "phrases": ["late"]},
            }
        }
    )
    cited = cited_numbers("Early-care recommendation 22 and late recommendation 3 and recommendation 9", domain)
    assert [(c.guideline, c.number) for c in cited] == [("early", 22), ("late", 3), (None, 9)]
    assert [i for _, _, i in cited_item_ids("see EC-cranial-irradiation, LC-3 and T-cell disease", domain)] == [
        "EC-cranial-irradiation",
        "LC-3",
    ]
    assert cited_item_ids("see EC-3", Domain()) == []
    # notes' shorthand: a capital R before the number; "R/R", "CR1" and a lowercase "r2" cite nothing
    assert [(c.guideline, c.number) for c in cited_numbers("per R4 (late R12); R/R, CR1, r2", domain)] == [(None, 4), ("late", 12)]


def test_citations_need_a_label_word_and_ids_a_hyphen_and_each_answer_is_the_callers_own() -> None:
    """An ordinal citation and a part's own label word are found; a text with numbers but no label word, or no hyphen, cites
    nothing; the ids of a text asked twice come as two lists (one changed leaves the other)."""
    domain = Domain.model_validate(
        {
            "parts": {
                "early": {
                    "title": "Early care",
                    "short_name": "early",
                    "id_prefix": "EC",
                    "phrases": ["early"],
                    "citation_words": ["Statement"],
                }
            }
        }
    )
    assert [(c.guideline, c.number) for c in cited_numbers("the early 3rd recommendation; statement 4", domain)] == [
        ("early", 3),
        (None, 4),
    ]
    assert cited_numbers("3 weeks at 90 MME, 2 early", domain) == [] and cited_item_ids("EC 3 and ECcranial", domain) == []
    first = cited_item_ids("see EC-3", domain)
    first.append((0, 0, "changed"))
    assert cited_item_ids("see EC-3", domain) == [(4, 8, "EC-3")]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Doctors won't give routine top-ups of cryoprecipitate.", "against"),
        ("Don't substitute Erwinia.", "against"),
        ("ASH doesn't say that everyone must be transplanted.", "against"),
        ("Reinduce with blinatumomab as per the ASH guideline.", "for"),
    ],
)
def test_contractions_imperatives_and_guideline_attribution(text: str, direction: str) -> None:
    assert _one(text).direction == direction


def test_questions_claim_nothing() -> None:
    clauses = read_clauses("Should we give routine cryo to a patient who is not bleeding? No, the panel advises against it.")
    assert [c.direction for c in clauses] == ["against"]
