"""Chatbot: the thin orchestrator that every channel wraps, and build_chatbot(settings)."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import replace

from chatbot.answer import AnswerContext, compose_answer
from chatbot.conversation import in_conversation
from chatbot.followups import resolve_followup
from chatbot.audit import AuditEntry, AuditStore, SQLiteAuditStore
from chatbot.config import Settings, audit_file, sessions_file, settings_fingerprint
from chatbot.embedding import Embedder, load_embedder
from chatbot.errors import InvalidInput, NotFound
from chatbot.guard import GuardContext, check_answer, check_text, verify_quote
from chatbot.index import BuildSummary, CorpusInputs, Progress, build_index, freshness, gather_inputs, load_index
from chatbot.index_store import LoadedIndex, read_manifest
from chatbot.recommendations import RecommendationSet, load_recommendations
from chatbot.retrieval import HybridRetriever
from chatbot.synonyms import Thesaurus, load_thesaurus
from chatbot.templates import Templates, load_templates
from chatbot.population import named_population
from chatbot.sessions import SessionStore, SQLiteSessionStore, Turn
from chatbot.types import GuardReport, Reply
from chatbot.vocabulary import CorpusVocabulary


def audit_entry(reply: Reply, channel: str, index: LoadedIndex) -> AuditEntry:
    """What the audit trail keeps of a reply: passages with content hashes, labels, guard, latency."""
    quoted = {(q.document_id, q.char_start, q.char_end): q.text for q in reply.answer.quotes}
    passages = [
        {"id": hit.passage.id, "document_id": hit.passage.document_id, "sha256": hashlib.sha256(hit.passage.text.encode()).hexdigest()}
        for hit in reply.retrieved
    ]
    passages += [
        {"id": f"quote {doc}:{start}-{end}", "document_id": doc, "sha256": hashlib.sha256(text.encode()).hexdigest()}
        for (doc, start, end), text in quoted.items()
    ]
    return AuditEntry(
        answer_id=reply.answer_id,
        time=time.time(),
        channel=channel,
        session_id=reply.session_id,
        question=reply.question,
        resolved_question=reply.resolved_question,
        status=reply.answer.status.value,
        passages=passages,
        recommendation_ids=list(reply.answer.recommendation_ids),
        corpus_version=reply.corpus_version,
        settings_fingerprint=reply.settings_fingerprint,
        guard_verdict=reply.guard.verdict,
        guard_findings=[{"kind": f.kind, "message": f.message, "recommendation_id": f.recommendation_id} for f in reply.guard.findings],
        latency_ms=round(reply.timings_ms.get("total", 0.0), 2),
        quote_count=len(reply.answer.quotes),
    )


def validate_question(question: str, settings: Settings) -> str:
    """The question stripped, or InvalidInput when it is empty or too long."""
    text = question.strip()
    if not text:
        raise InvalidInput("the question is empty", hint="ask a question about the guidelines")
    if len(text) > settings.max_question_chars:
        raise InvalidInput(
            f"the question has {len(text)} characters; the limit is {settings.max_question_chars}",
            hint="shorten the question",
            status=413,
        )
    return text


class Chatbot:
    """Strings the stages together: retrieve, answer, guard."""

    def __init__(
        self,
        settings: Settings,
        index: LoadedIndex,
        rec_set: RecommendationSet,
        thesaurus: Thesaurus,
        embedder: Embedder,
        templates: Templates,
        sessions: SessionStore | None = None,
        audit: AuditStore | None = None,
    ) -> None:
        self.settings = settings
        self.sessions = sessions or SQLiteSessionStore(sessions_file(settings))
        self.audit = audit or SQLiteAuditStore(audit_file(settings))
        self.index = index
        self.rec_set = rec_set
        self.thesaurus = thesaurus
        self.embedder = embedder
        self.templates = templates
        vocabulary = CorpusVocabulary.from_texts([p.text for p in index.passages], thesaurus)
        self.retriever = HybridRetriever(index, embedder, thesaurus, vocabulary.words, settings)
        self.answer_context = AnswerContext(index, rec_set, thesaurus, vocabulary, templates)
        self.guard_context = GuardContext.build(rec_set, thesaurus, index.passages)
        self.settings_fingerprint = settings_fingerprint(settings)

    def check(self, text: str) -> GuardReport:
        """The rules guard over free text (an answer drafted elsewhere, a colleague's summary)."""
        return check_text(validate_text(text, self.settings), self.guard_context)

    @property
    def corpus_version(self) -> str:
        """Version of the corpus the loaded index was built from."""
        return str(self.index.manifest.get("corpus_version", "unknown"))

    def ask(self, question: str, session_id: str | None = None, settings: Settings | None = None, channel: str = "cli") -> Reply:
        """Answer one question of a conversation with verbatim quotes, or abstain with the reason; record it."""
        settings = settings or self.settings
        started = time.perf_counter()
        text = validate_question(question, settings)
        if session_id is None:
            session_id = self.sessions.new_session()
        elif not self.sessions.exists(session_id):
            raise NotFound(f"no conversation with session id {session_id!r}", hint="omit session_id to start a new conversation")
        mark = time.perf_counter()
        history = self.sessions.history(session_id, settings.session_history_turns)
        resolution = resolve_followup(text, history, self.rec_set, self.thesaurus)
        resolve_ms = (time.perf_counter() - mark) * 1000
        search = self.retriever.search(resolution.question, settings)
        timings = {"resolve": resolve_ms, **search.timings_ms}
        mark = time.perf_counter()
        answer = compose_answer(search, self.answer_context, settings)
        answer = in_conversation(answer, resolution, search, self.rec_set, self.templates)
        timings["answer"] = (time.perf_counter() - mark) * 1000
        mark = time.perf_counter()
        answer = replace(answer, quotes=tuple(verify_quote(q, self.index.documents) for q in answer.quotes))
        guard = check_answer(answer, self.guard_context, text)
        timings["guard"] = (time.perf_counter() - mark) * 1000
        timings["total"] = (time.perf_counter() - started) * 1000
        reply = Reply(
            answer_id=uuid.uuid4().hex,
            session_id=session_id,
            question=question,
            resolved_question=search.query.corrected,
            answer=answer,
            guard=guard,
            corpus_version=self.corpus_version,
            settings_fingerprint=self.settings_fingerprint,
            timings_ms=timings,
            retrieved=search.hits,
        )
        self._remember(reply, channel)
        return reply

    def _remember(self, reply: Reply, channel: str) -> None:
        """Append the turn to its session and the reply to the audit trail."""
        named = named_population(reply.resolved_question)
        facets = {name: getattr(named, name).value for name in ("lineage", "ph_status", "phase", "mrd") if getattr(named, name)}
        self.sessions.append(
            Turn(reply.session_id, 0, reply.question, reply.resolved_question, reply.answer.status.value, reply.answer.recommendation_ids, facets, time.time())
        )
        self.audit.record(audit_entry(reply, channel, self.index))


def validate_text(text: str, settings: Settings) -> str:
    """Text submitted to the guard, or InvalidInput when it is empty or too long."""
    if not text.strip():
        raise InvalidInput("the text to check is empty", hint="pass the answer or statement to check")
    if len(text) > settings.max_check_chars:
        raise InvalidInput(f"the text has {len(text)} characters; the limit is {settings.max_check_chars}", hint="check it in parts", status=413)
    return text


def ensure_index(
    settings: Settings,
    rec_set: RecommendationSet,
    embedder_factory: Callable[[], Embedder],
    progress: Progress,
    notify: Callable[[str], None],
    extra_paths: tuple[str, ...] | None = None,
    force: bool = False,
) -> BuildSummary:
    """Build the index when it is missing, stale or forced; otherwise leave it as it is."""
    if extra_paths is None:
        extra_paths = tuple((read_manifest(settings.index_dir) or {}).get("extra_paths", []))
    inputs: CorpusInputs = gather_inputs(settings, extra_paths)
    state = freshness(settings, inputs)
    if state.state == "fresh" and not force:
        return BuildSummary(False, None, 0, 0, reasons=("index is up to date",))
    notify(f"building the index ({'forced' if force and state.state == 'fresh' else '; '.join(state.reasons)})")
    summary = build_index(settings, inputs, rec_set, embedder_factory(), progress)
    return replace(summary, reasons=state.reasons)


def build_chatbot(settings: Settings, progress: Progress, notify: Callable[[str], None]) -> Chatbot:
    """Load everything the chatbot needs, building a missing or stale index first."""
    rec_set = load_recommendations(settings.corpus_dir)
    embedder = load_embedder(settings)
    ensure_index(settings, rec_set, lambda: embedder, progress, notify)
    return Chatbot(settings, load_index(settings), rec_set, load_thesaurus(settings.corpus_dir), embedder, load_templates())
