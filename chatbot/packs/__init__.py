"""Guideline packs: pack files, facts, synonyms, domain, pack creation."""
