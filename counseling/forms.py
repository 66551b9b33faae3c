"""Forms for staff pages. Validation of meaning stays in services; these only parse."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CannedResponseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    body = forms.CharField(
        label=_("Text"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    shared = forms.BooleanField(
        label=_("Shared with the whole team"),
        required=False,
        help_text=_("Only supervisors can add or change shared replies."),
    )
