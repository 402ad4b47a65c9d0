import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .backends import LOGIN_BLOCK
from .models import LoginThrottle
from .selectors import LoginBlock


def login_block_message(block: LoginBlock) -> str:
    """Tell a refused user why: the account is locked until a local time, or the address must wait."""
    if block.kind == LoginThrottle.Kind.ACCOUNT:
        return gettext(
            "This account is locked after too many failed log-ins, until %(until)s. Try again then, or "
            "ask the security administrator to unlock it."
        ) % {"until": date_format(timezone.localtime(block.until), "Y-m-d H:i")}
    seconds = max(1, math.ceil((block.until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many failed log-ins from your network. Try again in %(seconds)d second.",
        "Too many failed log-ins from your network. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


class LoginForm(AuthenticationForm):
    """Django's log-in form; a log-in the backend refused for a lock or a wait says so, and until when."""

    def get_invalid_login_error(self):
        block = getattr(self.request, LOGIN_BLOCK, None)
        if block is None:
            return super().get_invalid_login_error()
        return forms.ValidationError(login_block_message(block), code="locked")


class TotpForm(forms.Form):
    code = forms.RegexField(
        label=_("One-time code"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
