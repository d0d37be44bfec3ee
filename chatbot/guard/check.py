"""Rules guard: checks an answer, or any free text, against the structured recommendation set."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from chatbot.answer.english import is_common_word
from chatbot.answer.vocabulary import content_terms, unseen_terms
from chatbot.guard.advice import (
    ANAPHOR,
    advised_elsewhere,
    advises_other_thing,
    describes_guideline,
    is_treatment_claim,
    known_parts,
    own_plan,
)
from chatbot.guard.citations import cited_item_ids
from chatbot.guard.cited import cited_items
from chatbot.guard.claims import (
    NEGATED,
    Clause,
    grading_blanked,
    is_cue,
    read_clauses,
    sentences,
    unquoted,
)
from chatbot.guard.conflicts import conflicts, dedupe, names_two_values
from chatbot.guard.context import GuardContext, function_words
from chatbot.guard.details import attribution_removed
from chatbot.guard.grades import defines_grade, strength_findings
from chatbot.guard.negated import heads_rejected, rejected_by_item
from chatbot.guard.quotations import quoted_texts
from chatbot.guard.reversals import aims_elsewhere, denies, said_of
from chatbot.guard.scope import states_scope
from chatbot.guard.sources import citation_findings, quote_findings
from chatbot.guard.sources import verify_quote as verify_quote
from chatbot.guard.ties import uncontradicted
from chatbot.guard.voice import names_blanked
from chatbot.guard.whom import clause_population, population_findings, population_of, scope_findings
from chatbot.ingest.normalise import normalise
from chatbot.packs.scan import scanned
from chatbot.recs.population import NamedPopulation, named_population, population_conflicts
from chatbot.recs.schema import Certainty, Recommendation, Status
from chatbot.types import Answer, GuardFinding, GuardReport

FAILING_KINDS = frozenset(
    {
        "direction_contradiction",
        "population_mismatch",
        "unknown_recommendation",
        "unverifiable_quote",
        "unsupported_detail",
        "guideline_fact_mismatch",
    }
)
WARNING_KINDS = frozenset({"strength_overstated", "strength_understated", "certainty_mismatch", "placeholder_content", "unsupported_claim"})
# Labels a quoted sentence can be compared on with its item (its own direction words describe reports, not advice).
_QUOTE_LABEL_KINDS = frozenset({"strength_overstated", "strength_understated", "certainty_mismatch"})


def verdict(findings: list[GuardFinding]) -> str:
    """fail for contradictions, mismatches, unknown items and bad quotes; warn for the rest; else pass."""
    if any(f.kind in FAILING_KINDS for f in findings):
        return "fail"
    return "warn" if findings else "pass"


_ACTION = re.compile(
    r"\b(?:should|must|is|are|was|were|can|may|recommend\w*|suggest\w*|favou?r\w*|advis\w*|endors\w*|encourag\w*|mandat\w*)\b",
    re.IGNORECASE,
)


def _label_findings(clause: Clause, rec: Recommendation, population: NamedPopulation, context: GuardContext) -> list[GuardFinding]:
    """Direction, strength, certainty and population of one clause against one item."""
    findings: list[GuardFinding] = []
    span = (clause.start, clause.end)
    said = said_of(clause, rec.id, context)
    reasons = conflicts(population, rec, context.rec_set.domain)
    expected = rec.direction.value
    if clause.direction == said and said in ("for", "against") and expected == "for":
        phrase = attribution_removed(clause.preferred, context.rec_set.domain)
        rejects = rejected_by_item(phrase, said, context.negated[rec.id], context.ignored_stems, context.idle_stems)
        said = ("for" if said == "against" else "rejected") if rejects else said  # "abrupt stops: avoid" agrees with the item
    if said == "against" and expected == "for" and denies(clause):  # "stop abruptly rather than taper" denies nothing
        phrase = attribution_removed(clause.preferred, context.rec_set.domain)
        if heads_rejected(phrase, context.negated[rec.id], context.ignored_stems | context.grammar_stems):
            said = "for"  # "says NOT to stop opioids abruptly": what it denies is what the item itself advises against
    if said == "against" and expected != "against" and reasons and denies(clause):
        return findings  # "Ph-negative patients do not need a TKI" states the item's scope
    if said == "against" and expected == "for" and aims_elsewhere(clause.preferred, rec.id, context):
        said = None  # "PDMP data should not be used to dismiss patients": not against the item's option
    said = "against" if said == "rejected" else said  # "abrupt discontinuation is the approach favoured": what it rejects
    if said in ("for", "against") and states_scope(clause.preferred):
        said = None  # "the guideline does apply to discharge prescriptions": who it covers, compared by population
    if said in ("for", "against") and expected in ("for", "against") and said != expected:
        if not (expected == "against" and said == "for" and clause.scoped and rec.direction_detail):
            findings.append(
                GuardFinding(
                    "direction_contradiction",
                    f"says {said}; the set says {expected} ({rec.direction_detail or rec.intervention})",
                    rec.id,
                    span,
                )
            )
    elif expected == "individualized" and said in ("for", "against") and not clause.scoped:
        findings.append(
            GuardFinding("direction_contradiction", f"says {said} categorically; the set says the decision is individualized", rec.id, span)
        )
    findings += strength_findings(clause.strength, rec, span)
    unread = rec.certainty is Certainty.UNKNOWN and rec.status is Status.EXTRACTED  # the publication's certainty was not read
    if clause.certainty and clause.certainty != rec.certainty.value and not unread:
        findings.append(
            GuardFinding(
                "certainty_mismatch",
                f"says {clause.certainty.replace('_', ' ')} certainty; the set says {rec.certainty.value.replace('_', ' ')}",
                rec.id,
                span,
            )
        )
    if reasons:
        findings.append(GuardFinding("population_mismatch", f"{'; '.join(reasons)} (covers: {rec.population.description})", rec.id, span))
    return findings


def check_text(text: str, context: GuardContext) -> GuardReport:
    """Check free text claim by claim against the set; read in normal form, spans pointing into the text as submitted."""
    normalised = normalise(text)
    normalised = normalised.rewritten(context.shorthand.compound_terms(normalised.text))  # "TMP-SMX", "ACEi" in the pack's words
    report = _check_normal(normalised.text, context)
    findings = tuple(replace(f, span=normalised.original_span(*f.span)) if f.span else f for f in report.findings)
    return GuardReport(report.verdict, findings)


def _check_normal(text: str, context: GuardContext) -> GuardReport:
    """Check normalised text claim by claim against the recommendation set."""
    from chatbot.guard.facts import fact_findings  # free text only: answering (check_answer) never loads these
    from chatbot.guard.invented import detail_findings
    from chatbot.guard.placeholders import ABOUT, asserts_content, content_denied, named_placeholders, placeholder_findings

    citations = citation_findings(text, context)
    quotes = quote_findings(text, context)
    unverified = {f.span for f in quotes if f.kind == "unverifiable_quote"}  # not the guideline's words: their details are claims
    findings = quotes + citations + fact_findings(text, context) + detail_findings(unquoted(text, unverified), context)
    verbatim = [(q.start, q.end) for q in quoted_texts(text) if (q.start, q.end) not in unverified]
    previous: list[Recommendation] = []
    setting, domain = "", context.rec_set.domain  # clauses that claim nothing but describe the patient ("22M, Ph-negative B-ALL.")
    reading = unquoted(text, unverified)
    for start, end in (f.span for f in citations if f.span):  # an item that does not exist: its content is read as uncited
        reading = reading[:start] + " " * (end - start) + reading[end:]
    invented = [at for at, _, item_id in cited_item_ids(text, domain) if context.rec_set.get(item_id) is None] if citations else []
    lacking = [span for at in invented for span in sentences(text) if span[0] <= at < span[1]]
    for clause in read_clauses(reading, context.rec_set.domain):
        if clause.direction in ("for", "against") and (within := [s for s in lacking if s[0] <= clause.start < s[1]]):
            lacking.remove(within[0])  # advice given as an item the set lacks is no item's advice: once per sentence
            findings.append(GuardFinding("unsupported_claim", "advice given to an item id the set lacks", None, (clause.start, clause.end)))
        placeholders = named_placeholders(clause.text, context)
        if placeholders and content_denied(next((text[s:e] for s, e in sentences(text) if s <= clause.start < e), clause.text)):
            setting += " " + clause.text
            continue  # "one research-only recommendation; its content was not reported": named by what is missing
        by_id = bool(placeholders) and bool(cited_item_ids(clause.text, context.rec_set.domain))
        if placeholders and (by_id or ABOUT.search(clause.text)) and asserts_content(clause, context, by_id):
            findings += placeholder_findings(placeholders, clause)
            continue
        if not clause.asserts or own_plan(clause, text, context) or describes_guideline(clause) or defines_grade(clause.text, domain):
            setting += " " + clause.text
            previous = [m.rec for m in context.matcher.match(clause.text)] or previous  # the topic carries on
            if not clause.asserts and len(cited := cited_items(clause.text, context.rec_set)) == 1:
                findings += population_findings(clause, setting, cited, context)  # "sickle cell crisis: per rec 6, limit supply"
            elif clause.direction == "for" and describes_guideline(clause) and not NEGATED.search(clause.preferred):
                findings += scope_findings(clause, context)  # "the guideline applies to outpatients aged 12 and older"
            continue
        if any(clause.start <= start and end <= clause.end for start, end in verbatim):
            previous = _clause_items(clause, context, previous) or previous
            continue  # its claim is the guideline's own words, verified verbatim; the words around them only frame it
        numbered = cited_items(clause.text, context.rec_set)
        foreign = [] if numbered else _foreign_subject(clause, context, object_counts=not placeholders)
        if foreign and any(placeholders):
            findings += placeholder_findings(placeholders, clause)  # content given to an item named by its id, whose content is unknown
            continue
        if foreign:
            findings.append(
                GuardFinding(
                    "unsupported_claim",
                    f"{', '.join(foreign)}: not in the recommendation set or the corpus",
                    None,
                    (clause.start, clause.end),
                )
            )
            named = [rec for rec in _clause_items(clause, context, []) if context.matcher.names_intervention(clause.preferred, rec.id)]
            findings += population_findings(clause, setting, named, context)
            continue  # an unknown term beside an item's intervention: only the item's population can still be compared
        if placeholders:
            if asserts_content(clause, context) or clause.strength or clause.certainty:
                findings += placeholder_findings(placeholders, clause)
            continue
        matches = numbered or _clause_items(clause, context, previous)
        if not matches:
            if clause.direction in ("for", "against") and states_scope(clause.preferred):  # "it only covers adults": whom, not what
                findings += [] if NEGATED.search(clause.preferred) else scope_findings(clause, context)
            elif clause.direction in ("for", "against") and is_treatment_claim(clause.text, context):
                findings.append(
                    GuardFinding(
                        "unsupported_claim", "a treatment claim that matches no recommendation in the set", None, (clause.start, clause.end)
                    )
                )
            continue
        population = clause_population(clause, setting, context)
        matches = previous = numbered or _compatible(clause, matches, population, context, previous)
        elsewhere, advised = ([], []) if numbered else advised_elsewhere(clause, matches, context)
        advised = advised or ([] if numbered or elsewhere else advises_other_thing(clause, text, matches, context))
        if advised and not elsewhere:  # advice about something none of the matched items (or any other) is about
            findings.append(
                GuardFinding(
                    "unsupported_claim", f"{', '.join(advised)}: not what the matched items advise", None, (clause.start, clause.end)
                )
            )
            continue
        matches = previous = elsewhere or matches
        read = {rec.id: _label_findings(clause, rec, population, context) for rec in matches}
        matches = previous = matches if numbered else uncontradicted(matches, read)  # a tie: the item it agrees with
        labels = [f for rec in matches for f in read[rec.id]]
        individual = [rec for rec in matches if rec.direction.value == "individualized"]
        if any(f.kind == "direction_contradiction" and context.rec_set.get(f.recommendation_id or "") in individual for f in labels):
            labels += _misapplied(clause, matches, population, context)  # a categorical "no" another item gives other patients
        findings += labels
    findings = dedupe(findings)
    return GuardReport(verdict(findings), tuple(findings))


def _misapplied(clause: Clause, matches: list[Recommendation], population: NamedPopulation, context: GuardContext) -> list[GuardFinding]:
    """For advice contradicting its matched item: another item of its topic whose advice it repeats, for patients it does not cover."""
    findings = []
    for m in context.matcher.match(clause.text, share=TOPIC_SHARE):
        if m.rec in matches or not context.matcher.names_intervention(clause.preferred, m.rec.id):
            continue
        labels = _label_findings(clause, m.rec, population, context)  # read against that item: agrees, but not its patients
        if any(f.kind == "population_mismatch" for f in labels) and not any(f.kind == "direction_contradiction" for f in labels):
            findings += [f for f in labels if f.kind == "population_mismatch"]
    return findings


_PUNCT = re.compile(r"[,:;]")
_REASON = re.compile(r",?\s\b(?:because|since)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _subject_and_predicate(clause: Clause) -> tuple[str, str]:
    """The words just before a clause's first action word (a leading setting phrase cut off) and those after it.

    An imperative ("Add nelarabine to ...") has no subject: its object, the words after the verb, stands in.
    """
    cue = scanned(_ACTION).search(clause.preferred)
    if cue:
        return _PUNCT.split(clause.preferred[: cue.start()])[-1], clause.preferred[cue.end() :]
    words = _PUNCT.split(clause.preferred)[-1].split()
    return " ".join(words[1:5]), " ".join(words[1:])


def _clause_items(clause: Clause, context: GuardContext, previous: list[Recommendation]) -> list[Recommendation]:
    """The item(s) a clause is about: its subject and predicate weigh double; ties and pronouns keep the topic so far."""
    subject, predicate = _subject_and_predicate(clause)
    advice, domain = clause.text, context.rec_set.domain
    if (reason := _REASON.search(advice)) is not None:  # "..., because it may encourage risky use": why, not what
        advice, predicate = advice[: reason.start()], _REASON.split(predicate, maxsplit=1)[0]
    matches = [m.rec for m in context.matcher.match(advice, emphasis=f"{subject} {predicate}")]
    if len(matches) > 1 and (kept := [rec for rec in matches if rec in previous]):
        return kept  # "…; the panel suggests it for all AYAs on pegaspargase" stays on the item in hand
    labels_only = clause.direction is None  # "this is a category B recommendation": grading said of what came before
    if previous and matches and (clause.strength or clause.certainty):
        common = function_words()
        ungraded = " ".join(w for w in grading_blanked(advice, domain).split() if w.lower().strip(".,;:()") not in common)
        if not any(context.matcher.names_side(ungraded, rec.id) for rec in matches):
            return previous  # "..., but the evidence is only type 4": it names no item's option; it grades the one in hand
    if previous and (not matches or (scanned(ANAPHOR).search(clause.text) and (len(matches) > 1 or labels_only))):
        return previous  # "…, but it may be considered for high-risk patients" continues the last item
    return matches


TOPIC_SHARE = 0.4  # an item scoring this share of the best match shares the clause's topic, if not its patients
NEAR_SHARE = 0.85  # an item scoring this share of the best match is as likely the one a clause is about


def _compatible(
    clause: Clause, matches: list[Recommendation], population: NamedPopulation, context: GuardContext, previous: list[Recommendation]
) -> list[Recommendation]:
    """The matched items; when all exclude the clause's patients, a near match (or, named by the setting only, a topic item) that fits."""
    domain = context.rec_set.domain
    if fits := [rec for rec in matches if not conflicts(population, rec, domain)]:  # tied items: the ones whose patients it names
        return matches if len(fits) < len(matches) and names_two_values(clause.text, domain) else fits
    subject, predicate = _subject_and_predicate(clause)
    near = [m.rec for m in context.matcher.match(clause.text, emphasis=f"{subject} {predicate}", share=NEAR_SHARE)]
    named = any(context.matcher.names_intervention(clause.preferred, rec.id) for rec in matches)
    fitting = [
        rec
        for rec in near
        if rec not in matches
        and not conflicts(population, rec, domain)
        and (not named or context.matcher.names_intervention(clause.preferred, rec.id))  # a named intervention keeps its item
    ]
    if not fitting and not population_of(names_blanked(clause.text, domain), domain).spans:
        fitting = [rec for rec in previous if not conflicts(population, rec, domain)]
    return fitting[:1] or matches


