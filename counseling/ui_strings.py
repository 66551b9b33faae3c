"""Words the pages' scripts show, translated on the server and handed over as JSON."""

from django.utils.translation import gettext_lazy as _

from core.tiers import Tier

from . import intake

SEEKER = {
    "connecting": _("Connecting…"),
    "reconnecting": _("The connection was lost. Reconnecting… Your messages are safe."),
    "offline": _("You are offline. What you write here will be sent when your connection is back."),
    "not_sent_offline": _("You are offline. It will be sent when your connection is back."),
    "not_sent_down": _("The connection was lost. It will be sent when it is back."),
    "not_confirmed": _("No confirmation from the server yet."),
    "not_sent_ended": _(
        "The conversation ended before this could be sent. You can copy it and start a new "
        "conversation."
    ),
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
    "estimate": _("At your place in line, the wait is usually about {low}–{high} minutes."),
    "estimate_soon": _("A counselor has a free place now, so you should be answered soon."),
    "opens_at": _("We open again at {time}. Your messages will be read then."),
    "estimate_unknown": _(
        "We don't know yet how long it will take. We will answer as soon as we can."
    ),
    "nobody_online": _(
        "No counselor is online at this moment. Your messages are safe here and will be "
        "read as soon as someone is back."
    ),
    "closed": _("We are closed right now. Your messages will be read when we open."),
    "typing": _("{name} is typing…"),
    "counselor_changed": _("You are now talking with {name}."),
    "delete_confirm": _("Delete this conversation? Everything you wrote will be removed."),
    "delete_failed": _("It could not be deleted just now. Please try again."),
    "participant_joined": _("{name}, who works with your counselor, has joined the conversation."),
    "neutral_title": _("Notes"),
    "counselor_dropped": _(
        "Your counselor's connection dropped. They should be back shortly; "
        "you don't need to do anything, and your conversation is kept."
    ),
    "counselor_back": _("Your counselor is back."),
    # Nobody had the page open for SEEKER_ABSENT_MINUTES while waiting (ended by the system).
    "away_released": _(
        "It looks like you were away for a while, so your place in line was given up. "
        "If you would still like to talk, you are welcome to start a new conversation. "
        "We are here."
    ),
    "returned_to_queue": _(
        "Your counselor could not come back, so you have been moved up the line for the next "
        "counselor. They will see everything you have written."
    ),
}

