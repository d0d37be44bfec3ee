"""What a question or a text to check must be before any stage sees it (light: commands check input before loading)."""

from __future__ import annotations

from chatbot.config import Settings
from chatbot.errors import InvalidInput
from chatbot.ingest.normalise import normal_form


def refuse_surrogates(text: str, what: str) -> None:
    """InvalidInput for a lone surrogate (not a character: it cannot be stored or encoded)."""
    position = next((i for i, char in enumerate(text) if "\ud800" <= char <= "\udfff"), None)
    if position is not None:
        raise InvalidInput(
            f"{what} contains the lone surrogate U+{ord(text[position]):04X} at position {position}",
            hint="send text encoded as valid UTF-8",
        )


def validate_question(question: str, settings: Settings) -> str:
    """The question stripped, or InvalidInput when it is empty, too long or not valid text."""
    refuse_surrogates(question, "the question")
    text = question.strip()
    if not text:
        raise InvalidInput("the question is empty", hint="ask a question about the guidelines")
    if len(question) > settings.max_question_chars:  # as sent, like the schema's maxLength
        raise InvalidInput(
            f"the question has {len(question)} characters; the limit is {settings.max_question_chars}",
            hint="shorten the question",
            status=413,
        )
    return normal_form(text)  # read like its plain form: full-width letters, zero-width characters, odd dashes


def validate_text(text: str, settings: Settings) -> str:
    """Text submitted to the guard, or InvalidInput when it is empty, too long or not valid text."""
    refuse_surrogates(text, "the text")
    if not text.strip():
        raise InvalidInput("the text to check is empty", hint="pass the answer or statement to check")
    if len(text) > settings.max_check_chars:
        raise InvalidInput(
            f"the text has {len(text)} characters; the limit is {settings.max_check_chars}", hint="check it in parts", status=413
        )
    return text
