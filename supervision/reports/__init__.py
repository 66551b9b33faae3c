"""Supervisors' reports over a period: volume, waits, abandonment, outcomes, triage
against counselors, surveys, topics and staffing, as plain rows for a chart, a table
and a CSV download. registry.py lists them (REPORTS: one Report each, with its title,
figures, table and chart); period.py has what they share; a module per family of reports
holds each report's figures next to its table and its chart.

Reports read only what outlives transcripts: conversations' timestamps, status, risk
tier and intake answers; wrap-ups' outcome, tiers and topics; survey scales; presence
changes. Never message text, notes or comments, so they still work after the retention
purge. A report covers the conversations that *arrived* in the period (created_at in
[start, end)); their wrap-ups and surveys count with them. Hours and weekdays are local
to the reports' time zone. Counting happens in the database (GROUP BY, conditional
counts), with a fixed number of queries per report.

Definitions used throughout:
- *answered*: a counselor was assigned (assigned_at is set);
- *abandoned*: the help-seeker left the queue before being answered (status abandoned);
- *wait*: assigned_at - queued_at; *wait before leaving*: ended_at - queued_at;
- *handling time*: ended_at - assigned_at, for answered conversations that ended;
- *risk tier*: the conversation's tier as it stands, i.e. its last assessment.
"""

from .period import Period
from .registry import (
    REPORTS,
    Report,
    report_cache_key,
    report_chart,
    report_data,
    report_rows,
    report_table,
)

__all__ = [
    "REPORTS",
    "Period",
    "Report",
    "report_cache_key",
    "report_chart",
    "report_data",
    "report_rows",
    "report_table",
]
