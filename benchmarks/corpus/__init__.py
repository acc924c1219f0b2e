"""Synthetic patient records with ground truth, for benchmarking the profile extractor.

``generate(outdir, patients=48, seed=7)`` writes ``outdir/<patient>/<document>.pdf``, each
patient's ``truth.json`` (the contract profile without evidence) and ``outdir/manifest.json``.
Run ``python -m benchmarks.corpus OUTDIR`` for the same from the command line. All people,
places and findings are invented.
"""

from .generate import generate, plan_pages, plan_patients, plan_truths

__all__ = ["generate", "plan_pages", "plan_patients", "plan_truths"]
