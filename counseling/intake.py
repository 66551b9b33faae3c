"""The optional questions before a help-seeker's first message, and their allowed answers."""

from typing import Any

from django.utils.translation import gettext_lazy as _

TOPICS = {
    "feelings": _("How I feel"),
    "suicide": _("Thoughts of suicide"),
    "self_harm": _("Self-harm"),
    "relationships": _("Relationships or family"),
    "school_work": _("School or work"),
    "loneliness": _("Loneliness"),
    "abuse": _("Abuse or violence"),
    "other": _("Something else"),
}
AGE_BANDS = {
    "under_13": _("Under 13"),
    "13_17": _("13–17"),
    "18_24": _("18–24"),
    "25_39": _("25–39"),
    "40_64": _("40–64"),
    "65_plus": _("65 or older"),
}
SAFE_NOW = {
    "yes": _("Yes, I am safe right now"),
    "no": _("No, I am not safe right now"),
    "unsure": _("I'm not sure"),
}
QUESTIONS = {"topic": TOPICS, "age_band": AGE_BANDS, "safe_now": SAFE_NOW}


def intake_clean(raw: Any) -> dict[str, str]:
    """Keep only known questions with known answers; every question is optional."""
    if not isinstance(raw, dict):
        return {}
    return {
        question: answer
        for question, answer in raw.items()
        if question in QUESTIONS and isinstance(answer, str) and answer in QUESTIONS[question]
    }


def intake_labels(intake: dict[str, str]) -> dict[str, str]:
    """The answers in the reader's language, for the counselor."""
    return {q: str(QUESTIONS[q][a]) for q, a in intake.items() if a in QUESTIONS.get(q, {})}


def is_not_safe(intake: dict[str, str]) -> bool:
    return intake.get("safe_now") == "no"
