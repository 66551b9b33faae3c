"""Words the pages' scripts show, translated on the server and handed over as JSON."""

from django.utils.translation import gettext_lazy as _

from triage.tiers import Tier

SEEKER = {
    "connecting": _("Connecting…"),
    "reconnecting": _("The connection was lost. Reconnecting… Your messages are safe."),
    "waiting": _("You are in line. A counselor will be with you as soon as they can."),
    "position": _("You are number {position} in line ({waiting} waiting)."),
    "joined": _("{name} has joined and is reading your messages."),
    "ended": _("This conversation has ended. Thank you for writing to us."),
    "not_found": _("We could not find your conversation. You can start a new one."),
    "sending": _("Sending…"),
    "sent": _("Sent"),
    "failed": _("Not sent."),
    "retry": _("Try again"),
    "you": _("You"),
    "counselor": _("Counselor"),
    "end_confirm": _("End this conversation? You can start a new one later."),
}

CONSOLE = {
    "connecting": _("Connecting…"),
    "connected": _("Connected"),
    "reconnecting": _("Connection lost. Reconnecting…"),
    "forbidden": _("This account can't use the console. Please log in again."),
    "waited": _("{minutes} min"),
    "seeker": _("Help-seeker"),
    "you": _("You"),
    "end": _("End conversation"),
    "end_confirm": _("End this conversation?"),
    "ended": _("This conversation has ended."),
    "waiting_status": _("Waiting"),
    "send": _("Send"),
    "reply_label": _("Reply"),
    "sending": _("Sending…"),
    "failed": _("Not sent."),
    "retry": _("Try again"),
    "tiers": {tier.value: tier.label for tier in Tier},
    "constructs": {
        "passive_ideation": _("wish to be dead"),
        "active_ideation": _("thoughts of suicide"),
        "method_means": _("method or means"),
        "plan": _("plan"),
        "intent": _("intent"),
        "timeframe": _("timeframe"),
        "prior_attempt": _("past attempt"),
        "self_harm": _("self-harm"),
        "harm_to_others": _("harm to others"),
        "abuse_violence": _("abuse or violence"),
        "loneliness_isolation": _("loneliness"),
        "hopelessness": _("hopelessness"),
        "protective_factor": _("protective factor"),
        "concern_for_other": _("about someone else"),
    },
    "score": _("score {score}"),
    "alert_imminent": _("A person at imminent risk is waiting. They are first in the queue."),
    "alert_imminent_active": _("A person in an active conversation is now at imminent risk."),
}
