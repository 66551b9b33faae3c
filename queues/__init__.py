"""The waiting queue: its ordering policy, take-next, positions and live updates."""
