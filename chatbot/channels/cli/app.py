"""The `chatbot` command: the Typer app with every command module registered."""

import gc

# A cold command keeps nearly all it makes (modules, classes, the loaded pack): scanning for cycles every 700 new objects
# cost about a tenth of its CPU. A young collection now waits for 100,000 (a check runs none); nothing else changes.
gc.set_threshold(100_000, 10, 10)

from chatbot.channels.cli import commands, conversation, evaluation, packs  # noqa: E402, F401  (registers the commands)
from chatbot.channels.cli.base import app  # noqa: E402

__all__ = ["app"]
