"""Dialogue state as data: the items under discussion, the pack's facet slots, the topic and the last answer; kept per session."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from chatbot.packs.domain import Domain

EARLIER_TOPICS = 5


@dataclass(frozen=True)
class Topic:
    """One topic of the conversation: its words as the user named them, the items answering it and the facets then in force."""

    words: str = ""
    item_ids: tuple[str, ...] = ()
    facets: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"words": self.words, "item_ids": list(self.item_ids), "facets": dict(self.facets)}

    @classmethod
    def from_dict(cls, data: Any) -> Topic:
        """A topic from stored JSON; anything malformed reads as an empty topic."""
        if not isinstance(data, dict):
            return cls()
        ids, facets = data.get("item_ids"), data.get("facets")
        return cls(
            str(data.get("words") or ""),
            tuple(str(i) for i in ids) if isinstance(ids, list) else (),
            {str(k): str(v) for k, v in facets.items()} if isinstance(facets, dict) else {},
        )


@dataclass(frozen=True)
class DialogueState:
    """What a conversation has established: the current topic (items, facet slots), the last answer, earlier topics."""

    pack: str = ""
    current: Topic = field(default_factory=Topic)
    last_status: str = ""
    last_summary: str = ""
    asked: str = ""  # the property the last turn asked about, if any
    earlier: tuple[Topic, ...] = ()

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The items under discussion."""
        return self.current.item_ids

    @property
    def facets(self) -> dict[str, str]:
        """The facet slots in force (age as a string)."""
        return self.current.facets

    @property
    def empty(self) -> bool:
        """Whether nothing has been said yet."""
        return not self.last_status

    def for_pack(self, pack_id: str) -> DialogueState:
        """The state as one pack sees it: another pack's topic and facets mean nothing to it."""
        if self.empty or self.pack == pack_id:
            return self
        return DialogueState(pack_id, Topic(), self.last_status, self.last_summary)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for the session store."""
        return {
            "pack": self.pack,
            "current": self.current.as_dict(),
            "last_status": self.last_status,
            "last_summary": self.last_summary,
            "asked": self.asked,
            "earlier": [topic.as_dict() for topic in self.earlier],
        }

    @classmethod
    def from_dict(cls, data: Any) -> DialogueState:
        """A state from the session store ({} or anything malformed is the empty state)."""
        if not isinstance(data, dict):
            return cls()
        earlier = data.get("earlier")
        return cls(
            str(data.get("pack") or ""),
            Topic.from_dict(data.get("current")),
            str(data.get("last_status") or ""),
            str(data.get("last_summary") or ""),
            str(data.get("asked") or ""),
            tuple(Topic.from_dict(t) for t in earlier[:EARLIER_TOPICS]) if isinstance(earlier, list) else (),
        )

    def after(self, pack: str, topic: Topic, status: str, summary: str, asked: str = "") -> DialogueState:
        """The state after an answered (or clarifying) turn on `topic`: a different topic pushes the current one onto `earlier`."""
        earlier = self.earlier
        if self.current.item_ids and set(self.current.item_ids) != set(topic.item_ids):
            earlier = (self.current, *(t for t in earlier if set(t.item_ids) != set(topic.item_ids)))[:EARLIER_TOPICS]
        elif topic.item_ids:
            earlier = tuple(t for t in earlier if set(t.item_ids) != set(topic.item_ids))
        return DialogueState(pack, topic, status, summary, asked, earlier)

    def unanswered(self, status: str, summary: str) -> DialogueState:
        """The state after a turn that was not answered: the topic and its items stay."""
        return replace(self, last_status=status, last_summary=summary, asked="")


def facet_words(facets: dict[str, str], domain: Domain) -> list[str]:
    """Facet slots as words a question can carry ("Ph-positive", "28-year-old"), in the domain's order; unknown values left out."""
    words = []
    for name, value in facets.items():
        if name == "age":
            words += [f"{value}-year-old"] if value.isdigit() else []
        elif name in domain.facets and (entry := domain.facets[name].values.get(value)) is not None and entry.words:
            words.append(entry.words)
    return words


def render(state: DialogueState, domain: Domain, about: str = "") -> str:
    """The state as a readable line: "Topic: …; population: …" (and the property asked, with the items it is about)."""
    parts = [f"Topic: {state.current.words or ', '.join(state.item_ids) or 'none yet'}"]
    if words := facet_words(state.facets, domain):
        parts.append(f"population: {', '.join(words)}")
    if about:
        parts.append(f"asking about the {about} of {', '.join(state.item_ids) or 'no item'}")
    return "; ".join(parts)
