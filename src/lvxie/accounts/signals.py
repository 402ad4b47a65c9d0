"""Log-ins, log-outs and failed log-ins join the audit log; a log-in stamps the session for the time-outs
and ends the account's run of failed log-ins."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lvxie.audit.choices import Result
from lvxie.audit.services import audit_record

from . import services
from .middleware import session_start


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_start(request.session)
    audit_record(actor=user, action="auth.login", obj=user)
    # Only a completed log-in (the code too, where one is needed) ends the run of failed ones.
    services.login_success_record(username=user.get_username())


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        services.user_logout(user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The username tried is kept; the password never is (Django already scrubs it from credentials).
    audit_record(
        actor=None,
        action="auth.login_failed",
        object_type="accounts.user",
        object_repr=str(credentials.get("username", ""))[:150],
        result=Result.FAILURE,
    )
