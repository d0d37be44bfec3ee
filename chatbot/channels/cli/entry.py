"""The `chatbot` console script: tunes the collector for a short-lived command, then runs the Typer app."""

import gc
import os


def run() -> None:
    """Run the CLI with young-generation collections made rare (a cold command keeps nearly all it makes).

    When the command ends, everything it made is frozen out of the collector's reach: the interpreter's full collection
    at exit would only walk objects that die with the process anyway (about a tenth of a cold `ask`'s CPU).
    """
    gc.set_threshold(100_000, 10, 10)  # every 700 new objects cost about a tenth of a cold check's CPU
    # pydantic looks for plugins in every installed distribution's entry points when the first model is made (about 20 ms);
    # the chatbot uses none. A user's own setting of the variable is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from chatbot.channels.cli.app import app
        from chatbot.channels.cli.base import ONE_SHOT

        ONE_SHOT["process"] = True
        app()
    finally:
        gc.freeze()
