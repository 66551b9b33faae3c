"""Risk triage: scores help-seekers' texts for suicide and self-harm risk."""
