"""Create the demo staff accounts for a local try-out and print their passwords, with what
their two-factor login needs: the authenticator key (and otpauth:// link) and recovery
codes, any one of which logs in once without an app."""

import re
import secrets
from base64 import b32decode

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand

from accounts.models import User
from accounts.services import staff_create, staff_password_set
from accounts.two_factor import (
    authenticator_install,
    demo_second_factor_kept,
    recovery_codes_replace,
    totp_secret,
)
from core.roles import Role
from counseling.models import CannedResponse

DEMO_STAFF = [
    ("counselor1", Role.COUNSELOR, "Aoi"),
    ("counselor2", Role.COUNSELOR, "Sam"),
    ("supervisor", Role.SUPERVISOR, "Kai"),
]

# A starting library of shared replies, for a try-out; a service writes its own.
DEMO_REPLIES = [
    (
        "en",
        "Welcome",
        "Hi, I'm here with you now. Thank you for reaching out. What's on your mind?",
    ),
    ("en", "Taking time", "Take all the time you need. I'm not going anywhere."),
    (
        "en",
        "Asking about suicide",
        "Sometimes when people feel this way, they think about suicide. "
        "Are you thinking about suicide?",
    ),
    ("en", "Safety now", "Are you safe right now? Is anyone with you?"),
    ("en", "Closing", "Thank you for talking with me tonight. You can write to us again anytime."),
    (
        "ja",
        "はじめのあいさつ",
        "こんにちは。相談員です。メッセージをありがとうございます。今どんなことを感じていますか？",
    ),
    ("ja", "ゆっくりで大丈夫", "ゆっくりで大丈夫です。ここで待っていますね。"),
    (
        "ja",
        "自殺について尋ねる",
        "とてもつらい状況だと、死にたいと思うこともあります。今、死にたいと思っていますか？",
    ),
    ("ja", "今の安全", "今、安全な場所にいますか？近くに誰かいますか？"),
    (
        "ja",
        "終わりのあいさつ",
        "お話ししてくれてありがとうございました。いつでもまた連絡してくださいね。",
    ),
]


class Command(BaseCommand):
    help = "Create (or reset) two demo counselors and one supervisor, printing new passwords."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--password", help="Use this password for all three (for scripted tests)."
        )
        parser.add_argument(
            "--totp-secret",
            help="Use this base32 authenticator key for all three (for scripted tests, "
            "which compute the current code from it).",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep the authenticator keys and unused recovery codes of accounts that "
            "already have them (make run): an app set up once keeps working. Passwords "
            "are new each time.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        key_hex = _key_hex(options["totp_secret"]) if options["totp_secret"] else None
        self.stdout.write("Demo staff accounts (log in at /console/):")
        self.stdout.write(
            "  Two-factor login: add the key to an authenticator app, or type one of the "
            "recovery codes (each works once)."
        )
        for username, role, name in DEMO_STAFF:
            password = options["password"] or secrets.token_urlsafe(9)
            existing = User.objects.filter(username=username).first()
            kept = demo_second_factor_kept(user=existing) if existing and options["keep"] else None
            if existing is not None and kept is not None:
                user = existing
                staff_password_set(user=user, password=password)
                device, codes = kept
            else:
                user = staff_create(
                    username=username, password=password, role=role, display_name=name
                )
                device = authenticator_install(user=user, key_hex=key_hex)
                codes = recovery_codes_replace(user=user)
            if role == Role.SUPERVISOR:
                # So the try-out shows the research export; grant it sparingly in service.
                user.user_permissions.add(
                    Permission.objects.get(
                        codename="export_research", content_type__app_label="counseling"
                    )
                )
            self.stdout.write(f"  {role.label:<11} {username:<11} password: {password}")
            self.stdout.write(f"{'':<26}key: {totp_secret(device)}")
            self.stdout.write(f"{'':<26}{device.config_url}")
            self.stdout.write(f"{'':<26}recovery codes: {' '.join(codes)}")
        if not CannedResponse.objects.filter(owner__isnull=True).exists():
            CannedResponse.objects.bulk_create(
                CannedResponse(language=language, title=title, body=body)
                for language, title, body in DEMO_REPLIES
            )


def _key_hex(secret: str) -> str:
    """A base32 key as people write it (spaces, lower case, no padding) in hex."""
    compact = re.sub(r"\s", "", secret).upper()
    return b32decode(compact + "=" * (-len(compact) % 8)).hex()
