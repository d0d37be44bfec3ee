"""`chatbot serve` in several processes: forked after loading, so they share the packs and the model's pages, on one socket.

Python runs one thread at a time in a process, so one process serves the Python half of concurrent requests one after
another; forked copies answer side by side. What the parent loaded before the fork (packs, indexes, the ONNX session)
is shared copy-on-write. Each process keeps its own rate limits and metrics; the stores are shared files or PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from chatbot.errors import ConfigError

if TYPE_CHECKING:
    from chatbot.config import Settings
    from chatbot.core import Chatbot

log = logging.getLogger("chatbot.channels.http.workers")


def bound_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port that forked processes can share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY on its connections
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint="choose another --port, or stop what uses it"
        ) from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _stop_with_parent(read_end: int) -> None:
    """In a child: when the parent is gone (its end of the pipe closes), stop serving as on Ctrl-C."""

    def wait() -> None:
        try:
            os.read(read_end, 1)  # returns (EOF) once every copy of the write end is closed: the parent exited
        finally:
            os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=wait, name="parent-watch", daemon=True).start()


def _exit_on_term(signum: int, _frame: object) -> None:
    """SIGTERM as SystemExit, so that the stores are flushed and the children stopped on the way out (exit status 143)."""
    raise SystemExit(128 + signum)


def serve_forked(serve: Callable[[], None], processes: int) -> None:
    """Run `serve` here and in `processes - 1` forked children; return when this one stops, after stopping the children."""
    read_end, write_end = os.pipe()
    children: list[int] = []
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:  # the child: serve until told to stop or orphaned, then leave without running the parent's atexit
            code = 0
            try:
                os.close(write_end)
                _stop_with_parent(read_end)
                serve()
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 0
            except BaseException:  # noqa: BLE001 - a child's failure is logged; the parent keeps serving
                log.exception("a serving process failed")
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    os.close(read_end)
    try:
        serve()
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        os.close(write_end)


def serve_processes(
    serve: Callable[[socket.socket | None], None], bot: Chatbot, settings: Settings, sock: socket.socket | None = None
) -> None:
    """`serve(sock)` in settings.serve_processes processes (forked after loading; one binds the socket for all).

    Each process puts the replies it committed on disk before it exits (also when stopped by SIGTERM).
    """

    def one() -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _exit_on_term)  # uvicorn raises SIGTERM again after its graceful stop: exit cleanly
        try:
            serve(sock)
        finally:
            flush = getattr(bot.audit, "flush", None)
            if flush is not None:
                flush()

    if settings.serve_processes <= 1:
        one()
        return
    if not hasattr(os, "fork"):
        raise ConfigError("CHATBOT_SERVE_PROCESSES above 1 needs os.fork (Linux)", hint="run one process per port instead")
    if sock is None:
        sock = bound_socket(settings.host, settings.port)
    serve_forked(one, settings.serve_processes)
