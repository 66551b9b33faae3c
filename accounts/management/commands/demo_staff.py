"""Create the demo staff accounts for a local try-out and print their passwords."""

import secrets

from django.core.management.base import BaseCommand

from accounts.models import Role
from accounts.services import staff_create

DEMO_STAFF = [
    ("counselor1", Role.COUNSELOR, "Aoi"),
    ("counselor2", Role.COUNSELOR, "Sam"),
    ("supervisor", Role.SUPERVISOR, "Kai"),
]


class Command(BaseCommand):
    help = "Create (or reset) two demo counselors and one supervisor, printing new passwords."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--password", help="Use this password for all three (for scripted tests)."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write("Demo staff accounts (log in at /accounts/login/):")
        for username, role, name in DEMO_STAFF:
            password = options["password"] or secrets.token_urlsafe(9)
            staff_create(username=username, password=password, role=role, display_name=name)
            self.stdout.write(f"  {role.label:<11} {username:<11} password: {password}")
