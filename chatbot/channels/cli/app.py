"""The `chatbot` command: the Typer app with every command module registered."""

from chatbot.channels.cli import commands, conversation, evaluation, packs  # noqa: F401  (registers the commands)
from chatbot.channels.cli.base import app

__all__ = ["app"]
