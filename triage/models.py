"""Stored risk assessments: one per help-seeker message, with the evidence behind it."""

from django.db import models

from core.tiers import Tier
from counseling.models import Conversation, Message


class Assessment(models.Model):
    # One per message: a redelivered scoring task finds it and changes nothing.
    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="assessment")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="assessments"
    )
    score = models.FloatField()
    tier = models.CharField(max_length=16, choices=Tier.choices)
    evidence = models.JSONField(default=list)
    rules_score = models.FloatField(null=True)
    model_score = models.FloatField(null=True)
    explanation = models.TextField(blank=True)
    reason = models.JSONField(default=dict, blank=True)  # the explanation as data
    # What the engine read in the message (its hits and model score, engine.Reading), so
    # the conversation's risk is recombined over its recent messages without reading
    # each of them again.
    reading = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.tier} {self.score:.2f}"