def _foreign_subject(clause: Clause, context: GuardContext, object_counts: bool = True) -> list[str]:
    """Specific terms of a clause's subject (the words just before its first action word) unknown to set and corpus."""
    subject, predicate = _subject_and_predicate(clause)
    if object_counts and not content_terms(attribution_removed(subject, context.rec_set.domain)):
        subject = " ".join(predicate.split()[:6])  # "CDC recommends kratom ...": the issuer is no topic; what it is said to advise is
    unseen = unseen_terms(subject, context.vocabulary, context.thesaurus) if subject.strip() else []
    return [term for term in unseen if not known_parts(term, context) and not is_cue(term) and not _everyday(term, context)]


def _everyday(term: str, context: GuardContext) -> bool:
    """Whether a term the corpus lacks still names nothing the set lacks: shorthand for its words ("LBP"), a word common
    in English ("FYI", "rationale") or another language ("kein"), or one the pack's domain names a population by ("upfront": newly diagnosed)."""
    return context.explains(term) or is_common_word(term) or bool(population_of(term, context.rec_set.domain).spans)


def check_answer(answer: Answer, context: GuardContext, question: str = "") -> GuardReport:
    """Findings for an answer whose quotes were already verified: quotes, item ids, labels, question population."""
    rec_set = context.rec_set
    findings = [
        GuardFinding(
            "unverifiable_quote", f"quote {n} is not found verbatim in {q.document_id} at {q.char_start}-{q.char_end}", q.recommendation_id
        )
        for n, q in enumerate(answer.quotes, start=1)
        if not q.verified
    ]
    findings += [
        GuardFinding("unknown_recommendation", f"{rec_id} is not in the recommendation set", rec_id)
        for rec_id in answer.recommendation_ids
        if rec_set.get(rec_id) is None
    ]
    for quote in answer.quotes:
        rec = rec_set.get(quote.recommendation_id) if quote.recommendation_id else None
        if rec is not None and not rec.is_placeholder:
            for clause in read_clauses(quote.text, rec_set.domain):
                findings += [f for f in _label_findings(clause, rec, NamedPopulation(), context) if f.kind in _QUOTE_LABEL_KINDS]
    named = named_population(question, rec_set.domain)
    for rec_id in answer.recommendation_ids if answer.status.value == "answered" else ():
        rec = rec_set.get(rec_id)
        if rec is not None and (reasons := population_conflicts(named, rec.population, rec.guideline, rec_set.domain)):
            findings.append(GuardFinding("population_mismatch", f"the question names {'; '.join(reasons)}", rec_id))
    return GuardReport(verdict(findings), tuple(findings))
