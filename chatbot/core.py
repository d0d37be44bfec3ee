"""Chatbot: the thin orchestrator that every channel wraps, and build_chatbot(settings), the one way to get one."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chatbot.answer.templates import load_templates
from chatbot.config import Settings, settings_fingerprint
from chatbot.conversation.state import DialogueState
from chatbot.engine import PackEngine, choose_turn
from chatbot.errors import ConfigError, NotFound
from chatbot.guard.check import check_text
from chatbot.index.build import Progress, ensure_index, load_index
from chatbot.index.embedders import load_embedder
from chatbot.index.embedding import Embedder
from chatbot.index.store import LoadedIndex
from chatbot.packs.loading import Pack, pack_folders, pack_or_default, settings_for_pack
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.merging import combined_recommendations
from chatbot.stores.audit import AuditEntry
from chatbot.stores.bundle import Stores, open_stores
from chatbot.stores.sessions import Turn
from chatbot.types import Document, GuardReport, Reply
from chatbot.validation import refuse_surrogates, validate_question, validate_text

if TYPE_CHECKING:
    from chatbot.answer.retrieval import HybridRetriever


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


class Chatbot:
    """Strings the stages together over one or more guideline packs: retrieve, answer, guard; records every turn."""

    def __init__(self, settings: Settings, engines: Sequence[PackEngine], stores: Stores, embedder: Embedder) -> None:
        self.settings = settings
        self.sessions = stores.sessions
        self.audit = stores.audit
        self.stores = stores
        self.engines: tuple[PackEngine, ...] = tuple(engines)
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

    def replace_engines(self, engines: tuple[PackEngine, ...]) -> None:
        """Answer from these pack engines from now on (requests in flight keep the ones they started with)."""
        self.engines = engines
        self.rec_set = combined_recommendations([engine.rec_set for engine in engines])

    def engine_for_document(self, document_id: str) -> PackEngine | None:
        """The pack whose index holds a document, or None."""
        return next((engine for engine in self.engines if document_id in engine.index.documents), None)

    def engine_for(self, rec_id: str) -> PackEngine:
        """The pack holding a recommendation id (the primary pack when none does)."""
        return next((engine for engine in self.engines if engine.rec_set.get(rec_id)), self.engines[0])

    def prepare(self) -> None:
        """Make every pack's search and answer stages and load the model now, before the first request (for servers)."""
        self.prepare_answering()
        self.embedder.embed(["warm-up"])

    def prepare_answering(self) -> None:
        """Make every pack's search and answer stages now (`ask` does it while the model loads on another thread)."""
        for engine in self.engines:
            engine.prepare_answering()

    def route(self, text: str, state: DialogueState) -> tuple[PackEngine, ...]:
        """The packs a question concerns: one joint nearest-passage search over every pack, keeping the closest few near the best.

        A follow-up keeps the pack of the conversation's last answer.
        """
        from chatbot.answer.retrieval import pack_closeness

        if len(self.engines) == 1:
            return self.engines
        best = pack_closeness(self.embedder.embed([text]), [engine.index for engine in self.engines])
        ranked = sorted(range(len(best)), key=lambda i: -best[i])
        settings = self.settings
        close = {i for i in ranked[: settings.route_max_packs] if best[i] >= best[ranked[0]] - settings.route_margin}
        return tuple(e for i, e in enumerate(self.engines) if i in close or e.owns(state.item_ids))

    def check(self, text: str) -> GuardReport:
        """The rules guard over free text, against the pack whose items the text matches best."""
        from chatbot.answer.retrieval import pack_closeness

        text = validate_text(text, self.settings)
        engine = self.engines[0]
        if len(self.engines) > 1:
            closeness = pack_closeness(self.embedder.embed([text]), [e.index for e in self.engines])
            engine = self.engines[closeness.index(max(closeness))]
        return check_text(text, engine.guard_context)

    def ask(self, question: str, session_id: str | None = None, channel: str = "cli") -> Reply:
        """Answer one question of a conversation with verbatim quotes, or abstain with the reason; record it."""
        settings = self.settings
        started = time.perf_counter()
        text = validate_question(question, settings)
        if session_id is not None:
            refuse_surrogates(session_id, "the session id")
        if session_id is None:
            session_id = self.sessions.new_session()
        elif not self.sessions.exists(session_id):
            raise NotFound(f"no conversation with session id {session_id!r}", hint="omit session_id to start a new conversation")
        state = DialogueState.from_dict(self.sessions.state(session_id))
        mark = time.perf_counter()
        engines = self.route(text, state)
        route_ms = (time.perf_counter() - mark) * 1000
        chosen = choose_turn([engine.answer(text, state) for engine in engines], state)
        timings = {**chosen.timings_ms, "route": route_ms, "total": (time.perf_counter() - started) * 1000}
        reply = Reply(
            answer_id=uuid.uuid4().hex,
            session_id=session_id,
            question=question,
            resolved_question=chosen.resolved_question,
            answer=chosen.answer,
            guard=chosen.guard,
            corpus_version=chosen.engine.corpus_version,
            settings_fingerprint=self.settings_fingerprint,
            timings_ms=timings,
            retrieved=chosen.search.hits,
            pack_id=chosen.engine.pack.id,
        )
        self._remember(reply, channel, chosen.state)
        return reply

    def _remember(self, reply: Reply, channel: str, state: DialogueState) -> None:
        """Append the turn with the session's new dialogue state (one transaction), and the reply to the audit trail."""
        self.sessions.append(
            Turn(
                reply.session_id,
                0,
                reply.question,
                reply.resolved_question,
                reply.answer.status.value,
                reply.answer.recommendation_ids,
                dict(state.facets),
                time.time(),
            ),
            state.as_dict(),
        )
        self.audit.record(audit_entry(reply, channel))


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress nobody watches."""


def open_engine(pack: Pack, settings: Settings, embedder: Embedder) -> PackEngine:
    """One pack ready to answer from its current (verified) index build; nothing is built."""
    own = settings_for_pack(settings, pack)
    return PackEngine(pack, own, load_index(own), load_thesaurus(pack.folder), embedder, load_templates())


def _load_engine(pack: Pack, settings: Settings, embedder: Embedder, progress: Progress, notify: Callable[[str], None]) -> PackEngine:
    """One pack ready to answer, its index built first when missing or stale."""
    say = (
        notify if pack_or_default(settings.corpus_dir).folder == pack.folder else (lambda message: notify(f"{pack.short_name}: {message}"))
    )
    ensure_index(settings_for_pack(settings, pack), lambda: load_recommendations(pack.folder), lambda: embedder, progress, say)
    return open_engine(pack, settings, embedder)


def build_chatbot(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    stores: Stores | None = None,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    load_model_now: bool = False,
) -> Chatbot:
    """Load every configured pack (the first is primary), building missing or stale indexes first.

    The only way the CLI, the service, tests, benchmarks and evaluation get a bot: settings are given
    here, once; `embedder` and `stores` replace the real model and the production stores. With
    `load_model_now` (commands that will embed a question) the model loads beside the packs.
    """
    stores = stores or open_stores(settings)  # an unusable database fails before the model loads
    embedder = embedder or load_embedder(settings)
    start_loading = getattr(embedder, "start_loading", None)
    if load_model_now and start_loading is not None:
        start_loading()
    packs = [pack_or_default(folder) for folder in pack_folders(settings)]
    if len({pack.id for pack in packs}) < len(packs):
        raise ConfigError("two packs have the same id", hint="pack ids in pack.yaml must differ")
    engines = [_load_engine(pack, settings, embedder, progress or _no_progress, notify or (lambda message: None)) for pack in packs]
    return Chatbot(settings, engines, stores, embedder)
