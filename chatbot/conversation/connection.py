"""Whether a turn's own words connect it to a guideline pack: a content word of the pack's text, items or field terms."""

from __future__ import annotations

from functools import lru_cache

from chatbot.answer.vocabulary import content_terms
from chatbot.index.lexical import tokenize
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.schema import RecommendationSet


@lru_cache(maxsize=8)
def pack_stems(rec_set: RecommendationSet, thesaurus: Thesaurus) -> frozenset[str]:
    """Stems of the pack's own words: its items' wording and keywords, its subject and its field's synonym terms."""
    texts = [rec_set.domain.subject, *thesaurus.domain_terms, *(term for group in thesaurus.groups for term in group.terms)]
    for rec in rec_set.items:
        texts += [rec.title, rec.intervention, rec.comparator or "", rec.direction_detail or "", rec.population.description]
        texts += [*rec.remarks, *rec.keywords]
    return frozenset(stem for text in texts for stem in tokenize(text))


def speaks_of_pack(question: str, rec_set: RecommendationSet, thesaurus: Thesaurus, text_stems: frozenset[str] = frozenset()) -> bool:
    """Whether at least half the content words of the question are the pack's words (its items, field terms, or `text_stems`
    of its text): a common word the pack happens to use ("good") does not carry a turn that is otherwise about something else."""
    own = pack_stems(rec_set, thesaurus)
    terms = content_terms(question)
    hits = sum(1 for term in terms if not own.isdisjoint(stems := tokenize(term)) or not text_stems.isdisjoint(stems))
    return hits > 0 and 2 * hits >= len(terms)
