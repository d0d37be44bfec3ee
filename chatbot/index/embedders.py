"""The embedder the settings choose: a factory they name, the bundled model's ONNX export, or torch."""

from __future__ import annotations

from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.index.embedding import Embedder, SentenceTransformerEmbedder, bundled_model_dir, verify_model


def _embedder_from(path: str, settings: Settings) -> Embedder:
    """The embedder a 'package.module:factory' path makes; ConfigError when it cannot be imported."""
    import importlib

    module_name, _, attribute = path.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigError(
            f"embedder {path!r} cannot be loaded: {exc}", hint="give 'package.module:factory', or leave CHATBOT_EMBEDDER empty"
        ) from exc
    return factory(settings)


def load_embedder(settings: Settings) -> Embedder:
    """The configured embedder: a factory named by `settings.embedder`, or the bundled model (its ONNX export, or torch)."""
    if settings.embedder:
        return _embedder_from(settings.embedder, settings)
    model_dir = settings.model_dir or bundled_model_dir()
    if settings.embedding_backend == "torch":
        verify_model(model_dir, settings.model_sha256)
        return SentenceTransformerEmbedder(model_dir, settings.model_name, settings.embed_batch_size)
    from chatbot.index.onnx_embedding import OnnxEmbedder
    from chatbot.index.onnx_export import export_model, read_export

    info = read_export(settings.onnx_dir, settings.model_sha256)
    if info is None:
        verify_model(model_dir, settings.model_sha256)
        info = export_model(model_dir, settings.onnx_dir, settings.model_sha256, settings.model_name)
    return OnnxEmbedder(
        settings.onnx_dir, info, model_dir / "tokenizer.json", settings.model_name, settings.embed_threads, settings.query_cache_size
    )
