"""Refusals: an action a caller may not take, with a code for clients and a plain message."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "empty": _("Please write something before sending."),
    "too_long": _("That message is too long. Please split it into shorter messages."),
    "bad_client_id": _("This message could not be sent. Please reload the page."),
    "bad_request": _("That request was not understood."),
    "unknown_action": _("Unknown action."),
    "not_found": _("That conversation was not found."),
    "not_yours": _("That conversation is not yours."),
    "ended": _("This conversation has ended."),
    "not_active": _("This conversation is not active yet."),
    "at_capacity": _("You are at your limit of conversations. Finish one before taking another."),
    "queue_empty": _("Nobody is waiting right now."),
    "already_open": _("You already have a conversation open in this browser."),
    "forbidden": _("You are not allowed to do that."),
    "too_large": _("That message is too large."),
    # Shown beside the message it refused: it must not claim that everything arrived.
    "rate_limited": _(
        "You are sending messages very quickly, so this one was not sent. "
        'Please wait a moment, then press "Try again".'
    ),
    "busy": _(
        "Many people are reaching out right now. Please try again in a minute. "
        "If you are in danger now, call one of the numbers below."
    ),
    # The page answers this one itself (a new challenge comes with it); seen only if that fails.
    "admission": _("Your message could not be sent yet. Please reload the page and try again."),
    "too_many_sockets": _(
        "This conversation is open in too many windows. Please close some and reload."
    ),
    "not_ended": _("The survey opens when the conversation has ended."),
    "already_wrapped": _("This conversation has already been wrapped up."),
    "already_taken": _("Someone else has already answered this person."),
    "target_unavailable": _("That person is not available to take a conversation right now."),
    "target_at_capacity": _("That counselor has no room for another conversation right now."),
    "supervisors_only": _("Only a supervisor can do that."),
    "not_allowed": _("You can't change that reply."),
    # A counselor's end or wrap-up named a last-seen message, and the help-seeker has
    # written since: nothing ended, so the counselor reads it first.
    "unseen_messages": _("They wrote something new. Read it before you end."),
}


class Refusal(Exception):
    """Raised by services and selectors; adapters turn it into an error frame or response."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(MESSAGES.get(self.code, MESSAGES["bad_request"]))
