"""Command line: pack (init, list) and recs (extract, verify)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chatbot.channels.cli.base import app, err, notify, out, progress_bars, recs_app, run_action
from chatbot.config import Settings
from chatbot.errors import ChatbotError

pack_app = typer.Typer(
    help="Guideline packs: a folder of publications, recommendations, synonyms and gold questions.", no_args_is_help=True
)
app.add_typer(pack_app, name="pack")


def _read_file(file: Path):
    """A publication given on the command line, read into a Document."""
    from chatbot.ingest.readers import read_document
    from chatbot.packs.loading import slug
    from chatbot.types import DocumentKind, SourceRef

    if not file.is_file():
        raise ChatbotError(f"no such file: {file}", status=404)
    ref = SourceRef(id=slug(file.stem), title=file.stem, kind=DocumentKind.OFFICIAL, path=str(file.resolve()))
    return read_document(ref, Path("/"))


@recs_app.command("extract")
def recs_extract(
    file: Annotated[Path, typer.Argument(help="a guideline publication (PDF, Markdown, HTML or JATS XML)")],
    as_json: Annotated[bool, typer.Option("--json", help='print {"recommendations": [...]} as JSON')] = False,
) -> None:
    """Find the numbered recommendation statements of a publication, with their grading and pages."""
    from chatbot.recs.extraction import extract_recommendations
    from chatbot.recs.merging import extracted_json

    def action(settings: Settings) -> int:
        notify(f"reading {file.name}")
        items = extract_recommendations(_read_file(file), consensus=True)
        if as_json:
            sys.stdout.write(json.dumps({"recommendations": [extracted_json(i) for i in items]}, indent=2, ensure_ascii=False) + "\n")
            return 0
        table = Table(title=f"{len(items)} recommendation statement(s) in {file.name}")
        for column in ("no.", "p.", "kind", "dir.", "strength", "certainty"):
            table.add_column(column, no_wrap=True)
        table.add_column("as published", min_width=12)
        table.add_column("statement", ratio=1, min_width=24)
        kinds = {"recommendation": "rec", "good_practice_statement": "GPS", "research_only": "research"}
        for item in items:
            labels = "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in item.labels.items())
            statement = " ".join(item.statement.split())
            table.add_row(
                f"{item.number}{item.part or ''}",
                str(item.page or ""),
                kinds[item.kind.value],
                item.direction.value,
                item.strength.value,
                item.certainty.value,
                labels,
                statement[:160] + ("…" if len(statement) > 160 else ""),
            )
        out.print(table)
        return 0 if items else 1

    run_action(action)


@recs_app.command("verify")
def recs_verify(
    against: Annotated[
        list[Path] | None, typer.Option("--against", help="official publication(s); default: the pack's official documents")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the comparison as JSON")] = False,
) -> None:
    """Compare the pack's curated recommendation set with what the official publications state (exit 1 on any difference)."""
    from chatbot.channels.cli.render import print_verification
    from chatbot.packs.loading import pack_or_default
    from chatbot.recs.loading import load_recommendations
    from chatbot.recs.merging import OfficialStatement, document_guideline
    from chatbot.recs.verification import verification_json, verify

    def action(settings: Settings) -> int:
        from chatbot.index.build import gather_inputs
        from chatbot.ingest.readers import read_document
        from chatbot.recs.extraction import extract_recommendations
        from chatbot.types import DocumentKind, SourceRef

        pack = pack_or_default(settings.corpus_dir)
        curated = load_recommendations(settings.corpus_dir)
        statements: list[OfficialStatement] = []
        if against:
            for file in against:
                document = _read_file(file)
                guideline = document_guideline(SourceRef(document.id, document.title, document.kind, document.path), curated, pack.id)
                statements += [OfficialStatement(document.id, guideline, item) for item in extract_recommendations(document)]
        else:
            sources = [s for s in gather_inputs(settings).sources if s.kind is DocumentKind.OFFICIAL]
            if not sources:
                raise ChatbotError(
                    f"the pack {pack.id} lists no official publication",
                    hint="pass --against FILE.pdf, or add it to sources.yaml",
                    status=422,
                )
            for source in sources:
                notify(f"reading {Path(source.path).name}")
                document = read_document(source, settings.corpus_dir)
                guideline = document_guideline(source, curated, pack.id)
                statements += [OfficialStatement(document.id, guideline, item) for item in extract_recommendations(document)]
        result = verify(curated, statements)
        if as_json:
            sys.stdout.write(json.dumps(verification_json(result), indent=2, ensure_ascii=False) + "\n")
        else:
            print_verification(out, result)
        return 0 if result.agrees else 1

    run_action(action)


