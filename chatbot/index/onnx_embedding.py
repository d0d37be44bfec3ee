"""The exported model in ONNX Runtime, tokenised with `tokenizers`: no torch or transformers at query time."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.errors import ModelError
from chatbot.index.embedding import file_sha256

if TYPE_CHECKING:
    import numpy as np

EXPORT_FORMAT = 2  # 2: the graph is stored already optimised
# Padded tokens per build batch: long texts go in small batches, short ones in large. A batch's activations then stay
# in a core's L2 cache: on the CDC pack's 183k tokens, 512 took about 10% less CPU than 2048 (the vectors the same bits).
BATCH_TOKENS = 512
MAX_BATCH = 64


@dataclass(frozen=True)
class ExportInfo:
    """What export.json records of a graph: its hash, the weights it came from, and how to pool its output."""

    onnx_sha256: str
    source_sha256: str
    tokenizer_sha256: str
    dimension: int
    max_seq_length: int
    pooling: str  # mean | cls
    normalize: bool
    min_cosine: float
    format: int = EXPORT_FORMAT


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or `taskset` narrows), at least one."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def length_batches(lengths: Sequence[int], budget: int = BATCH_TOKENS, most: int = MAX_BATCH) -> list[list[int]]:
    """Positions of texts in length-sorted batches, each as large as its padded size (count x longest) allows."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    start = 0
    while start < len(order):
        end = start + 1  # the batch grows while its padded size (count x longest, the last) fits
        while end < len(order) and end - start < most and (end - start + 1) * lengths[order[end]] <= budget:
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


class QueryCache:
    """A bounded, thread-safe LRU cache of query vectors."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        """The cached vector of a text, marked as recently used."""
        with self._lock:
            vector = self._items.get(text)
            if vector is not None:
                self._items.move_to_end(text)
            return vector

    def put(self, text: str, vector: np.ndarray) -> None:
        """Remember a vector, dropping the least recently used beyond the bound."""
        if self._size <= 0:
            return
        vector.setflags(write=False)
        with self._lock:
            self._items[text] = vector
            self._items.move_to_end(text)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class OnnxEmbedder:
    """Sentence vectors from the exported graph in one one-thread session: cached queries; builds run batches in parallel.

    Nothing is loaded until the first text is embedded, so commands that never embed never load the model.
    """

    def __init__(
        self, folder: Path, info: ExportInfo, tokenizer_path: Path, name: str, build_threads: int = 0, cache_size: int = 1024
    ) -> None:
        self.name = name
        self.dimension = info.dimension
        self.key = f"onnx:{info.onnx_sha256[:16]}"  # what vectors reused across builds are keyed by
        self.info = info
        self._folder = folder
        self._tokenizer_path = tokenizer_path
        self._build_threads = build_threads or usable_cores()
        self._cache = QueryCache(cache_size)
        self._lock = threading.Lock()
        self._session_ = None
        self._tokenizer: Any = None

    @property
    def loaded(self) -> bool:
        """Whether the graph has been loaded into a session."""
        return self._session_ is not None

    def start_loading(self) -> None:
        """Load the graph on another thread now, so it is ready by the first query; a failure is raised by that query."""
        threading.Thread(target=self._load_quietly, name="load ONNX graph").start()

    def _load_quietly(self) -> None:
        """_session, leaving any error for the next caller to meet."""
        try:
            self._session()
        except Exception:  # noqa: BLE001, S110 - _session_ stays None: the first query loads again and reports it
            pass

    def _load_tokenizer(self):
        """The model's tokenizer.json with its truncation length; padding is done here, per batch."""
        from tokenizers import Tokenizer

        if file_sha256(self._tokenizer_path) != self.info.tokenizer_sha256:
            raise ModelError(f"{self._tokenizer_path} is not the tokenizer the model was exported with", hint="reinstall the model package")
        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.info.max_seq_length)
        return tokenizer

    def _session(self):
        """The one-thread inference session, made once after checking the graph's hash; safe to call from several threads."""
        with self._lock:
            if self._session_ is not None:
                return self._session_
            from chatbot.index.ort_graph import open_session

            with ThreadPoolExecutor(max_workers=2) as checker:  # the graph's hash and the tokenizer beside the session's set-up
                tokenizer = checker.submit(self._load_tokenizer)
                session = open_session(self._folder, self.info.onnx_sha256, checker)
            self._tokenizer = tokenizer.result()  # its own error (a tokenizer that is not the export's) is raised here
            self._session_ = session
            return self._session_

    def _run(self, session, encodings: list) -> np.ndarray:
        """Pooled, normalised vectors of one batch of encodings (padded to its longest)."""
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        tokens = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        if self.info.pooling == "cls":
            vectors = tokens[:, 0, :]
        else:
            weights = mask[..., None].astype(np.float32)
            vectors = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        if self.info.normalize:
            vectors = vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors.astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One text's vector (1 x dimension) on the one-thread session, through the LRU cache."""
        cached = self._cache.get(text)
        if cached is None:
            session = self._session()
            cached = self._run(session, [self._tokenizer.encode(text)])[0]
            self._cache.put(text, cached)
        return cached[None, :]

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of shape (len(texts), dimension); a single text is a query, more are embedded length-sorted in batches."""
        import numpy as np

        if len(texts) == 1:
            vectors = self.embed_query(texts[0]).copy()
            if on_batch:
                on_batch(1)
            return vectors
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        session = self._session()  # batches run side by side on one-thread calls: no intra-op barriers to stall on a busy machine
        encodings = self._tokenizer.encode_batch(list(texts))
        batches = length_batches([len(encoding.ids) for encoding in encodings])
        done = 0
        with ThreadPoolExecutor(max_workers=self._build_threads) as pool:
            futures = {pool.submit(self._run, session, [encodings[i] for i in batch]): batch for batch in batches}
            for future in as_completed(futures):
                out[futures[future]] = future.result()
                done += len(futures[future])
                if on_batch:
                    on_batch(done)
        return out
