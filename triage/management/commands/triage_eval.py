"""`manage.py triage_eval --data PATH`: figures for four scorers on the held-out users."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import evaluation, training
from triage.engine.model import ARTIFACT_PATH, load_model


class Command(BaseCommand):
    help = "Evaluate keyword baseline, rules, model and combined scores on held-out users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", required=True, type=Path, help="cssrs_reddit_posts.csv")
        parser.add_argument("--model", type=Path, default=ARTIFACT_PATH, help="artefact path")

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(options["data"])
        if not data.is_file():
            raise CommandError(f"no such file: {data}")
        model = load_model(Path(options["model"]))
        if model is None:
            raise CommandError(f"cannot load the model at {options['model']}")
        _train, held_out = training.split_by_user(training.load_posts(data))
        report = evaluation.evaluate(held_out, model)
        self.stdout.write(evaluation.render(report))
        self.stdout.write(json.dumps(report, sort_keys=True))
