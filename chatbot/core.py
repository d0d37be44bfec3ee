"""Chatbot: the thin orchestrator that every channel wraps, and build_chatbot(settings)."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from chatbot.answer.compose import AnswerContext, compose_answer
from chatbot.conversation.context import in_conversation
from chatbot.conversation.followups import Resolution, resolve_followup
from chatbot.stores.audit import AuditEntry, AuditStore, SQLiteAuditStore
from chatbot.config import Settings, audit_file, sessions_file, settings_fingerprint
from chatbot.index.embedding import Embedder, load_embedder
from chatbot.errors import ConfigError, InvalidInput, NotFound
from chatbot.guard.check import GuardContext, check_answer, check_text, verify_quote
from chatbot.index.build import BuildSummary, CorpusInputs, Progress, build_index, freshness, gather_inputs, load_index
from chatbot.index.store import LoadedIndex, read_manifest
from chatbot.recs.merging import combined_recommendations, effective_recommendations
from chatbot.packs.loading import Pack, pack_folders, pack_or_default, settings_for_pack
from chatbot.recs.schema import RecommendationSet, load_recommendations
from chatbot.answer.retrieval import HybridRetriever, SearchResult, pack_closeness
from chatbot.packs.synonyms import Thesaurus, load_thesaurus
from chatbot.answer.templates import Templates, load_templates
from chatbot.recs.population import named_population
from chatbot.stores.sessions import SessionStore, SQLiteSessionStore, Turn
from chatbot.types import Answer, AnswerStatus, Document, GuardReport, Reply
from chatbot.answer.vocabulary import CorpusVocabulary


def audit_entry(reply: Reply, channel: str) -> AuditEntry:
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


@dataclass(frozen=True)
class PackTurn:
    """One pack's attempt at a question: the answer, its guard report, and how it got there."""

    engine: PackEngine
    answer: Answer
    guard: GuardReport
    search: SearchResult
    resolution: Resolution
    timings_ms: dict[str, float]

    @property
    def best_score(self) -> float:
        """The best dense score among the hits: how close the pack's text came to the question."""
        return max((hit.dense_score or 0.0 for hit in self.search.hits), default=0.0)


class PackEngine:
    """One guideline pack's loaded index and recommendation set, and the stages built on them."""

    def __init__(self, pack: Pack, settings: Settings, index: LoadedIndex, rec_set: RecommendationSet, thesaurus: Thesaurus, embedder: Embedder, templates: Templates) -> None:
        self.pack = pack
        self.index = index
        self.rec_set = effective_recommendations(rec_set, index.manifest.get("statements", []), index.documents, pack.id_prefix)
        self.thesaurus = thesaurus
        self.templates = replace(templates, scope=pack.scope) if pack.scope else templates
        self._embedder = embedder
        self._settings = settings
        self.guard_context = GuardContext.build(self.rec_set, thesaurus, index.passages)

    @cached_property
    def vocabulary(self) -> CorpusVocabulary:
        """The pack's words (made on first use: `check` never needs them)."""
        return CorpusVocabulary.from_texts([p.text for p in self.index.passages], self.thesaurus)

    @cached_property
    def retriever(self) -> HybridRetriever:
        """Hybrid search over the pack's index (made on first use)."""
        return HybridRetriever(self.index, self._embedder, self.thesaurus, self.vocabulary.words, self._settings)

    @cached_property
    def answer_context(self) -> AnswerContext:
        """What composing an answer needs from the pack (made on first use)."""
        return AnswerContext(self.index, self.rec_set, self.thesaurus, self.vocabulary, self.templates)

    @property
    def corpus_version(self) -> str:
        """Version of the corpus the loaded index was built from."""
        return str(self.index.manifest.get("corpus_version", "unknown"))

    def owns(self, rec_ids: tuple[str, ...]) -> bool:
        """Whether these recommendation ids are this pack's."""
        return bool(rec_ids) and all(self.rec_set.get(rec_id) is not None for rec_id in rec_ids)

    def answer(self, text: str, history: list[Turn], settings: Settings) -> PackTurn:
        """Resolve, retrieve, answer and guard one question against this pack."""
        mark = time.perf_counter()
        resolution = resolve_followup(text, history, self.rec_set, self.thesaurus)
        resolve_ms = (time.perf_counter() - mark) * 1000
        search = self.retriever.search(resolution.question, settings)
        timings = {"resolve": resolve_ms, **search.timings_ms}
        mark = time.perf_counter()
        answer = compose_answer(search, self.answer_context, settings)
        answer = in_conversation(answer, resolution, search, self.rec_set, self.templates)
        timings["answer"] = (time.perf_counter() - mark) * 1000
        mark = time.perf_counter()
        quotes = tuple(replace(verify_quote(q, self.index.documents), pack=self.pack.short_name) for q in answer.quotes)
        answer = replace(answer, quotes=quotes)
        guard = check_answer(answer, self.guard_context, text)
        timings["guard"] = (time.perf_counter() - mark) * 1000
        return PackTurn(self, answer, guard, search, resolution, timings)