CONSOLE = {
    "connecting": _("Connecting…"),
    "connected": _("Connected"),
    "reconnecting": _("Connection lost. Reconnecting…"),
    "offline": _("Offline: this computer has no network. Replies go when it is back."),
    "not_sent_offline": _("You are offline. It will be sent when your connection is back."),
    "not_sent_down": _("The connection was lost. It will be sent when it is back."),
    "not_confirmed": _("No confirmation from the server yet."),
    # Only what is true: the help-seeker's messages and what was sent are kept; a reply
    # that had not gone by then says "Not sent" on its own line (not_sent_handed_back).
    "handed_back": _(
        "This conversation went back to the queue while you were disconnected, so that "
        "another counselor could answer. The help-seeker's messages and everything that "
        "was sent are kept."
    ),
    "handed_back_unsent": _(
        "Replies marked “Not sent” did not reach them; their text is kept here to copy."
    ),
    "not_sent_handed_back": _(
        "It can no longer be sent: the conversation went back to the queue. "
        "The text is kept here to copy."
    ),
    "not_sent_transferred": _(
        "It can no longer be sent: the conversation was handed to someone else. "
        "The text is kept here to copy."
    ),
    "unseen_messages": _("They wrote something new. Read it before you end."),
    "close_tab": _("Close"),
    "tools_label": _("Risk, notes and tools"),
    "waiting_reply": _("No reply for {minutes} min"),
    "assigned_by": _("{name} assigned you a conversation. It is in your list."),
    "choose_outcome": _("Choose an outcome…"),
    "confirm_end_high": _(
        "This person is at high or imminent risk. I have checked their safety and want "
        "to end the conversation."
    ),
    "closing_hint": _("You can still send a closing message before you save."),
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
    "messages_label": _("Messages"),
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
        "warning_sign": _("warning sign"),
        "model_signal": _("what the model weighed"),
        "intake_not_safe": _("said they are not safe"),
    },
    "score": _("score {score}"),
    # triage.engine's reasons (scoring.py REASON_ENGLISH and explain()), worded here so a
    # Japanese console explains in Japanese. {parts}: the constructs with their phrases.
    "explain": {
        "sentence": _("{tier} because {reason}."),
        "act": _("it describes an act in progress or about to happen ({parts})"),
        "combines": _("it combines {parts}"),
        "expresses": _("it expresses {parts}"),
        "describes": _("it describes {parts}"),
        "contains": _("it contains {parts}"),
        "mentions": _("it mentions {parts}"),
        "other_acting": _("it describes {parts}, acting soon"),
        "mentions_only": _("it mentions only {parts}"),
        "nothing": _("no risk phrases were found"),
        "failed": _("automatic scoring failed; please read the message"),
        "not_safe": _("the person answered that they are not safe right now"),
        "model": _(
            "{tier} because the language model reads it like messages from people at high "
            "risk (p={p}), although the rules alone gave {rules_tier} ({rules})."
        ),
        "part": _("{label} (“{phrase}”)"),
        "quote": _("“{phrase}”"),
        "comma": _(", "),
        "and": _(" and "),
        "labels": {
            "passive_ideation": _("a wish to be dead"),
            "active_ideation": _("thoughts of suicide"),
            "method_means": _("a method or means"),
            "plan": _("preparations"),
            "intent": _("a stated intent to act"),
            "timeframe": _("a time"),
            "prior_attempt": _("a history of attempts or self-harm"),
            "self_harm": _("current self-harm"),
            "harm_to_others": _("a threat to harm others"),
            "abuse_violence": _("abuse or violence"),
            "loneliness_isolation": _("loneliness"),
            "hopelessness": _("hopelessness"),
            "protective_factor": _("a protective factor"),
            "concern_for_other": _("someone else's risk"),
            "warning_sign": _("a warning sign"),
        },
    },
    "intake": {question: dict(answers) for question, answers in intake.QUESTIONS.items()},
    "intake_questions": {
        "topic": _("Topic"),
        "age_band": _("Age"),
        "safe_now": _("Safe right now"),
    },
    "left_suddenly": _("Left suddenly (quick exit). They may come back."),
    "came_back": _("The help-seeker is back."),
    "typing": _("typing…"),
    "presence_label": _("Your status"),
    "presence": {"available": _("Available"), "away": _("Away")},
    "private_notes": _("Private notes (team only)"),
    "note_label": _("New private note"),
    "add_note": _("Add note"),
    "wrap_up_title": _("Wrap-up"),
    "outcome": _("Outcome"),
    "your_tier": _("Your assessment of risk"),
    "topics": _("Topics"),
    "note": _("Note (for the team; never shown to the help-seeker)"),
    "end_and_save": _("End and save wrap-up"),
    "save_wrap_up": _("Save wrap-up"),
    "cancel": _("Cancel"),
    "wrapped_up": _("Wrapped up. Thank you."),
    "outcomes": {},  # filled per request: the deployment's list (counseling/wrapup.py)
    "topic_labels": dict(intake.TOPICS),
    "alert_imminent": _("A person at imminent risk is waiting. They are first in the queue."),
    "alert_imminent_active": _("A person in an active conversation is now at imminent risk."),
    "alert_counselor_dropped": _(
        "{name} was disconnected too long: their conversation went back to the queue."
    ),
    "supervisor_message": _("Message from a supervisor"),
    "joined_conversation": _("{name} (supervisor) joined this conversation."),
    "alert_arrival": _("Someone new is waiting."),
    "alert_urgent_arrival": _("A person at high risk is waiting."),
    "title_new": _("New"),
    "sound_label": _("Sound for new arrivals"),
    # Saved replies
    "replies": _("Saved replies"),
    "replies_search": _("Search saved replies"),
    "replies_none": _("No saved replies match."),
    "replies_manage": _("Manage saved replies"),
    "replies_shared": _("Shared"),
    "replies_mine": _("Mine"),
    "replies_failed": _("Saved replies could not be loaded. Please try again."),
    "insert": _("Insert"),
    # Risk checklist
    "checklist": _("Risk checklist"),
    "checklist_hint": _(
        "Ask in this order. If the answer to “thoughts of killing themselves” is no, "
        "go on to the last question."
    ),
    "answer_yes": _("Yes"),
    "answer_no": _("No"),
    "answer_unasked": _("Not asked"),
    "checklist_suggests": _("The checklist suggests: {tier}"),
    # Transfer and assignment
    "transfer": _("Transfer"),
    "transfer_to": _("Transfer to"),
    "transfer_note": _("Note for them (the help-seeker won't see it)"),
    "transfer_submit": _("Transfer conversation"),
    "transfer_none": _("Nobody else is available right now."),
    "transferred_to": _("The conversation was handed to {name}."),
    "handover": _("Handover note"),
    "staff_option": _("{name} ({load} of {capacity})"),
    "supervisor_suffix": _("supervisor"),
    "team": _("Team on shift"),
    "team_capacity": _("Limit for {name}"),
    "team_load": _("{load} of {capacity} conversations"),
    "save": _("Save"),
    "assign_title": _("Assign a waiting person"),
    "assign_person": _("Person"),
    "assign_to": _("Counselor"),
    "assign_submit": _("Assign"),
    "choose": _("Choose…"),
    # Earlier conversations
    "earlier": _("Earlier conversations from this browser"),
    "earlier_none": _("No earlier conversations."),
    "earlier_loading": _("Loading…"),
    "earlier_summary": _("{date} · {outcome}"),
    "no_wrap_up": _("no wrap-up"),
    "counselor_tier": _("Counselor's assessment: {tier}"),
}

