"""Read Markdown (markdown-it-py) into plain canonical text with heading sections.

Each Section starts at its heading line (the heading's plain text is included at the start of the
range) and runs to the next heading of the same or a higher level.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from chatbot.errors import ReadError
from chatbot.ingest.readers.structure import ExtractedText, TextBuilder


def inline_text(token: Token) -> str:
    """The plain text of an inline token: markup, link targets and HTML dropped, image alt text kept."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(" ")
        elif child.type == "hardbreak":
            pieces.append("\n")
        elif child.type == "image":
            pieces.append(inline_text(child) or child.content)
    return "".join(pieces)


def _table_rows(tokens: list[Token], start: int) -> tuple[list[str], int]:
    """The rows of a table starting at tokens[start], cells joined with " | ", and the index after it."""
    rows: list[str] = []
    cells: list[str] = []
    index = start
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "inline":
            cells.append(" ".join(inline_text(token).split()))
        elif token.type == "tr_close":
            rows.append(" | ".join(cells))
            cells = []
        index += 1
    return rows, index + 1


def read_markdown(data: bytes, name: str) -> ExtractedText:
    """Read Markdown bytes (UTF-8); headings become sections, lists become "- " lines."""
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: not UTF-8 text ({exc})", hint="save the file as UTF-8") from exc
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    builder = TextBuilder()
    list_depth = 0
    item_open = False
    previous_was_item = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            builder.add_heading(inline_text(tokens[index + 1]), int(token.tag[1]))
            previous_was_item = False
            index += 3
            continue
        if token.type == "table_open":
            rows, index = _table_rows(tokens, index)
            builder.add_block("\n".join(rows))
            previous_was_item = False
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "list_item_open":
            item_open = True
        elif token.type == "inline" and list_depth:
            prefix = "- " if item_open else ""
            builder.add_block(prefix + inline_text(token), tight=previous_was_item)
            item_open, previous_was_item = False, True
        elif token.type == "inline":
            builder.add_block(inline_text(token))
            previous_was_item = False
        elif token.type in ("fence", "code_block"):
            builder.add_block(token.content)
            previous_was_item = False
        index += 1
    result = builder.build()
    if not result.text.strip():
        raise ReadError(f"{name}: the Markdown file has no text")
    return result
