"""Pure risk scoring: normalisation, rules per language and the trained model. No Django
settings, database or apps (it runs where Django is not set up), no I/O after the first
call; triage.services stores what it returns."""

from triage.engine.scoring import (
    Evidence,
    Reading,
    RiskAssessment,
    assess,
    assess_conversation,
    combine,
    detect_language,
    explain,
    read,
)

__all__ = [
    "Evidence",
    "Reading",
    "RiskAssessment",
    "assess",
    "assess_conversation",
    "combine",
    "detect_language",
    "explain",
    "read",
]
