"""Answering: retrieval and fusion, abstention, composing quotes."""
