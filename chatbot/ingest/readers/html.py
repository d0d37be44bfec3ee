"""Read HTML (lxml.html) into canonical text: h1-h6 sections, paragraphs, list items, tables as " | " rows."""

from __future__ import annotations

from lxml import etree, html

from chatbot.errors import ReadError
from chatbot.ingest.readers.structure import ExtractedText, TextBuilder

DROPPED_TAGS = frozenset({"script", "style", "nav", "noscript", "template", "head", "svg", "form", "button"})
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
BLOCK_TAGS = (
    frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "header",
            "hr",
            "li",
            "main",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "ul",
            "br",
            "caption",
        }
    )
    | frozenset(HEADING_TAGS)
    | DROPPED_TAGS
)


def _tag(element: html.HtmlElement) -> str:
    """The lowercase tag name, or "" for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _text(element: html.HtmlElement) -> str:
    """An element's text with runs of whitespace collapsed."""
    return " ".join(element.text_content().split())


def _table_rows(table: html.HtmlElement) -> list[str]:
    """A table's rows, each its cells' text joined with " | " (nested tables read on their own)."""
    rows: list[str] = []
    for row in table.iter("tr"):
        if row.getparent() is not None and _nearest_table(row) is not table:
            continue
        cells = [_text(cell) for cell in row if _tag(cell) in ("td", "th")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _nearest_table(element: html.HtmlElement) -> html.HtmlElement | None:
    """The closest enclosing table of an element."""
    parent = element.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent


def _walk(element: html.HtmlElement, builder: TextBuilder, list_item: bool = False) -> None:
    """Emit an element's blocks in document order; inline runs between blocks become paragraphs."""
    buffer: list[str] = [element.text or ""]
    prefix = "- " if list_item else ""

    def flush() -> None:
        nonlocal prefix
        text = " ".join("".join(buffer).split())
        if text:
            builder.add_block(prefix + text, tight=bool(prefix))
            prefix = ""
        buffer.clear()

    for child in element:
        tag = _tag(child)
        if tag in DROPPED_TAGS or not tag:
            buffer.append(child.tail or "")
            continue
        if tag in BLOCK_TAGS:
            flush()
            if tag in HEADING_TAGS:
                builder.add_heading(_text(child), HEADING_TAGS[tag])
            elif tag == "table":
                for caption in child.findall("caption"):
                    builder.add_block(_text(caption))
                builder.add_block("\n".join(_table_rows(child)))
            elif tag != "br" and tag != "hr":
                _walk(child, builder, list_item=tag == "li")
        elif tag:
            buffer.append(child.text_content())
        buffer.append(child.tail or "")
    flush()


def read_html(data: bytes, name: str) -> ExtractedText:
    """Read HTML bytes; ReadError when nothing readable is in the body."""
    try:
        root = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"{name}: not readable HTML ({exc})") from exc
    etree.strip_elements(root, *DROPPED_TAGS, with_tail=False)  # their text never reaches the index, nested or not
    body = root.find("body")
    builder = TextBuilder()
    _walk(body if body is not None else root, builder)
    result = builder.build()
    if not result.text.strip():
        raise ReadError(f"{name}: the HTML file has no text")
    return result
