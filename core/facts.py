"""The facts lower apps publish and the questions they ask (core/bus.py): for each, who
publishes it, its details, and who acts on it. tests/core/test_facts.py checks that every
fact here has a subscriber and every question an answer once the apps are ready."""

# --- Facts (any number of subscribers; run in the publisher's transaction) ----------

# The waiting queue, or what waiting people are told about it, may have changed.
# counseling, queues, triage -> queues pushes the queue, positions and estimates.
QUEUE_CHANGED = "queue.changed"
# A figure on the supervisors' dashboard may have changed.
# counseling, queues -> supervision pushes the dashboard (at most once a second).
DASHBOARD_CHANGED = "dashboard.changed"
# A help-seeker said at intake that they are not safe right now. {conversation}
# counseling -> triage raises the conversation's risk before any text is scored.
INTAKE_NOT_SAFE = "intake.not_safe"
# A help-seeker's message was stored. {message}
# counseling -> triage scores it (a Celery task, after commit).
SEEKER_MESSAGE_POSTED = "message.seeker_posted"
# A counselor wrote in a conversation. {conversation}
# counseling -> queues resolves the alerts that waited for an answer.
COUNSELOR_REPLIED = "message.counselor_replied"
# Conversations ended (by a person, the system, or as abuse). {conversations}
# counseling -> queues resolves whatever was still alerted about them.
CONVERSATIONS_CLOSED = "conversations.closed"

FACTS = (
    QUEUE_CHANGED,
    DASHBOARD_CHANGED,
    INTAKE_NOT_SAFE,
    SEEKER_MESSAGE_POSTED,
    COUNSELOR_REPLIED,
    CONVERSATIONS_CLOSED,
)

# --- Questions (exactly one answer) ------------------------------------------------

# A waiting help-seeker's place now, read from the queue itself. {conversation_id}
# -> their "position" frame, or None when they are not waiting. Asked by counseling's
# help-seeker socket as it opens or returns to the queue; answered by queues.
QUEUE_PLACE = "queue.place"
# A waiting-room broadcast turned into one person's frame. {order, stats, conversation_id}
# -> their "position" frame, or None when they are no longer in `order`. Asked by
# counseling's help-seeker socket for every change of the queue; answered by queues
# (pure: no database).
QUEUE_POSITION = "queue.position"

# What triage found in each of these messages, for a staff transcript. {messages} ->
# [assessment dicts]. Asked by the counselor console (queues); answered by triage.
MESSAGE_ASSESSMENTS = "triage.message_assessments"

# A help-seeker's text with what could identify them removed. {text} -> text. Asked by
# triage before counselors' wrap-ups become training or evaluation data; answered by
# supervision, whose de-identification also guards research exports.
TEXT_DEIDENTIFIED = "supervision.text_deidentified"

QUESTIONS = (QUEUE_PLACE, QUEUE_POSITION, MESSAGE_ASSESSMENTS, TEXT_DEIDENTIFIED)
