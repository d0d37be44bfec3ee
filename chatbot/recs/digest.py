"""The embedded default corpus: an unofficial Markdown digest generated from the structured facts."""

from __future__ import annotations

from pathlib import Path

from chatbot.packs.domain import Domain
from chatbot.packs.facts import Confidence, Fact, GuidelineFacts, long_date
from chatbot.recs.schema import Certainty, Direction, Kind, Recommendation, RecommendationSet, Status, Strength

DIGEST_DIR = Path("digest")
GRADED_VERB = {Strength.STRONG: "recommends", Strength.CONDITIONAL: "suggests"}


def _join(words: list[str] | tuple[str, ...]) -> str:
    """'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _cite(facts: GuidelineFacts, source_ids: tuple[str, ...]) -> str:
    """'Sources: A, 12 Feb 2026; B.' for a list of source ids."""
    label = "Source" if len(source_ids) == 1 else "Sources"
    return f"{label}: " + "; ".join(facts.source(sid).citation() for sid in source_ids) + "."


def _with_confidence(fact: Fact) -> str:
    """The fact's text, with its confidence noted when it is not high."""
    if fact.confidence == Confidence.HIGH:
        return fact.text
    return f"{fact.text.rstrip('.')} (confidence: {fact.confidence.value})."


def _opening(facts: GuidelineFacts, domain: Domain) -> str:
    """The disclaimer paragraph that opens the digest (the pack's digest_opening wording)."""
    pub = facts.publication
    return domain.wording["digest_opening"].format(journal=pub.journal, published_online=long_date(pub.published_online))


def _about(facts: GuidelineFacts, domain: Domain) -> list[str]:
    """The '## About the guidelines' section and its subsections."""
    pub, pop = facts.publication, facts.population
    blocks = ["## About the guidelines", "### Publication and population"]
    blocks.append(
        f"The {pub.publisher} published two guidelines on {pop.description} in {pub.journal}, online on "
        f"{long_date(pub.published_online)}, and announced them in a press release on {long_date(pub.press_release)}. "
        f"Both define adolescents and young adults as people aged {pop.age_min} to {pop.age_max} years. "
        f"{facts.coverage_note.text} {pub.identifiers_note}"
    )
    blocks.append(_cite(facts, tuple(dict.fromkeys(pub.sources + pop.sources))))
    for entry in facts.guidelines:
        extra = f" plus {entry.research_only} recommendation for use only in research" if entry.research_only else ""
        text = (
            f"The first author of the {domain.part_name(entry.id)} guideline is {entry.first_author} "
            f"({entry.affiliation}). It contains {entry.recommendations} recommendations{extra}. "
            f"{entry.good_practice_statements}"
        )
        if entry.scope:
            text += f" It covers {entry.scope}, with focus areas of {_join(entry.focus_areas)}."
        text += "".join(f" {_with_confidence(note)}" for note in entry.notes)
        blocks += [f"### The {domain.part_name(entry.id)} guideline", text, _cite(facts, entry.sources)]
    blocks.append("### Panel and method")
    blocks.append(
        f'The panels included {_join(facts.panel.members)}. {facts.grade_wording} In this digest, "recommends" is '
        'used only for an item reported as strong and "suggests" only for one reported as conditional; where the '
        "strength was not reported, the wording is neutral and says so."
    )
    blocks.append(_cite(facts, facts.panel.sources))
    blocks.append("### Evidence and companion materials")
    blocks.append(f"{_with_confidence(facts.evidence_limitations)} {_with_confidence(facts.companion_materials)}")
    blocks.append(_cite(facts, tuple(dict.fromkeys(facts.evidence_limitations.sources + facts.companion_materials.sources))))
    return blocks


def _guideline_intro(facts: GuidelineFacts, rec_set: RecommendationSet, guideline: str) -> str:
    """How much of one guideline the reports describe."""
    entry = facts.guideline(guideline)
    items = rec_set.by_guideline(guideline)
    recs = [item for item in items if item.kind == Kind.RECOMMENDATION]
    described = [item for item in recs if not item.is_placeholder]
    statements = [item for item in items if item.kind == Kind.GOOD_PRACTICE_STATEMENT]
    with_strength = sum(1 for item in described if item.strength != Strength.UNKNOWN)
    with_certainty = sum(1 for item in described if item.certainty != Certainty.UNKNOWN)
    text = (
        f"The {rec_set.domain.part_name(guideline)} guideline has {entry.recommendations} recommendations. Public reports describe "
        f"{len(described)} of them"
    )
    if statements:
        text += f", and {len(statements)} item recorded here as a good practice statement"
    text += f"; the other {len(recs) - len(described)} recommendations appear below as placeholders"
    research = [item for item in items if item.kind == Kind.RESEARCH_ONLY]
    if research:
        text += ", as does the recommendation for use only in research, whose content was not reported either"
    numbered = sum(1 for item in items if item.number is not None)
    numbers = (
        "No item numbers were reported, so items are named by topic, with an id in parentheses after each heading."
        if not numbered
        else f"Numbers were reported for {numbered} of the {len(items)} items."
    )
    return text + (
        f". Strength was reported for {with_strength} of the {len(described)} described recommendations and the "
        f"certainty of the evidence for {with_certainty}. {numbers}"
    )


