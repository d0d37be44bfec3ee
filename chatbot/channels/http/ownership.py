"""Session and answer ids bound to the API key that created them: `<id>.<tag>`, the tag an HMAC keyed by the key's hash.

With API keys configured, a client sees its ids with a tag only its own key reproduces; an id presented
with another key's tag (or none) is unknown to that key (404). Without keys, ids are returned as stored.
The stores keep the plain ids, so the audit trail and the session store need no owner column.
"""

from __future__ import annotations

import hashlib
import hmac

from chatbot.errors import NotFound

TAG_CHARS = 24


def _tag(plain_id: str, owner: str) -> str:
    """The owner's tag of an id."""
    return hmac.new(owner.encode(), plain_id.encode(), hashlib.sha256).hexdigest()[:TAG_CHARS]


def bind(plain_id: str, owner: str) -> str:
    """The id as its owner sees it (unchanged when there is no owner)."""
    return f"{plain_id}.{_tag(plain_id, owner)}" if owner else plain_id


def unbind(presented: str, owner: str, what: str, hint: str) -> str:
    """The stored id behind a presented one; NotFound when the presenter's key does not own it."""
    if not owner:
        return presented
    plain_id, _, tag = presented.rpartition(".")
    if not plain_id or not hmac.compare_digest(tag, _tag(plain_id, owner)):
        raise NotFound(f"no {what} with id {presented!r} for this API key", hint=hint)
    return plain_id
