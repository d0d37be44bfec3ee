"""What a guideline says it does not cover: read from its sentences at build, declined with its own words as evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpora import small_corpus

from chatbot.answer.answer_type import asked_type
from chatbot.ingest.scope_statements import excluded_topics, exclusions_from_json, exclusions_json, scope_exclusions
from chatbot.types import AnswerStatus


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        (
            "This guideline does not address sunlamp therapy, cold baths or zinc lozenges.",
            ["sunlamp therapy", "cold baths", "zinc lozenges"],
        ),
        (
            "The following topics were outside the panel's remit and are not addressed: herbal teas, antifungal drugs "
            "(including nystatin) and long-term follow-up (other than statement 3).",
            ["herbal teas", "antifungal drugs", "long-term follow-up", "nystatin"],
        ),
        ("Acupuncture was outside the scope of this guideline.", ["Acupuncture"]),
        ("Questions about hyperbaric oxygen were not considered.", ["hyperbaric oxygen"]),
        ("The panel did not review copper bracelets, for which evidence was sparse.", ["copper bracelets"]),
        ("Warm compresses may help with boils, which are not covered by this guideline.", ["boils"]),
        ("The panel did not assess tai chi or yoga, and makes no recommendation on these.", ["tai chi", "yoga"]),
    ],
)
def test_a_sentence_that_says_what_the_guideline_leaves_out_names_its_topics(sentence: str, topics: list[str]) -> None:
    assert excluded_topics(sentence) == topics


@pytest.mark.parametrize(
    "sentence",
    [
        "This recommendation does not apply to patients with sepsis.",  # a population, said of one item
        "Uncontrolled studies were not included in the review.",  # the review's method, not the guideline's scope
        "Those at risk are infants with chronic conditions, several of which are outside the scope of this guideline.",
        "The panel recommends against routine blood tests.",
    ],
)
def test_other_sentences_name_no_excluded_topic(sentence: str) -> None:
    assert excluded_topics(sentence) == []


def test_exclusions_keep_their_sentence_span_and_survive_the_manifest() -> None:
    text = "Intro text here. The guideline does not address sunlamp therapy. More text."
    (found,) = scope_exclusions("doc", text)
    assert text[found.start : found.end] == "The guideline does not address sunlamp therapy."
    assert exclusions_from_json(json.loads(json.dumps(exclusions_json([found])))) == (found,)


def test_a_publication_date_does_not_answer_a_clinical_when_question() -> None:
    when = asked_type("When can a child go home after the operation?")
    assert when is not None and when.name == "a time"
    assert not when.given_in("Received 14 January 2025 · Accepted 2 April 2025 · Published online 23 April 2025")
    assert not when.given_in("Smith J, et al. Lancet 2019;393:1234-45.")
    assert when.given_in("Children may go home within 48 hours of surgery.")
    assert when.given_in("Review every child after the first dose.")
    published = asked_type("When was the guideline published?")
    assert published is not None and published.name == "a date"
    assert published.given_in("Published online 23 April 2025")
    issued = asked_type("when did the society publish it?")
    assert issued is not None and issued.name == "a date"


GUIDE = """# Invented guideline on ALL in adolescents and young adults

## Scope

The guideline covers adolescents and young adults with ALL. The following topics were outside the panel's remit and
are not addressed: zolbetuximab, hyperbaric oxygen and pet therapy. The guideline does not address children younger
than 15 years.

## Recommendation 1

