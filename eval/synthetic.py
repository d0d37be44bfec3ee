"""Synthetic guideline packs for the benchmarks: invented diseases, drugs and advice, generated from a seed."""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ze",
    "tru",
    "vin",
    "sol",
    "dra",
    "pe",
    "quo",
    "ny",
    "bar",
    "fel",
    "gri",
    "hox",
    "ju",
    "ret",
    "sam",
    "tal",
    "wex",
)
ACTIONS = ("is favoured over", "should not replace", "may be added to", "is preferred to", "can follow", "is weighed against")
SETTINGS = (
    "in adults with a first episode",
    "during the first week of care",
    "when the count stays high",
    "after a relapse",
    "in children over twelve",
    "when kidney function is reduced",
    "before any procedure",
    "for outpatients",
)
FOLLOW = (
    "Monitor the {disease} score weekly and stop {drug} once it is normal twice.",
    "Panels judged the certainty of the evidence on {drug} to be low.",
    "Patients should be told about the common side effects of {drug}, such as rash and nausea.",
    "Record each dose of {drug} and review it at every visit for {disease}.",
)


def _word(rng: random.Random, parts: int) -> str:
    """An invented word of `parts` syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def section(rng: random.Random, disease: str, drugs: list[str]) -> tuple[str, str]:
    """A (heading, paragraph) of three sentences about one invented drug (about 300 characters)."""
    drug, other = rng.sample(drugs, 2)
    heading = f"{drug.capitalize()} for {disease}"
    sentences = [
        f"For patients with {disease}, {drug} {rng.choice(ACTIONS)} {other} {rng.choice(SETTINGS)}.",
        rng.choice(FOLLOW).format(disease=disease, drug=drug),
        f"The {disease} working group reviewed {rng.randint(2, 40)} trials of {drug} at doses of {rng.randint(1, 90)} mg.",
    ]
    return heading, " ".join(sentences)


def document(rng: random.Random, disease: str, sections: int) -> str:
    """A markdown guideline on one invented disease with `sections` sections."""
    drugs = [_word(rng, 3) + rng.choice(("mab", "nib", "cillin", "statin", "pril")) for _ in range(12)]
    parts = [f"# Invented guideline on {disease}\n"]
    for number in range(1, sections + 1):
        heading, text = section(rng, disease, drugs)
        parts.append(f"## {number}. {heading}\n\n{text}\n")
    return "\n".join(parts)


def write_pack(folder: Path, seed: int, passages: int, per_document: int = 100) -> Path:
    """A pack folder (pack.yaml, sources.yaml, documents/*.md) of about `passages` passages on one invented disease."""
    rng = random.Random(seed)
    disease = f"{_word(rng, 3)} fever"
    pack_id = f"synthetic-{seed}"
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    entries = []
    for number in range(max(1, -(-passages // per_document))):
        count = min(per_document, passages - number * per_document)
        name = f"part-{number:04d}.md"
        (folder / "documents" / name).write_text(document(rng, disease, count))
        entries.append(
            f"  - {{id: {pack_id}-{number:04d}, title: 'Invented guideline on {disease}, part {number}', kind: official, path: documents/{name}}}\n"
        )
    (folder / "sources.yaml").write_text("documents:\n" + "".join(entries))
    (folder / "pack.yaml").write_text(
        f"id: {pack_id}\ntitle: Invented guideline on {disease}\nshort_name: Synthetic {seed}\nscope: the invented guideline on {disease}\n"
    )
    (folder / "synonyms.yaml").write_text("groups: []\n")
    return folder


def questions(seed: int, count: int) -> list[str]:
    """Questions about the pack written with `seed` (its disease and drugs, as a clinician would ask)."""
    rng = random.Random(seed)
    disease = f"{_word(rng, 3)} fever"
    drugs = [_word(rng, 3) + rng.choice(("mab", "nib", "cillin", "statin", "pril")) for _ in range(12)]
    return [f"Is {rng.choice(drugs)} preferred for {disease} {rng.choice(SETTINGS)}?" for _ in range(count)]


class WordHashingEmbedder:
    """Unit vectors from hashed lowercased words (model dimension, no model): the index's own costs at sizes the model cannot embed here."""

    name = "word-hashing-benchmark-embedder"
    dimension = 384

    def embed(self, texts, on_batch=None):
        """One normalised vector per text."""
        import zlib

        import numpy as np

        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, zlib.crc32(word.encode()) % self.dimension] += 1.0
        if on_batch:
            on_batch(len(texts))
        return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)


def word_hashing_embedder(settings: object = None) -> WordHashingEmbedder:
    """A factory for CHATBOT_EMBEDDER=synthetic:word_hashing_embedder (eval/ on the path)."""
    return WordHashingEmbedder()