_STATUS_RANK = {AnswerStatus.ANSWERED: 0, AnswerStatus.NEEDS_CLARIFICATION: 1, AnswerStatus.NOT_FOUND: 2, AnswerStatus.OUT_OF_SCOPE: 3}


def choose_turn(turns: list[PackTurn], history: list[Turn]) -> PackTurn:
    """The pack that answers best: answered first; a follow-up stays with the pack of the last answer; then closeness."""
    last_ids = next((tuple(turn.recommendation_ids) for turn in reversed(history) if turn.recommendation_ids), ())

    def key(turn: PackTurn) -> tuple[int, int, float]:
        follows = turn.engine.owns(last_ids) and (turn.resolution.asks_about is not None or bool(turn.resolution.inherited))
        return (_STATUS_RANK[turn.answer.status], 0 if follows else 1, -turn.best_score)

    return min(turns, key=key)


class Chatbot:
    """Strings the stages together over one or more guideline packs: retrieve, answer, guard; records every turn."""

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
        pack: Pack | None = None,
        more_packs: Sequence[PackEngine] = (),
    ) -> None:
        self.settings = settings
        self.sessions = sessions or SQLiteSessionStore(sessions_file(settings))
        self.audit = audit or SQLiteAuditStore(audit_file(settings))
        primary = PackEngine(pack or pack_or_default(settings.corpus_dir), settings, index, rec_set, thesaurus, embedder, templates)
        self.engines: tuple[PackEngine, ...] = (primary, *more_packs)
        self.embedder = embedder
        self.settings_fingerprint = settings_fingerprint(settings)
        self.rec_set = combined_recommendations([engine.rec_set for engine in self.engines])

    @property
    def index(self) -> LoadedIndex:
        """The primary pack's index."""
        return self.engines[0].index

    @property
    def retriever(self) -> HybridRetriever:
        """The primary pack's retriever."""
        return self.engines[0].retriever

    @property
    def corpus_version(self) -> str:
        """Version of the primary pack's corpus (each reply carries its own pack's)."""
        return self.engines[0].corpus_version

    def document(self, document_id: str) -> Document | None:
        """A document of any loaded pack."""
        return next((doc for engine in self.engines if (doc := engine.index.documents.get(document_id))), None)

    def engine_for(self, rec_id: str) -> PackEngine:
        """The pack holding a recommendation id (the primary pack when none does)."""
        return next((engine for engine in self.engines if engine.rec_set.get(rec_id)), self.engines[0])

    def prepare(self) -> None:
        """Make every pack's search and answer stages and load the model now, before the first request (for servers)."""
        for engine in self.engines:
            _ = engine.retriever, engine.answer_context
        self.embedder.embed(["warm-up"])

    def route(self, text: str, history: list[Turn], settings: Settings) -> tuple[PackEngine, ...]:
        """The packs a question concerns: one joint nearest-passage search over every pack, keeping the closest few near the best.

        A follow-up keeps the pack of the conversation's last answer.
        """
        if len(self.engines) == 1:
            return self.engines
        best = pack_closeness(self.embedder.embed([text]), [engine.index for engine in self.engines])
        ranked = sorted(range(len(best)), key=lambda i: -best[i])
        close = {i for i in ranked[: settings.route_max_packs] if best[i] >= best[ranked[0]] - settings.route_margin}
        last_ids = next((tuple(turn.recommendation_ids) for turn in reversed(history) if turn.recommendation_ids), ())
        return tuple(e for i, e in enumerate(self.engines) if i in close or e.owns(last_ids))

    def check(self, text: str) -> GuardReport:
        """The rules guard over free text, against the pack whose items the text matches best."""
        text = validate_text(text, self.settings)
        engine = self.engines[0]
        if len(self.engines) > 1:
            closeness = pack_closeness(self.embedder.embed([text]), [e.index for e in self.engines])
            engine = self.engines[closeness.index(max(closeness))]
        return check_text(text, engine.guard_context)

    def ask(self, question: str, session_id: str | None = None, settings: Settings | None = None, channel: str = "cli") -> Reply:
        """Answer one question of a conversation with verbatim quotes, or abstain with the reason; record it."""
        settings = settings or self.settings
        started = time.perf_counter()
        text = validate_question(question, settings)
        if session_id is None:
            session_id = self.sessions.new_session()
        elif not self.sessions.exists(session_id):
            raise NotFound(f"no conversation with session id {session_id!r}", hint="omit session_id to start a new conversation")
        history = self.sessions.history(session_id, settings.session_history_turns)
        mark = time.perf_counter()
        engines = self.route(text, history, settings)
        route_ms = (time.perf_counter() - mark) * 1000
        chosen = choose_turn([engine.answer(text, history, settings) for engine in engines], history)
        timings = {**chosen.timings_ms, "route": route_ms, "total": (time.perf_counter() - started) * 1000}
        reply = Reply(
            answer_id=uuid.uuid4().hex,
            session_id=session_id,
            question=question,
            resolved_question=chosen.search.query.corrected,
            answer=chosen.answer,
            guard=chosen.guard,
            corpus_version=chosen.engine.corpus_version,
            settings_fingerprint=self.settings_fingerprint,
            timings_ms=timings,
            retrieved=chosen.search.hits,
            pack_id=chosen.engine.pack.id,
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
        self.audit.record(audit_entry(reply, channel))


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


def load_engine(pack: Pack, settings: Settings, embedder: Embedder, progress: Progress, notify: Callable[[str], None]) -> PackEngine:
    """One pack ready to answer, its index built first when missing or stale."""
    pack_settings = settings_for_pack(settings, pack)
    rec_set = load_recommendations(pack.folder)
    ensure_index(pack_settings, rec_set, lambda: embedder, progress, lambda message: notify(f"{pack.short_name}: {message}"))
    return PackEngine(pack, pack_settings, load_index(pack_settings), rec_set, load_thesaurus(pack.folder), embedder, load_templates())


def build_chatbot(settings: Settings, progress: Progress, notify: Callable[[str], None]) -> Chatbot:
    """Load every configured pack, building missing or stale indexes first; the first pack is the primary one."""
    embedder = load_embedder(settings)
    primary, *others = [pack_or_default(folder) for folder in pack_folders(settings)]
    if len({pack.id for pack in (primary, *others)}) < 1 + len(others):
        raise ConfigError("two packs have the same id", hint="pack ids in pack.yaml must differ")
    more = [load_engine(pack, settings, embedder, progress, notify) for pack in others]
    own = settings_for_pack(settings, primary)
    rec_set = load_recommendations(primary.folder)
    ensure_index(own, rec_set, lambda: embedder, progress, notify)
    thesaurus = load_thesaurus(primary.folder)
    return Chatbot(settings, load_index(own), rec_set, thesaurus, embedder, load_templates(), pack=primary, more_packs=more)
