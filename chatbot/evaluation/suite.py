"""An evaluation run: every loaded pack's gold files under each configuration, each a bot built with its own settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chatbot.config import PROJECT_ROOT, Settings
from chatbot.core import build_chatbot
from chatbot.errors import ChatbotError
from chatbot.evaluation.compare import id_map, remap_gold, remap_guard, unmatched_ids, write_compare
from chatbot.evaluation.gold import load_gold
from chatbot.evaluation.guard_run import guard_metrics, load_guard_cases, run_guard
from chatbot.evaluation.report import hard_floor_failures, write_pack_comparison, write_report
from chatbot.evaluation.run import CONFIGURATIONS, PRIMARY, Configuration, run_configuration, summarise
from chatbot.index.embedders import load_embedder
from chatbot.index.embedding import Embedder
from chatbot.packs.loading import PACK_FILE, Pack, pack_folders, pack_or_default
from chatbot.recs.schema import RecommendationSet
from chatbot.stores.bundle import scratch_stores

REPORTS_DIR = PROJECT_ROOT / "eval" / "reports"
LATEST_DIR = REPORTS_DIR / "latest"
DEFAULT_GUARD_SET = PROJECT_ROOT / "eval" / "guard" / "claims.jsonl"  # labelled against the default pack (corpus/)
DEFAULT_PACK_DIR: Path = Settings.model_fields["corpus_dir"].default
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class EvalPlan:
    """What to run and where its reports go; `refresh_latest` also copies them to eval/reports/latest."""

    report_dir: Path
    gold: Path | None = None
    configurations: tuple[str, ...] = ()
    guard_set: Path | None = DEFAULT_GUARD_SET
    refresh_latest: bool = False
    compare_pack: Path | None = None  # the first gold set also asked of this pack (ids matched by recommendation number)


@dataclass(frozen=True)
class PackOutcome:
    """One pack's gold file scored under every configuration."""

    pack: Pack
    gold: Path
    metrics: dict[str, dict]
    report: Path
    guard: dict | None
    rec_set: RecommendationSet
    guard_set: Path | None = None


@dataclass(frozen=True)
class EvalOutcome:
    """Every pack's outcome, the side-by-side report when there are several packs, and the hard-floor failures."""

    configurations: tuple[Configuration, ...]
    packs: tuple[PackOutcome, ...]
    side_by_side: Path | None
    failures: tuple[str, ...]
    compared: Path | None = None


def chosen_configurations(names: tuple[str, ...]) -> tuple[Configuration, ...]:
    """The configurations named (all by default); the production one must be among them."""
    chosen = tuple(c for c in CONFIGURATIONS if not names or c.name in names)
    unknown = sorted(set(names) - {c.name for c in CONFIGURATIONS})
    if unknown or PRIMARY not in {c.name for c in chosen}:
        raise ChatbotError(
            f"configurations must include {PRIMARY}; unknown: {', '.join(unknown) or 'none'}",
            hint=f"choose from {', '.join(c.name for c in CONFIGURATIONS)}",
            status=422,
        )
    return chosen


def run_evaluation(settings: Settings, plan: EvalPlan, progress: Progress, embedder: Embedder | None = None) -> EvalOutcome:
    """Score each pack's gold files; conversations and audit go to stores in the report folder, never production ones."""
    configurations = chosen_configurations(plan.configurations)
    packs = [pack_or_default(folder) for folder in pack_folders(settings)]
    runs = [(packs[0], plan.gold)] if plan.gold else [(pack, path) for pack in packs for path in pack.gold_files]
    if not runs:
        raise ChatbotError("no gold questions to run", hint="pass --gold FILE or list gold files in pack.yaml", status=422)
    if plan.compare_pack is not None and not (plan.compare_pack / PACK_FILE).is_file():
        raise ChatbotError(f"{plan.compare_pack} is not a pack", hint="make one with `chatbot pack init DIR --from FILE`", status=404)
    embedder = embedder or load_embedder(settings)
    outcomes = []
    for number, (pack, gold_path) in enumerate(runs):
        where = Path() if number == 0 else Path("packs") / f"{pack.id}-{gold_path.stem}"  # the first run keeps the usual place
        pack_settings = settings.model_copy(update={"corpus_dir": pack.folder, "packs": ()})
        guard_set = guard_set_for(plan, pack, number == 0)
        outcomes.append(_evaluate_pack(pack, pack_settings, gold_path, configurations, guard_set, plan, where, embedder, progress))
    side_by_side = None
    if len(outcomes) > 1:
        by_pack = {f"{o.pack.short_name} ({o.gold.name})": o.metrics[PRIMARY] for o in outcomes}
        side_by_side = write_pack_comparison(by_pack, plan.report_dir, LATEST_DIR if plan.refresh_latest else None)
    compared = None
    if plan.compare_pack is not None:
        other = _compare(outcomes[0], pack_or_default(plan.compare_pack), settings, plan, embedder, progress)
        compared = _write_compare(outcomes[0], other, plan)
        outcomes.append(other)
    failures = tuple(f"{o.pack.id}: {failure}" for o in outcomes for failure in hard_floor_failures(o.metrics))
    return EvalOutcome(configurations, tuple(outcomes), side_by_side, failures, compared)


