"""The exported graph in ONNX Runtime's own format, memory-mapped at load: made once from model.onnx, checked by sha256.

A session over model.onnx copies its 90 MB of weights three times (the file read, the protobuf, the tensors); over the
ORT-format copy, memory-mapped, the weights are used where they lie. The copy holds the graph exactly as a session over
model.onnx runs it (basic optimisations applied when it is made, none at load), so the vectors are the same bits.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from chatbot.errors import ModelError
from chatbot.index.embedding import file_sha256

GRAPH_FILE = "model.onnx"
RUNTIME_FILE = "model.ort"
RECORD_FILE = "model.ort.json"  # {"onnx_sha256", "onnxruntime", "sha256"}: what the copy was made from, by what, its hash
MAPPED = {
    "session.use_memory_mapped_ort_model": "1",
    "session.use_ort_model_bytes_directly": "1",
    "session.use_ort_model_bytes_for_initializers": "1",
}


def _options(onnxruntime: Any, level: str) -> Any:
    """One-thread session options at a graph optimisation level."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.graph_optimization_level = getattr(onnxruntime.GraphOptimizationLevel, level)
    return options


def _record(folder: Path) -> dict:
    """The runtime copy's record, {} when there is none or it is unreadable."""
    try:
        record = json.loads((folder / RECORD_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _graph_error(graph: Path, actual: str, expected: str) -> ModelError:
    """The error of a graph whose hash is not the recorded one."""
    return ModelError(
        f"the ONNX graph {graph} has sha256 {actual}, expected {expected}",
        hint=f"delete {graph.parent} and run `chatbot ingest` to export it again",
    )


def write_runtime_graph(folder: Path, onnx_sha256: str) -> str:
    """Make model.ort from model.onnx (checked against `onnx_sha256` first), atomically; return the copy's sha256."""
    import onnxruntime

    graph = folder / GRAPH_FILE
    actual = file_sha256(graph)
    if actual != onnx_sha256:
        raise _graph_error(graph, actual, onnx_sha256)
    staging = folder / f".{RUNTIME_FILE}.{uuid.uuid4().hex[:8]}.partial"
    try:
        options = _options(onnxruntime, "ORT_ENABLE_BASIC")  # what a session over model.onnx applies at load
        options.optimized_model_filepath = str(staging)
        options.add_session_config_entry("session.save_model_format", "ORT")
        onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        digest = file_sha256(staging)
        record = {"onnx_sha256": onnx_sha256, "onnxruntime": onnxruntime.__version__, "sha256": digest}
        record_staging = staging.with_suffix(".json")
        record_staging.write_text(json.dumps(record, indent=2))
        os.replace(staging, folder / RUNTIME_FILE)  # a session still mapping the old copy keeps its own inode
        os.replace(record_staging, folder / RECORD_FILE)
    finally:
        staging.unlink(missing_ok=True)
        staging.with_suffix(".json").unlink(missing_ok=True)
    return digest


def _mapped(onnxruntime: Any, runtime: Path) -> Any:
    """A one-thread session over the memory-mapped ORT-format copy (no optimisation at load: it was done when made)."""
    options = _options(onnxruntime, "ORT_DISABLE_ALL")
    for key, value in MAPPED.items():
        options.add_session_config_entry(key, value)
    return onnxruntime.InferenceSession(str(runtime), options, providers=["CPUExecutionProvider"])


def open_session(folder: Path, onnx_sha256: str, pool: Executor) -> Any:
    """A one-thread inference session over the export's graph, its bytes checked by sha256 beside the session's set-up.

    The memory-mapped ORT-format copy when it is there and unchanged; a missing, damaged or stale copy (another
    onnxruntime) is made again from model.onnx; where the folder cannot be written, model.ort is skipped and
    model.onnx is loaded as it is. A graph whose hash is not the recorded one is never used: ModelError.
    """
    import onnxruntime

    graph = folder / GRAPH_FILE
    if not graph.is_file():
        raise ModelError(f"the ONNX graph {graph} is missing", hint=f"delete {folder} and run `chatbot ingest` to export it again")
    runtime, record = folder / RUNTIME_FILE, _record(folder)
    if record.get("onnx_sha256") == onnx_sha256 and record.get("onnxruntime") == onnxruntime.__version__ and runtime.is_file():
        hashed = pool.submit(file_sha256, runtime)  # hashing and session set-up release the GIL: side by side
        try:
            session = _mapped(onnxruntime, runtime)
        except Exception:  # noqa: BLE001 - onnxruntime's own errors: a damaged copy is found by its hash below
            session = None
        if hashed.result() == record.get("sha256") and session is not None:
            return session
        logging.getLogger(__name__).warning("%s does not match its recorded sha256; making it again from %s", runtime, graph.name)
    try:
        write_runtime_graph(folder, onnx_sha256)
        return _mapped(onnxruntime, runtime)
    except OSError:  # a read-only install: load model.onnx as it is, checked by its hash
        return _unmapped(onnxruntime, graph, onnx_sha256, pool)


def _unmapped(onnxruntime: Any, graph: Path, onnx_sha256: str, pool: Executor) -> Any:
    """A session over model.onnx itself (basic optimisations at load), refused unless its hash is the export's."""
    hashed = pool.submit(file_sha256, graph)
    try:
        session, failure = (
            onnxruntime.InferenceSession(str(graph), _options(onnxruntime, "ORT_ENABLE_BASIC"), providers=["CPUExecutionProvider"]),
            None,
        )
    except Exception as exc:  # noqa: BLE001 - a damaged graph is reported by its hash below
        session, failure = None, exc
    actual = hashed.result()
    if actual != onnx_sha256:
        raise _graph_error(graph, actual, onnx_sha256)
    if session is None:
        raise ModelError(f"the ONNX graph {graph} cannot be loaded: {failure}", hint="reinstall onnxruntime")
    return session
