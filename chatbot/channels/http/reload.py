"""A running server takes up a new index build: it looks for one after requests, loads it aside, then swaps it in.

Requests in flight keep the pack engine they started with; the next ones use the new build. A build
that fails its checks is logged and skipped, and the server keeps answering from the one it has.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from chatbot.core import Chatbot, PackEngine, open_engine
from chatbot.errors import ChatbotError
from chatbot.index.store import current_build
from chatbot.packs.loading import settings_for_pack

log = logging.getLogger("chatbot.channels.http.reload")


def reloaded_engine(bot: Chatbot, engine: PackEngine) -> PackEngine:
    """The pack loaded afresh from its current build (verified; the build holds its recommendation set), synonyms re-read."""
    return open_engine(engine.pack, bot.settings, bot.embedder)


class IndexWatcher:
    """Checks at most every `poll_seconds` whether a pack's `current` build changed, and swaps it in off the request path."""

    def __init__(self, bot: Chatbot, poll_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.bot, self.poll_seconds, self.clock = bot, poll_seconds, clock
        self._index_dirs = [settings_for_pack(bot.settings, engine.pack).index_dir for engine in bot.engines]
        self._lock = threading.Lock()
        self._next_check = clock() + poll_seconds
        self._busy = False
        self._refused: set[Path] = set()

    def _changed(self) -> bool:
        """Whether any pack's current build differs from the loaded one (and was not refused before)."""
        for engine, index_dir in zip(self.bot.engines, self._index_dirs):
            folder = current_build(index_dir)
            if folder is not None and folder != engine.index.folder and folder not in self._refused:
                return True
        return False

    def maybe_check(self) -> None:
        """Cheap when nothing changed (a readlink per pack); starts a background swap when something did."""
        if self.poll_seconds <= 0:
            return
        with self._lock:
            now = self.clock()
            if self._busy or now < self._next_check:
                return
            self._next_check = now + self.poll_seconds
            if not self._changed():
                return
            self._busy = True
        threading.Thread(target=self._swap, name="index-swap", daemon=True).start()

    def _swap(self) -> None:
        """Load every changed pack, then replace the bot's engines in one assignment."""
        try:
            engines = []
            for engine, index_dir in zip(self.bot.engines, self._index_dirs):
                folder = current_build(index_dir)
                if folder is None or folder == engine.index.folder or folder in self._refused:
                    engines.append(engine)
                    continue
                try:
                    engines.append(reloaded_engine(self.bot, engine))
                    log.info("pack %s: now answering from index build %s", engine.pack.id, folder.name)
                except ChatbotError as exc:
                    self._refused.add(folder)
                    log.warning("pack %s: new index build %s not taken up: %s", engine.pack.id, folder.name, exc.message)
                    engines.append(engine)
            self.bot.replace_engines(tuple(engines))
        except Exception:  # noqa: BLE001 - a failed reload must never stop the server answering from the old index
            log.exception("reloading the index failed; the previous one stays in use")
        finally:
            with self._lock:
                self._busy = False
