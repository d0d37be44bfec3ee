"""Slack interactivity payloads (a clarification button pressed): read into the thread to continue and the choice made.

Plain dicts, no Slack library: the route in routes.py verifies the signature first, then calls `read_choice`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs

CLARIFY_ACTION = "clarify"  # action_id prefix of the clarification buttons (blocks.py)
MAX_CHOICE_CHARS = 2000  # Slack's limit for a button's value


@dataclass(frozen=True)
class Choice:
    """A clarification choice: the thread it continues and the option chosen."""

    team: str
    channel: str
    thread_ts: str
    text: str
    user: str | None
    response_url: str | None


def _string(value: object) -> str | None:
    """A non-empty string without lone surrogates, else None."""
    if not isinstance(value, str) or not value or any("\ud800" <= char <= "\udfff" for char in value):
        return None
    return value


def _object(value: object) -> dict:
    """A JSON object, or {} for anything else."""
    return value if isinstance(value, dict) else {}


def read_choice(body: bytes) -> Choice | str | None:
    """The choice in a signed interactivity body; a string saying why it cannot be read; None for actions that are not ours."""
    try:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        payload = json.loads(form["payload"][0])
    except (UnicodeDecodeError, KeyError, IndexError, ValueError, RecursionError):
        return "the body is not a form with a JSON `payload`"
    if not isinstance(payload, dict):
        return "`payload` is not a JSON object"
    if payload.get("type") != "block_actions":
        return None
    actions = payload.get("actions")
    action = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else None
    action_id = _string(action.get("action_id")) if action else None
    if action is None or action_id is None or not action_id.startswith(CLARIFY_ACTION):
        return None
    parts: dict[str, dict] = {name: _object(payload.get(name)) for name in ("team", "channel", "user", "message")}
    container = _object(payload.get("container"))
    channel = _string(parts["channel"].get("id")) or _string(container.get("channel_id"))
    thread_ts = (
        _string(parts["message"].get("thread_ts"))
        or _string(container.get("thread_ts"))
        or _string(parts["message"].get("ts"))
        or _string(container.get("message_ts"))
    )
    text = _string(action.get("value"))
    if channel is None or thread_ts is None or text is None or len(text) > MAX_CHOICE_CHARS:
        return "the action names no channel, message or choice"
    return Choice(
        _string(parts["team"].get("id")) or "",
        channel,
        thread_ts,
        " ".join(text.split()),
        _string(parts["user"].get("id")),
        _string(payload.get("response_url")),
    )
