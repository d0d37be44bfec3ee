"""The recommendation set: schema, loading, extraction, grading, merging, verification."""
