"""Command line: ``python -m benchmarks.corpus OUTDIR [--patients 48] [--seed 7]``."""

from __future__ import annotations

import argparse
import sys
import time

from .generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus",
        description="Write synthetic patient records (PDF) with ground-truth profiles.",
    )
    parser.add_argument("outdir", help="directory to write (created if missing)")
    parser.add_argument("--patients", type=int, default=48, help="number of patients (48)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="render in this many processes (default: CPU count, max 8)",
    )
    args = parser.parse_args(argv)
    if args.patients < 1:
        parser.error("--patients must be at least 1")
    started = time.monotonic()
    manifest = generate(args.outdir, args.patients, args.seed, args.workers)
    totals = manifest["totals"]
    print(
        f"{totals['patients']} patients, {totals['documents']} documents, {totals['pages']} "
        f"pages ({totals['scanned_pages']} scanned, {totals['scanned_fraction']:.1%}) in "
        f"{time.monotonic() - started:.1f} s -> {args.outdir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
