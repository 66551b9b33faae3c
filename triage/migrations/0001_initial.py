import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("counseling", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Assessment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.FloatField()),
                (
                    "tier",
                    models.CharField(
                        choices=[
                            ("imminent", "Imminent risk"),
                            ("high", "High risk"),
                            ("medium", "Medium risk"),
                            ("low", "Low risk"),
                            ("unknown", "Not yet assessed"),
                        ],
                        max_length=16,
                    ),
                ),
                ("evidence", models.JSONField(default=list)),
                ("rules_score", models.FloatField(null=True)),
                ("model_score", models.FloatField(null=True)),
                ("explanation", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "conversation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="counseling.conversation",
                    ),
                ),
                (
                    "message",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessment",
                        to="counseling.message",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["conversation", "created_at"], name="triage_asse_convers_82be79_idx")],
            },
        ),
    ]
