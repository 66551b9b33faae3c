"""Forms for supervisors' pages: they parse and bound input; reports do the work."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import Period

# A year of conversations is the longest period a page or an export covers at once.
MAX_PERIOD_DAYS = 366
DEFAULT_PERIOD_DAYS = 7


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To (included)"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def from_query(cls, data: Any) -> "PeriodForm":
        """Bound to the query string, or to the last week when it names no period."""
        if not data.get("start") and not data.get("end"):
            today = timezone.localdate()
            data = {
                **data.dict(),
                "start": (today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat(),
                "end": today.isoformat(),
            }
        return cls(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: date | None = cleaned.get("start")
        end: date | None = cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Please choose a period of at most a year."))
        return cleaned

    def period(self) -> Period:
        return Period.from_dates(self.cleaned_data["start"], self.cleaned_data["end"])


class StaffingForm(PeriodForm):
    target_percent = forms.IntegerField(
        label=_("Share answered within the target (%)"), min_value=1, max_value=99, initial=90
    )
    target_minutes = forms.IntegerField(
        label=_("Target wait (minutes)"), min_value=1, max_value=120, initial=5
    )

    @classmethod
    def from_query(cls, data: Any) -> "StaffingForm":
        form = super().from_query(data)
        defaults = {"target_percent": "90", "target_minutes": "5"}
        return cls({**defaults, **{k: v for k, v in form.data.items() if v}})