def guard_set_for(plan: EvalPlan, pack: Pack, first: bool) -> Path | None:
    """The labelled guard texts for a pack: `--guard` for the first pack, else the pack's own (`guard:` in pack.yaml).

    The project's default texts are labelled against the default pack's set: another pack without texts of its own gets none.
    """
    own = next(iter(pack.guard_files), None)
    if plan.guard_set is None or not first:
        return own if plan.guard_set is not None else None
    if plan.guard_set != DEFAULT_GUARD_SET:
        return plan.guard_set
    return own if own is not None else (DEFAULT_GUARD_SET if pack.folder.resolve() == DEFAULT_PACK_DIR.resolve() else None)


def _compare(first: PackOutcome, pack: Pack, settings: Settings, plan: EvalPlan, embedder: Embedder, progress: Progress) -> PackOutcome:
    """The first pack's gold set (and guard texts) asked of another pack of the same guideline, production configuration only."""
    if first.pack.folder.resolve() == pack.folder.resolve():
        raise ChatbotError("--compare-pack names the pack being evaluated", hint="give another pack of the same guideline", status=422)
    pack_settings = settings.model_copy(update={"corpus_dir": pack.folder, "packs": ()})
    primary = tuple(c for c in CONFIGURATIONS if c.name == PRIMARY)
    where = Path("compare") / pack.id
    guard_set = first.guard_set
    return _evaluate_pack(pack, pack_settings, first.gold, primary, guard_set, plan, where, embedder, progress, first.rec_set)


def _write_compare(first: PackOutcome, other: PackOutcome, plan: EvalPlan) -> Path:
    """compare.md and compare.png beside the first pack's report."""
    names = (f"{first.pack.short_name} ({first.pack.folder.name})", f"{other.pack.short_name} ({other.pack.folder.name})")
    if names[0] == names[1]:
        names = (f"{names[0]} [1]", f"{names[1]} [2]")
    rows = {names[0]: first.metrics[PRIMARY], names[1]: other.metrics[PRIMARY]}
    guard = {names[0]: first.guard, names[1]: other.guard}
    unmatched = unmatched_ids(load_gold(first.gold), id_map(first.rec_set, other.rec_set))
    return write_compare(rows, guard, first.gold, unmatched, plan.report_dir, LATEST_DIR if plan.refresh_latest else None)


def _evaluate_pack(
    pack: Pack,
    settings: Settings,
    gold_path: Path,
    configurations: tuple[Configuration, ...],
    guard_set: Path | None,
    plan: EvalPlan,
    where: Path,
    embedder: Embedder,
    progress: Progress,
    reference: RecommendationSet | None = None,
) -> PackOutcome:
    """One pack's gold file under every configuration (a bot of its own each), and the guard set on the production one.

    With `reference` (the set the gold file's ids belong to), expected ids are matched to this pack's items by number.
    """
    out_dir = plan.report_dir / where
    stores = scratch_stores(out_dir / "stores")
    results, metrics, guard = [], {}, None
    for configuration in configurations:
        bot = build_chatbot(settings.model_copy(update=configuration.overrides), embedder=embedder, stores=stores, progress=progress)
        mapping = id_map(reference, bot.rec_set) if reference is not None else {}
        gold_set = load_gold(gold_path, frozenset(rec.id for rec in (reference or bot.rec_set).items))
        gold_set = remap_gold(gold_set, mapping) if reference is not None else gold_set
        turns = sum(len(item.as_turns()) for item in gold_set.items)
        counter = _counter(configuration.name, turns, progress)
        configuration_results = run_configuration(bot, gold_set, configuration, counter)
        results += configuration_results
        metrics[configuration.name] = summarise(configuration_results)
        if guard_set is not None and configuration.name == PRIMARY:
            cases = load_guard_cases(guard_set)
            cases = remap_guard(cases, mapping) if reference is not None else cases
            guard_results = run_guard(bot.check, cases, _counter("guard", len(cases), progress))
            guard = (guard_metrics(guard_results), guard_results)
    latest = LATEST_DIR / where if plan.refresh_latest else None
    report = write_report(metrics, results, gold_path, out_dir, latest, configurations, guard)
    return PackOutcome(pack, gold_path, metrics, report, guard[0] if guard else None, bot.rec_set, guard_set)


def _counter(stage: str, total: int, progress: Progress) -> Callable[[], None]:
    """A callback that reports one more item of `stage` done each time it is called."""
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(stage, done, total)

    return tick
