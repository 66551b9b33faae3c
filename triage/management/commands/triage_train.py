"""`manage.py triage_train --data PATH`: reproduce the committed English model artefact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import training
from triage.engine.model import ARTIFACT_PATH, load_model


class Command(BaseCommand):
    help = "Train the English risk model on the C-SSRS Reddit posts (training users only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", required=True, type=Path, help="cssrs_reddit_posts.csv")
        parser.add_argument("--out", type=Path, default=ARTIFACT_PATH, help="artefact path")

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(options["data"])
        out = Path(options["out"])
        if not data.is_file():
            raise CommandError(f"no such file: {data}")
        model, _pipe, held_out = training.train(data, out)
        load_model.cache_clear()
        risk, safe = training.top_features(model, 15)
        self.stdout.write(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
        self.stdout.write(
            f"terms: {len(model.vocabulary)}, training posts: {model.meta['n_train_posts']}, "
            f"held-out posts: {len(held_out)}, thresholds: {model.thresholds}"
        )
        # Printed so a reviewer can see what the model learned (artefacts would show here).
        self.stdout.write("top risk terms: " + ", ".join(risk))
        self.stdout.write("top no-risk terms: " + ", ".join(safe))
