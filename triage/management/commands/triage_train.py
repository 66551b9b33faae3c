"""`manage.py triage_train [--data PATH] [--include-wrapups]`: reproduce the committed model
artefact (one character n-gram model per language) from the chat corpus in triage/data,
the Reddit training users when --data is given, and de-identified wrap-up labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import training
from triage.engine.model import ARTIFACT_PATH, load_model
from triage.selectors import wrapup_examples


class Command(BaseCommand):
    help = "Train the per-language risk models on the chat corpus (and Reddit, wrap-ups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="cssrs_reddit_posts.csv")
        parser.add_argument("--out", type=Path, default=ARTIFACT_PATH, help="artefact path")
        parser.add_argument(
            "--include-wrapups",
            action="store_true",
            help="add help-seekers' messages labelled by counselors' wrap-up tiers "
            "(de-identified first)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(options["data"]) if options["data"] else None
        out = Path(options["out"])
        if data is not None and not data.is_file():
            raise CommandError(f"no such file: {data}")
        extra = wrapup_examples() if options["include_wrapups"] else []
        _model, fits, held_out = training.train(data, out, extra=extra)
        load_model.cache_clear()
        self.stdout.write(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
        if extra:
            self.stdout.write(f"wrap-up lines added: {len(extra)}")
        for language, fit in sorted(fits.items()):
            m = fit.model
            risk, safe = training.top_features(m, 12)
            self.stdout.write(
                f"[{language}] terms: {len(m.vocabulary)}, examples: {m.meta['examples']}, "
                f"thresholds: {m.thresholds}"
            )
            # Printed so a reviewer can see what the model learned (artefacts would show here).
            self.stdout.write("  top risk features: " + ", ".join(repr(t) for t in risk))
            self.stdout.write("  top no-risk features: " + ", ".join(repr(t) for t in safe))
        if held_out:
            self.stdout.write(f"held-out Reddit posts (for triage_eval): {len(held_out)}")
