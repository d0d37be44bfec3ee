"""Read JATS XML (as PubMed Central ships it) into canonical text with nested `sec` sections."""

from __future__ import annotations

from lxml import etree

from chatbot.errors import ReadError
from chatbot.ingest.readers.structure import ExtractedText, TextBuilder

# Block-level children of a paragraph that are read as blocks of their own.
NESTED_BLOCKS = frozenset({"list", "table-wrap", "fig", "disp-quote", "boxed-text", "def-list"})
SKIPPED = frozenset({"ref-list", "xref-group", "object-id", "alternatives-hidden"})


def _name(element: etree._Element) -> str:
    """The element's local name without namespace, or "" for comments and processing instructions."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """An element's text with whitespace collapsed, leaving out descendants named in `skip`."""
    pieces: list[str] = [element.text or ""]
    for child in element:
        if _name(child) and _name(child) not in skip:
            pieces.append(_text(child, skip))
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def _table_rows(table_wrap: etree._Element) -> list[str]:
    """A table-wrap's label and caption, then its rows with cells joined by " | ", then its footnotes."""
    lines: list[str] = []
    label = next((_text(c) for c in table_wrap if _name(c) == "label"), "")
    caption = next((_text(c) for c in table_wrap if _name(c) == "caption"), "")
    if label or caption:
        lines.append(" ".join(part for part in (label, caption) if part))
    for row in table_wrap.iter("{*}tr"):
        cells = [_text(cell) for cell in row if _name(cell) in ("td", "th")]
        if any(cells):
            lines.append(" | ".join(cells))
    for foot in table_wrap.iter("{*}table-wrap-foot"):
        lines.append(_text(foot))
    return lines


def _walk(element: etree._Element, builder: TextBuilder, depth: int) -> None:
    """Emit the blocks under `element` in document order."""
    for child in element:
        _emit(child, builder, depth)


def _emit(element: etree._Element, builder: TextBuilder, depth: int) -> None:
    """Emit one element; a `sec` title becomes a heading one level below its parent section."""
    name = _name(element)
    if not name or name in SKIPPED or name in ("title", "label"):
        return
    if name == "sec":
        title = next((c for c in element if _name(c) == "title"), None)
        if title is not None and _text(title):
            builder.add_heading(_text(title), depth + 1)
        _walk(element, builder, depth + 1)
    elif name == "p":
        builder.add_block(_text(element, NESTED_BLOCKS))
        _emit_nested(element, builder, depth)
    elif name == "list":
        items = [item for item in element if _name(item) == "list-item"]
        for position, item in enumerate(items):
            builder.add_block("- " + _text(item, NESTED_BLOCKS), tight=position > 0)
            _emit_nested(item, builder, depth)
    elif name == "table-wrap":
        builder.add_block("\n".join(_table_rows(element)))
    elif name == "fig":
        builder.add_block(" ".join(_text(c) for c in element if _name(c) in ("label", "caption")))
    else:
        _walk(element, builder, depth)


def _emit_nested(container: etree._Element, builder: TextBuilder, depth: int) -> None:
    """Emit the block elements (lists, tables, figures) held directly by a paragraph or list item."""
    for nested in container.iter(*(f"{{*}}{name}" for name in NESTED_BLOCKS)):
        if nested is not container and _closest_container(nested) is container:
            _emit(nested, builder, depth)


def _closest_container(element: etree._Element) -> etree._Element | None:
    """The nearest enclosing paragraph, list item or nested block."""
    parent = element.getparent()
    while parent is not None and _name(parent) not in NESTED_BLOCKS | {"p", "list-item"}:
        parent = parent.getparent()
    return parent


def read_jats(data: bytes, name: str) -> ExtractedText:
    """Read JATS XML bytes: article title, abstract, body sections; references skipped; ReadError if malformed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: malformed XML ({exc})", hint="check the file is complete JATS XML") from exc
    builder = TextBuilder()
    title = next(root.iter("{*}article-title", "article-title"), None)
    if title is not None:
        builder.add_block(_text(title))
    for abstract in root.iter("{*}abstract", "abstract"):
        builder.add_heading("Abstract", 1)
        _walk(abstract, builder, 1)
    for body in root.iter("{*}body", "body"):
        _walk(body, builder, 0)
    result = builder.build()
    if not result.text.strip():
        raise ReadError(f"{name}: the XML file has no article text (is it JATS?)")
    return result