def _direction_sentence(rec: Recommendation) -> str:
    """The first sentence of an item: population, intervention, comparator and direction."""
    lead = f"For {rec.population.description}, "
    known_comparator = rec.comparator not in (None, "unknown")
    verb = GRADED_VERB.get(rec.strength)
    if rec.direction == Direction.INDIVIDUALIZED:
        return f"{lead}reports state that the decision between {rec.intervention} and {rec.comparator} should be individualized, {rec.direction_detail}."
    if rec.direction == Direction.FOR:
        over = f" over {rec.comparator}" if known_comparator else ""
        action = f"the panel {verb}" if verb else "reports state that the panel favors"
        return f"{lead}{action} {rec.intervention}{over}."
    if rec.direction == Direction.AGAINST:
        favoring = f", favoring {rec.comparator}" if known_comparator else ""
        action = f"the panel {verb} against" if verb else "reports state that the panel advises against"
        return f"{lead}{action} {rec.intervention}{favoring}."
    return f"{lead}reports address {rec.intervention}, but its direction was not reported."


def _grading_sentence(rec: Recommendation) -> str:
    """What is known about strength and certainty, in words that never overstate them."""
    if rec.kind == Kind.GOOD_PRACTICE_STATEMENT:
        return "No strength or certainty rating was reported for this item."
    strength_known = rec.strength in GRADED_VERB
    certainty = rec.certainty.value.replace("_", " ")
    if not strength_known and rec.certainty == Certainty.UNKNOWN:
        return "The strength of this recommendation and the certainty of the evidence were not reported."
    if not strength_known:
        return f"The strength of this recommendation was not reported; the certainty of the evidence is {certainty}."
    if rec.certainty == Certainty.UNKNOWN:
        return f"Reports describe this as a {rec.strength.value} recommendation; the certainty of the evidence was not reported."
    return f"This is a {rec.strength.value} recommendation based on {certainty} certainty evidence."


def _status_line(facts: GuidelineFacts, rec: Recommendation) -> str:
    """The closing line: status, confidence and sources."""
    status = {
        Status.REPORTED: f"reported from secondary sources (confidence: {rec.confidence.value})",
        Status.VERIFIED: f"verified against the official publication (confidence: {rec.confidence.value})",
        Status.PLACEHOLDER: f"placeholder: known to exist, content not reported (confidence in its existence: {rec.confidence.value})",
    }[rec.status]
    return f"Status: {status}. {_cite(facts, rec.sources)}"


def _item_body(facts: GuidelineFacts, rec: Recommendation, domain: Domain) -> str:
    """The prose paragraph of one item."""
    entry = facts.guideline(rec.guideline)
    if rec.is_placeholder:
        guideline = domain.wording["digest_scope"].format(part=domain.part_name(rec.guideline))
        if rec.kind == Kind.RESEARCH_ONLY:
            first = f"This section stands for the one recommendation of {guideline} that applies only in the context of research."
        else:
            first = f"This section stands for one of the {entry.recommendations} recommendations of {guideline}."
        sentences = [first, *rec.remarks, "This digest does not guess what it says."]
    else:
        sentences = [_direction_sentence(rec), _grading_sentence(rec)]
        if rec.comparator == "unknown":
            sentences.append("The comparator was not reported.")
        if rec.direction_detail and rec.direction != Direction.INDIVIDUALIZED:
            sentences.append(rec.direction_detail)
        sentences += rec.remarks
    return " ".join(sentence.strip() for sentence in sentences)


def render_item(facts: GuidelineFacts, rec: Recommendation, domain: Domain) -> str:
    """One '### title (id)' section: prose, then the status line."""
    return f"### {rec.title} ({rec.id})\n\n{_item_body(facts, rec, domain)}\n\n{_status_line(facts, rec)}"


def render_digest(facts: GuidelineFacts, rec_set: RecommendationSet) -> str:
    """The whole digest as Markdown, generated from guidelines.yaml and the recommendation set."""
    domain = rec_set.domain
    blocks = [f"# {domain.wording['digest_title']}", _opening(facts, domain), *_about(facts, domain)]
    for guideline, part in domain.parts.items():
        blocks += [f"## {part.title}", _guideline_intro(facts, rec_set, guideline)]
        blocks += [render_item(facts, rec, domain) for rec in rec_set.by_guideline(guideline)]
    agenda = facts.research_agenda
    used = [source for source in facts.sources if source.used_for_content]
    unused = [source.name for source in facts.sources if not source.used_for_content]
    blocks += [
        "## Research agenda",
        f"Both guidelines call for more research, including {_join(agenda.items)}.",
        _cite(facts, agenda.sources),
        "## Report sources",
        _sources_paragraph(facts),
        "\n".join(f"- {source.citation()}: {source.description} (id: {source.id})" for source in used),
    ]
    if unused:
        blocks.append(f"Listed but not used for content (low confidence): {_join(unused)}.")
    return "\n\n".join(blocks) + "\n"


def _sources_paragraph(facts: GuidelineFacts) -> str:
    """How the digest's attributions were made."""
    return (
        "This digest was written from the project's reference notes, which paraphrase the public reports listed "
        "below. The notes do not tie every fact to a single report, so some attributions in this digest are "
        "inferred and should be checked against the reports themselves."
    )


def write_digest(corpus_dir: Path) -> Path:
    """Render the digest from corpus_dir's structured files and write it to corpus/digest/."""
    from chatbot.recs.loading import load_recommendations
    from chatbot.recs.schema import load_guideline_facts

    rec_set = load_recommendations(corpus_dir)
    path = corpus_dir / DIGEST_DIR / rec_set.domain.wording["digest_file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_digest(load_guideline_facts(corpus_dir), rec_set)
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
