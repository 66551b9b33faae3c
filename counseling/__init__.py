"""Conversations and messages between anonymous help-seekers and counselors."""
