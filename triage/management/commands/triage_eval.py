"""`manage.py triage_eval [--data PATH] [--from-wrapups]`: figures for triage on the chat
development sets (triage/data/dev_*.jsonl, kept apart from training), on the held-out Reddit
users when --data is given, and against counselors' wrap-up tiers. Figures only: no text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import corpus, evaluation, training
from triage.engine.model import ARTIFACT_PATH, load_model
from triage.selectors import wrapup_labels


class Command(BaseCommand):
    help = "Evaluate triage on the chat dev sets, held-out Reddit users and wrap-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="cssrs_reddit_posts.csv")
        parser.add_argument("--model", type=Path, default=ARTIFACT_PATH, help="artefact path")
        parser.add_argument("--split", default="dev", help="chat split to report (dev)")
        parser.add_argument(
            "--from-wrapups",
            action="store_true",
            help="only the agreement between triage and counselors' wrap-up tiers",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report: dict[str, Any] = {}
        if options["from_wrapups"]:
            report["wrapups"] = evaluation.wrapup_agreement(wrapup_labels())
            self.stdout.write(evaluation.render_wrapups(report["wrapups"]))
            self.stdout.write(json.dumps(report, sort_keys=True))
            return
        model = load_model(Path(options["model"]))
        if model is None:
            raise CommandError(f"cannot load the model at {options['model']}")
        examples = corpus.load_split(options["split"])
        if examples:
            report["chat"] = evaluation.evaluate_chat(examples)
            self.stdout.write(
                evaluation.render_chat(report["chat"], f"Chat {options['split']} sets:")
            )
        if options["data"] is not None:
            data = Path(options["data"])
            if not data.is_file():
                raise CommandError(f"no such file: {data}")
            _train, held_out = training.split_by_user(training.load_posts(data))
            report["reddit"] = evaluation.evaluate(held_out, model)
            self.stdout.write("")
            self.stdout.write(evaluation.render(report["reddit"]))
        self.stdout.write(json.dumps(report, sort_keys=True))
