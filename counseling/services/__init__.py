"""Counseling's writes, one function per action (STYLE.md), by what they act on:
messages, conversations (their life), counselor_tools (work inside one) and
transcripts (audited reads, retention)."""