For adolescents and young adults with newly diagnosed ALL, the panel recommends a pediatric-inspired regimen over an
adult regimen. Pet owners were among the patients studied.
"""


def test_a_question_about_an_excluded_topic_is_declined_with_the_guidelines_own_sentence(tmp_path: Path) -> None:
    from fakes import HashingEmbedder

    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    corpus = small_corpus(tmp_path / "corpus", {"guide.md": GUIDE.encode()})
    settings = load_settings(
        corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data", min_dense_score=0.05, min_domain_dense_score=0.05
    )
    bot = build_chatbot(settings, embedder=HashingEmbedder())
    manifest = bot.engines[0].index.manifest
    listed = ["zolbetuximab", "hyperbaric oxygen", "pet therapy", "children younger than 15 years"]
    assert [row["topic"] for row in manifest["scope_exclusions"]] == listed
    topics = [topic.exclusion.topic for topic in bot.engines[0].answer_context.excluded.topics]
    assert topics == listed[:3]  # a population stays with the population checks
    answer = bot.ask("Should adolescents with ALL get zolbetuximab?").answer
    assert answer.status is AnswerStatus.NOT_FOUND
    assert answer.uncovered == ("zolbetuximab",) and "zolbetuximab" in answer.summary
    (quote,) = answer.quotes
    assert quote.text.startswith("The following topics were outside the panel's remit") and quote.recommendation_id is None
    document = bot.engines[0].index.documents[quote.document_id]
    assert document.text[quote.char_start : quote.char_end] == quote.text
    covered = bot.ask("Should young adults with ALL get a pediatric-inspired regimen?").answer
    assert covered.uncovered == () and not any("outside the panel" in q.text for q in covered.quotes)


def test_populations_stated_topics_and_vague_topics_are_not_declined_as_topics() -> None:
    from chatbot.answer.excluded_topics import ExcludedTopics
    from chatbot.ingest.scope_statements import ScopeExclusion
    from chatbot.recs.loading import load_recommendations

    rec_set = load_recommendations(Path(__file__).parents[1] / "corpus")
    named = [
        "pet therapy",  # a topic
        "diabetic foot infections",  # 'diabetic' qualifies the infections: a topic, not people
        "caffeine for apnoea",  # about caffeine: a question on apnoea alone does not name it
        "children younger than 15 years",  # a population
        "kidney transplant recipients",  # people
        "blinatumomab in those groups",  # an item states it
        "long-term management",  # everyday words only
    ]
    exclusions = [ScopeExclusion(topic, "doc", 0, 1) for topic in named]
    excluded = ExcludedTopics.build(exclusions, rec_set, {}, Path("/usr/share/wordnet"))
    assert [topic.exclusion.topic for topic in excluded.topics] == named[:3]
    found = excluded.named_in("Does caffeine help apnoea in these patients?")
    assert found is not None and found.exclusion.topic == "caffeine for apnoea"
    assert excluded.named_in("What helps apnoea?") is None
    assert excluded.named_in("Is a foot infection in a diabetic patient covered?") is not None  # every head word, any order
    assert excluded.named_in("Is cellulitis in a diabetic patient covered?") is None  # not the foot infection
    surgery = ExcludedTopics.build([ScopeExclusion("gastric surgery as a treatment for apnoea", "doc", 0, 1)], rec_set, {}, None)
    assert surgery.named_in("Is gastric surgery advised to treat apnoea?") is not None  # its head ends before "as"


def test_a_bulleted_list_after_a_lead_sentence_names_each_item() -> None:
    text = (
        "Scope. This guideline does not address:\n\n• bariatric (metabolic) surgery for glimmer fever;\n\n"
        "• zentoparin, kestravir or other complementary therapies;\n\n• cost-effectiveness.\n\nMethods. The panel met twice."
    )
    found = scope_exclusions("g", text)
    assert [e.topic for e in found] == [
        "bariatric surgery for glimmer fever",
        "zentoparin",
        "kestravir",
        "complementary therapies",
        "cost-effectiveness",
    ]
    lead = text.index("This guideline")
    assert all(e.start == lead for e in found)  # the quote runs from the lead sentence to the item
    assert text[found[0].start : found[0].end].endswith("glimmer fever;")
    assert scope_exclusions("g", "Doses are listed below:\n\n• zentoparin 5 mg.") == ()  # a list that leaves nothing out
