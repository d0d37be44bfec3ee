"""Conversations: follow-ups and the session's context."""
