"""The search index: embeddings, FAISS and BM25, build, load and integrity checks."""