DASHBOARD = {
    "resolved_alerts": _("Resolved in the last 24 hours, not acknowledged ({count})"),
    "resolved_after": _("Raised at {time}; its cause ended after {duration}"),
    "waiting_by_tier": _("Waiting now"),
    "tier": _("Risk"),
    "waiting": _("Waiting"),
    "longest": _("Longest wait"),
    "median": _("Median wait"),
    "minutes_seconds": _("{minutes} min {seconds} s"),
    "today": _("Today"),
    "arrivals": _("Arrivals"),
    "answered": _("Answered"),
    "abandoned": _("Left before an answer"),
    "abandonment_rate": _("Abandonment"),
    "last_day": _("Last 24 hours"),
    "hour": _("Hour"),
    "team": _("Team"),
    "name": _("Name"),
    "status": _("Status"),
    "load": _("Load"),
    "answered_today": _("Answered today"),
    "limit": _("Limit"),
    "by_state": _("Available {available} · away {away} · offline {offline}"),
    "presence_all": {"available": _("Available"), "away": _("Away"), "offline": _("Offline")},
    "alerts": _("Alerts"),
    "no_alerts": _("No alerts."),
    "acknowledge": _("Acknowledge"),
    "acknowledged_by": _("Seen by {name}"),
    "resolved": _("Resolved"),
    "open": _("Open"),
    "live": _("Live conversations"),
    "no_live": _("No live conversations."),
    "since": _("since {time}"),
    "counselor": _("Counselor"),
    "observing": _("Watching (read-only)"),
    "close": _("Close"),
    "whisper": _("Private message to the counselor"),
    "whisper_send": _("Send to counselor"),
    "join": _("Join the conversation"),
    "joined": _("You have joined. The help-seeker sees your messages and your name."),
    "reassign": _("Reassign to"),
    "reassign_submit": _("Reassign"),
    "mark_abuse": _("Mark as abuse"),
    "mark_abuse_confirm": _(
        "Mark this conversation as abuse? It leaves the queue and ends now. This is recorded."
    ),
    # Several waiting conversations at once (a flood's), ticked in the queue.
    "select_entry": _("Select number {position} in the queue"),
    "mark_selected": _("Mark selected as abuse"),
    "select_shown": _("Select all shown"),
    "select_none": _("Clear selection"),
    "selected_count": _("Selected: {count}"),
    "mark_selected_confirm": _(
        "Mark the waiting conversations you selected ({count}) as abuse? They leave the "
        "queue and end now. Each is recorded."
    ),
    "abuse_marked": _("Marked as abuse: {count}."),
    "abuse_not_marked": _("No longer waiting, so left as they are: {count}."),
    "queue": _("Queue"),
    "none_waiting": _("Nobody is waiting."),
    "left": _("left suddenly"),
}
