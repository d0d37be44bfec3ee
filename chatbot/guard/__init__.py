"""The rules guard: claim reading, matching claims to items, findings."""
