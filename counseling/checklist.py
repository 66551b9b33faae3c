"""The counselor's risk checklist: the Columbia (C-SSRS) screener's questions in its
order, plus access to means and timeframe, which counselors ask next in a crisis line's
risk assessment. Pure: no database, so the suggestion rule is tested on its own.

A "no" to active thoughts (item 2) lets the counselor skip to past behaviour, as the
screener does; the console shows that hint. The suggested tier is a prompt for the
counselor's own judgement in the wrap-up, never stored as triage.
"""

from django.utils.translation import gettext_lazy as _

from core.tiers import Tier

ITEMS = {
    "wish_dead": _("Wished to be dead, or to go to sleep and not wake up"),
    "thoughts": _("Thoughts of killing themselves"),
    "method": _("Thought about how they might do it"),
    "intent": _("Some intention of acting on these thoughts"),
    "plan": _("Worked out the details of a plan"),
    "means": _("Has the means at hand"),
    "timeframe": _("Has a time in mind (today, tonight, soon)"),
    "behavior": _("Did something to end their life or prepare to (past 3 months)"),
}
ANSWERS = ("yes", "no")


def checklist_tier(answers: dict[str, str]) -> Tier:
    """What the answers suggest, following the screener's levels: intent, plan or recent
    behaviour is high; with means at hand and a time in mind as well, imminent."""

    def yes(item: str) -> bool:
        return answers.get(item) == "yes"

    if (yes("intent") or yes("plan") or yes("behavior")) and yes("means") and yes("timeframe"):
        return Tier.IMMINENT
    if yes("intent") or yes("plan") or yes("behavior"):
        return Tier.HIGH
    if yes("thoughts") or yes("method"):
        return Tier.MEDIUM
    if yes("wish_dead") or answers.get("thoughts") == "no":
        return Tier.LOW
    return Tier.UNKNOWN
