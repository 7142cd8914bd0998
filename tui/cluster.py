"""``newsreader analyze --scheduler``: the command-line side of a cluster run
(``core.cluster`` is the Dask side): connect, send the loaded articles out,
print or count what comes back, report failures by name."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.cluster import PART_NAME, ClusterError, connect, partitions, run
from core.model import LoadResult
from core.nlp import ModelError


def analyze_on_cluster(args: argparse.Namespace, result: LoadResult) -> int:
    """Exit status as for a local run (0 all written, 1 some inputs or articles failed, 2 nothing
    readable), and 2 if the cluster cannot be used."""
    if args.output and _holds_parts(Path(args.output)):
        print(f"newsreader: {args.output}: already holds an analysis; choose a new or empty folder", file=sys.stderr)
        return 2
    if args.partition_size < 1:
        print("newsreader: --partition-size must be at least 1", file=sys.stderr)
        return 2
    try:
        client = connect(args.scheduler)
    except ClusterError as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        return 2
    analysed = failed = 0
    try:
        for done in run(client, partitions(result.articles, args.partition_size), args.model, args.output):
            sys.stdout.writelines(done.lines)
            sys.stdout.flush()
            analysed += done.analysed
            failed += len(done.failures)
            for failure in done.failures:
                print(f"newsreader: {failure}", file=sys.stderr)
    except ModelError as exc:
        print(f"newsreader: on the cluster: {exc}", file=sys.stderr)
        return 2
    finally:
        cluster = client.cluster  # set for local:N only
        client.close()
        if cluster is not None:
            cluster.close()
    if args.output:
        print(f"newsreader: {analysed} articles analysed into {args.output}", file=sys.stderr)
    if not result.articles:
        return 2
    return 1 if result.errors or failed else 0


def _holds_parts(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob(PART_NAME.replace("{:06d}", "*")))
