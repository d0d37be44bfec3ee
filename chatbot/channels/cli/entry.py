"""The `chatbot` console script: tunes the collector for a short-lived command, then runs the Typer app."""

import gc


def run() -> None:
    """Run the CLI with young-generation collections made rare (a cold command keeps nearly all it makes)."""
    gc.set_threshold(100_000, 10, 10)  # every 700 new objects cost about a tenth of a cold check's CPU
    from chatbot.channels.cli.app import app

    app()
