"""A reply (the contract's model) as Slack Block Kit blocks; plain dicts, no Slack library needed.

Limits kept: section text <= 3000 characters, context elements <= 10, at most 50 blocks a message.
"""

from __future__ import annotations

from urllib.parse import urlencode

from chatbot.channels.slack.interactions import CLARIFY_ACTION, MAX_CHOICE_CHARS
from chatbot.reply import GuardBody, QuoteBody, RecommendationBody, ReplyBody

SECTION_CHARS = 3000
QUOTE_CHARS = 2900
MAX_BLOCKS = 50
MAX_FINDINGS = 5
BUTTON_CHARS = 75  # a button's label
MAX_BUTTONS = 25  # elements of an actions block

BADGE = {"for": ":large_green_circle:", "against": ":red_circle:"}
KIND_LABEL = {"digest": "unofficial digest", "added": "added document"}


def escape(text: str) -> str:
    """Text made safe for mrkdwn (Slack's three control characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, SECTION_CHARS)}}


def _context(*parts: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(p, SECTION_CHARS)} for p in parts[:10]]}


def source_link(quote: QuoteBody, widget_url: str) -> str:
    """The widget's view of a quote in its source: /?source=<document id>&start=&end=."""
    query = urlencode({"source": quote.document_id, "start": quote.char_start, "end": quote.char_end})
    return f"{widget_url.rstrip('/')}/?{query}"


def citation(quote: QuoteBody, widget_url: str | None = None) -> str:
    """Where a quote is from: document (linked to the widget's source view when a widget URL is set), section, page, rec id."""
    title = escape(quote.document_title or quote.document_id).replace("|", "¦")
    parts = [f"<{escape(source_link(quote, widget_url))}|_{title}_>" if widget_url else f"_{title}_"]
    if kind := KIND_LABEL.get(quote.document_kind):
        parts.append(kind)
    if quote.section:
        parts.append(escape(quote.section))
    if quote.page is not None:
        parts.append(f"p. {quote.page}")
    if quote.recommendation_id:
        parts.append(f"rec `{quote.recommendation_id}`")
    if not quote.verified:
        parts.append(":warning: not verified against the source text")
    return " · ".join(parts)


def quote_blocks(quote: QuoteBody, widget_url: str | None = None) -> list[dict]:
    """A verbatim quote as a rich-text quote block, then its citation."""
    quoted = {"type": "rich_text_quote", "elements": [{"type": "text", "text": _clip(quote.text, QUOTE_CHARS)}]}
    return [{"type": "rich_text", "elements": [quoted]}, _context(citation(quote, widget_url))]


def recommendation_badge(rec: RecommendationBody) -> str:
    """One recommendation's direction, strength and certainty as a line of badges."""
    icon = BADGE.get(rec.direction.lower(), ":white_circle:")
    fields = [f"{name}: *{escape(str(getattr(rec, name) or 'unknown'))}*" for name in ("direction", "strength", "certainty")]
    title = f" {escape(rec.title)}" if rec.title else ""
    return f"{icon} `{rec.id}`{title}\n" + "  ·  ".join(fields)


def guard_blocks(guard: GuardBody) -> list[dict]:
    """The guard's warnings when its verdict is warn or fail (nothing on pass)."""
    if guard.verdict not in ("warn", "fail"):
        return []
    icon = ":no_entry:" if guard.verdict == "fail" else ":warning:"
    lines = [f"{icon} *Guard verdict: {guard.verdict}*"]
    findings = guard.findings
    lines += [f"• `{f.kind}`: {escape(f.message)}" for f in findings[:MAX_FINDINGS]]
    if len(findings) > MAX_FINDINGS:
        lines.append(f"…and {len(findings) - MAX_FINDINGS} more")
    return [_section("\n".join(lines))]


def clarification_buttons(options: tuple[str, ...] | list[str]) -> dict:
    """Interactive buttons, one per clarification choice (handled by /slack/interactions)."""
    buttons = [
        {
            "type": "button",
            "action_id": f"{CLARIFY_ACTION}-{number}",
            "text": {"type": "plain_text", "text": _clip(option, BUTTON_CHARS), "emoji": False},
            "value": _clip(option, MAX_CHOICE_CHARS),
        }
        for number, option in enumerate(options[:MAX_BUTTONS])
    ]
    return {"type": "actions", "block_id": CLARIFY_ACTION, "elements": buttons}


def reply_blocks(body: ReplyBody, widget_url: str | None = None) -> list[dict]:
    """The whole reply: summary, quotes with citations (linked to the widget's source view), badges, guard warnings."""
    blocks: list[dict] = [_section(escape(body.summary or "(no summary)"))]
    if body.uncovered:
        blocks.append(_section("*Not addressed by the loaded guidelines:* " + "; ".join(escape(a) for a in body.uncovered)))
    options = body.clarification_options
    if options:
        blocks.append(
            _section(
                "*Which do you mean?* Press one, or reply in this thread with one of:\n"
                + "\n".join(f"{i}. {escape(o)}" for i, o in enumerate(options, start=1))
            )
        )
        blocks.append(clarification_buttons(options))
    for rec in body.recommendations:
        blocks.append(_section(recommendation_badge(rec)))
    for quote in body.quotes:
        blocks += quote_blocks(quote, widget_url)
    blocks += guard_blocks(body.guard)
    topics = body.closest_topics
    if topics:
        blocks.append(_context("*Related, not an answer:* " + "; ".join(escape(t) for t in topics[:5])))
    footer = f"status `{body.status}` · corpus `{body.corpus_version}` · answer `{body.answer_id}`"
    if len(blocks) >= MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 2] + [_context("…more in the full answer (the API's /v1/chat)")]
    return blocks + [_context(footer)]


def fallback_text(body: ReplyBody) -> str:
    """The notification text shown where blocks are not (push notifications, old clients)."""
    return _clip(escape(body.summary or "The guideline bot answered."), SECTION_CHARS)