@pack_app.command("init")
def pack_init(
    folder: Annotated[Path, typer.Argument(help="the new pack's folder (its name becomes the pack id)")],
    sources: Annotated[list[Path], typer.Option("--from", help="a publication to build the pack from; repeat for several")],
    title: Annotated[str | None, typer.Option(help="pack title (default: the publication's title)")] = None,
    short_name: Annotated[str | None, typer.Option(help="short name shown in citations")] = None,
    id_prefix: Annotated[str | None, typer.Option(help="prefix of recommendation ids, e.g. CDC")] = None,
    force: Annotated[bool, typer.Option("--force", help="rewrite an existing pack")] = False,
) -> None:
    """Create a pack from publications: copy them in, extract the recommendations into a draft, build its index."""
    from chatbot.index.build import ensure_index
    from chatbot.index.embedders import load_embedder
    from chatbot.pack_init import DRAFT_FILE, init_pack
    from chatbot.packs.loading import load_pack, settings_for_pack
    from chatbot.recs.loading import load_recommendations

    def action(settings: Settings) -> int:
        draft = init_pack(folder, list(sources), title, short_name, id_prefix, force, settings.lexicon_dir)
        for failure in draft.failures:
            err.print(f"[yellow]skipped[/] {failure}", highlight=False)
        pack = load_pack(folder)
        pack_settings = settings_for_pack(settings, pack)
        with progress_bars() as progress:
            summary = ensure_index(
                pack_settings, load_recommendations(folder), lambda: load_embedder(settings), progress, notify, force=True
            )
        out.print(
            f"Pack [bold]{pack.id}[/] in {folder}: {len(draft.documents)} document(s), {len(draft.statements)} recommendation statement(s) "
            f"extracted into {DRAFT_FILE} for review; {summary.passages} passages indexed at {pack_settings.index_dir}.",
            highlight=False,
        )
        if not draft.statements:
            err.print(
                "[yellow]no numbered, graded recommendation statements were found[/]: the pack answers from its text, "
                "with no recommendation cards",
                highlight=False,
            )
        out.print(f"Next: review {folder / DRAFT_FILE}, then `chatbot --pack {folder} serve` (or ask / chat / eval).", highlight=False)
        return 1 if draft.failures else 0

    run_action(action)


@pack_app.command("list")
def pack_list() -> None:
    """The packs the current settings load, with their documents and recommendation counts."""
    from chatbot.ingest.sources import load_sources
    from chatbot.packs.loading import pack_folders, pack_or_default
    from chatbot.recs.loading import load_recommendations

    def action(settings: Settings) -> int:
        table = Table(title="Guideline packs")
        for column in ("id", "short name", "folder", "documents", "curated items", "gold files"):
            table.add_column(column, overflow="fold")
        for folder in pack_folders(settings):
            pack = pack_or_default(folder)
            table.add_row(
                pack.id,
                pack.short_name,
                str(pack.folder),
                str(len(load_sources(folder))),
                str(len(load_recommendations(folder).items)),
                ", ".join(p.name for p in pack.gold_files) or "none",
            )
        out.print(table)
        return 0

    run_action(action)
