"""等保2.0 identification and authentication (GB/T 22239-2019 8.1.4.1): unique accounts, the password
policy, forced change of initial and old passwords, lockout, session time-outs, one-time codes."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pyotp
import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lvxie.access import services as access_services
from lvxie.accounts import services
from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.audit.choices import Result
from lvxie.audit.models import AuditEvent
from tests.api.conftest import make_token
from tests.factories import make_user

PASSWORD = "pw-Test-12345"
HOME = "/"
MATRIX_URLS = [
    "accounts:login",
    "accounts:logout",
    "accounts:password_change",
    "accounts:login_totp",
    "accounts:totp_setup",
]


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def login(client, username, password=PASSWORD, ip="127.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def events(action):
    return AuditEvent.objects.filter(action=action)


# --- Accounts are unique ------------------------------------------------------------------------------


def test_usernames_are_unique(db):
    make_user(username="zhang")
    with pytest.raises(IntegrityError):
        make_user(username="zhang")


# --- Password policy ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab1-xyz", "password_too_short"),
        ("abcdefgh12", "password_too_few_classes"),
        ("Xx-wangwei-9", "password_contains_username"),
        ("P@ssw0rd", "password_too_common"),
    ],
)
def test_password_policy_refuses_each_rule(db, password, code):
    # Given a user
    user = make_user(username="wangwei")
    # When they choose a password that breaks one rule, then it is refused with that rule's code
    with pytest.raises(ValidationError) as caught:
        services.password_change(actor=user, user=user, password=password)
    assert code in {e.code for e in caught.value.error_list}
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_last_five_passwords_cannot_be_reused(db):
    user = make_user(username="li")
    used = [f"Lv-xie-{n}-Strong" for n in range(5)]
    for password in used:
        services.password_change(actor=user, user=user, password=password)
    # The current one and the four before it are refused
    for password in used:
        with pytest.raises(ValidationError) as caught:
            services.password_change(actor=user, user=user, password=password)
        assert caught.value.error_list[0].code == "password_reused"
    # The sixth-last (the factory's) may come back
    services.password_change(actor=user, user=user, password=PASSWORD)
    assert events("auth.password_change").count() == 6
    assert PASSWORD not in str(list(AuditEvent.objects.values()))


def test_a_fragment_the_password_page_fetches_gets_nothing_rather_than_the_password_page(client, world):
    # Given a newcomer whose initial password is due, on the password page (its top bar fetches the
    # to-do count with htmx after loading)
    user = world["users"]["lawyer"]
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    client.force_login(user)
    # When the fragment is fetched, then it is empty (204): a redirect would put the password page, which
    # fetches the fragment again, into the top bar, and again, without end
    response = client.get(reverse("workflow:todo_count"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.content == b""
    # and a page asked for in the ordinary way still leads to the password change
    assert client.get(reverse("workflow:todo_count"))["Location"] == reverse("accounts:password_change")


def test_password_older_than_90_days_must_be_changed(client, world, clock):
    user = world["users"]["futian"]
    clock.shift(timedelta(days=89))
    client.force_login(user)
    assert client.get(HOME).status_code == 200
    clock.shift(timedelta(days=2))
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    assert client.get("/api/v1/firms").status_code == 403


# --- Initial passwords -------------------------------------------------------------------------------


def test_initial_password_must_be_changed_before_anything_else(client, world):
    # Given an account created by the system administrator with an initial password
    client.force_login(world["users"]["sysadmin"])
    client.post(reverse("access:user_list"), {"username": "newbie", "password": "Lv-xie-2026-strong"})
    newbie = User.objects.get(username="newbie")
    assert newbie.must_change_password
    client.logout()
    # When the newcomer logs in, every page and API call leads to the password change
    assert login(client, "newbie", "Lv-xie-2026-strong").status_code == 302
    for url in (HOME, reverse("registry:firm_list"), reverse("access:user_list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    assert client.get("/api/v1/firms").status_code == 403
    key, _token = make_token(newbie)
    assert Client().get("/api/v1/firms", headers={"authorization": f"Bearer {key}"}).status_code == 403
    # Then, with a password of their own, the rest opens
    page = reverse("accounts:password_change")
    assert client.get(page).status_code == 200
    response = client.post(
        page,
        {
            "old_password": "Lv-xie-2026-strong",
            "new_password1": "Mine-2026-better",
            "new_password2": "Mine-2026-better",
        },
    )
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert Client().get("/api/v1/firms", headers={"authorization": f"Bearer {key}"}).status_code == 200


def test_wrong_current_passwords_are_audited_and_count_towards_the_lock(client, world, clock):
    # Given someone at an open session of the 福田 administrator
    user = world["users"]["futian"]
    client.force_login(user)
    page = reverse("accounts:password_change")
    guess = "Guess-pw-4711"
    bad = {"old_password": guess, "new_password1": "Mine-2026-better", "new_password2": "Mine-2026-better"}
    good = dict(bad, old_password=PASSWORD)
    # When they try wrong current passwords, then each is audited as a failure
    for _ in range(4):
        assert client.post(page, bad).status_code == 400
    failures = events("auth.password_change").filter(actor_id=user.pk, result=Result.FAILURE)
    assert failures.count() == 4
    assert guess not in str(list(failures.values()))
    # And the fifth locks the account: the right current password is then not even checked
    assert client.post(page, bad).status_code == 400
    assert events("auth.lock").filter(object_repr="account:futian").exists()
    refused = client.post(page, good)
    assert refused.status_code == 400 and "此账户因登录失败次数过多已被锁定" in refused.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert login(Client(), "futian").status_code == 200  # nor may it log in elsewhere
    # Once the lock has run out, the change goes through and is audited as a success
    clock.shift(timedelta(minutes=31))
    client.force_login(user)
    assert client.post(page, good).status_code == 302
    assert events("auth.password_change").filter(actor_id=user.pk, result=Result.SUCCESS).count() == 1


def test_password_change_page_matrix(client, world):
    page = reverse("accounts:password_change")
    # Anonymous: sent to log in
    assert reverse("accounts:login") in client.get(page)["Location"]
    # Any user changes only their own password: a wrong current password changes nothing
    client.force_login(world["users"]["futian"])
    assert client.get(page).status_code == 200
    bad = client.post(
        page, {"old_password": "wrong", "new_password1": "Mine-2026-x", "new_password2": "Mine-2026-x"}
    )
    assert bad.status_code == 400
    assert User.objects.get(username="futian").check_password(PASSWORD)


def test_login_and_logout_pages_matrix(client, world):
    # Anonymous: the log-in page; log-out only sends back to it
    assert client.get(reverse("accounts:login")).status_code == 200
    assert reverse("accounts:login") in client.post(reverse("accounts:logout"))["Location"]
    assert not events("auth.logout").exists()
    # Logged in: the log-in page sends home; log-out ends the session and is audited
    client.force_login(world["users"]["futian"])
    assert client.get(reverse("accounts:login"))["Location"] == HOME
    client.post(reverse("accounts:logout"))
    assert client.get(HOME).status_code == 302
    assert events("auth.logout").filter(actor_id=world["users"]["futian"].pk).exists()


def test_session_key_changes_at_log_in(client, world):
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    login(client, "futian")
    assert client.session.session_key != before
    # For administrators the key also changes between the password and the code step
    make_user(Role.AUDITOR, username="aud2")
    other = Client()
    other.get(reverse("accounts:login"))
    other.session.save()
    first = other.session.session_key
    login(other, "aud2")
    assert other.session.session_key != first


# --- Lockout -----------------------------------------------------------------------------------------


def test_five_failures_lock_the_account_for_30_minutes(client, world, clock):
    for _ in range(4):
        login(client, "futian", "wrong")
    assert not events("auth.lock").exists()
    login(client, "futian", "wrong")
    # Locked: audited, and even the right password is refused (and that refusal audited too)
    assert events("auth.lock").filter(object_repr="account:futian").exists()
    assert events("auth.login_failed").count() == 5
    assert login(client, "futian").status_code == 200  # the form again, not a redirect
    assert events("auth.login_refused").count() == 1
    # From another address too: the account is locked, not only the address
    assert login(Client(), "futian", ip="10.0.0.9").status_code == 200
    clock.shift(timedelta(minutes=29))
    assert login(client, "futian").status_code == 200
    clock.shift(timedelta(minutes=2))
    assert login(client, "futian").status_code == 302


def test_failures_from_one_address_slow_it_down_but_lock_no_other_account(world, clock):
    # Given an office behind one address, where one account failed five times
    office = "10.1.1.1"
    for _ in range(5):
        login(Client(), "a", "wrong", ip=office)
    # Then that account is locked, and every other account at the address still logs in
    assert events("auth.lock").filter(object_repr="account:a").exists()
    assert login(Client(), "futian", ip=office).status_code == 302
    # When the address reaches 20 failures in one spell, there is still no wait
    for n in range(15):
        login(Client(), f"typo{n}", "wrong", ip=office)
    assert login(Client(), "nanshan", ip=office).status_code == 302
    # After the 21st, the address waits a second: even a right password is refused, and told so
    login(Client(), "typo", "wrong", ip=office)
    refused = login(Client(), "futian", ip=office)
    assert refused.status_code == 200 and "1 秒后重试" in refused.content.decode()
    assert events("auth.login_refused").filter(after__reason="address").count() == 1
    assert login(Client(), "futian", ip="10.2.2.2").status_code == 302  # other addresses do not wait
    clock.shift(timedelta(seconds=1))
    assert login(Client(), "futian", ip=office).status_code == 302
    # The wait doubles with each failure, but never beyond a minute, and nothing locks the address
    for n in range(10):
        login(Client(), f"guess{n}", "wrong", ip=office)
        clock.shift(timedelta(seconds=60))
    login(Client(), "guess", "wrong", ip=office)
    assert "60 秒后重试" in login(Client(), "futian", ip=office).content.decode()
    clock.shift(timedelta(seconds=60))
    assert login(Client(), "futian", ip=office).status_code == 302
    assert not events("auth.lock").filter(object_repr__startswith="address:").exists()
    assert events("auth.address_slowed").filter(object_repr=f"address:{office}").count() == 1


def test_a_locked_account_is_told_so_and_until_when_in_local_time(client, world, clock):
    # Given an account locked by five wrong passwords
    for _ in range(5):
        login(client, "futian", "wrong")
    until = timezone.now() + timedelta(minutes=30)
    # When its owner then gives the right password
    body = login(client, "futian").content.decode()
    # Then the page says the account is locked, and until when in Beijing time (not UTC), not that the
    # password was wrong
    assert "此账户因登录失败次数过多已被锁定" in body
    assert until.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M") in body
    assert until.astimezone(UTC).strftime("%Y-%m-%d %H:%M") not in body
    assert "请输入一个正确的用户名和密码" not in body


def test_a_success_resets_the_count(client, world):
    for _ in range(4):
        login(client, "futian", "wrong")
    assert login(client, "futian").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "futian", "wrong")
    assert not events("auth.lock").exists()


# --- Sessions ----------------------------------------------------------------------------------------


def test_idle_sessions_end_after_30_minutes(client, world, clock):
    client.force_login(world["users"]["futian"])
    clock.shift(timedelta(minutes=29))
    assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=29))  # idle time counts from the last request
    assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get(HOME)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert events("auth.session_expired").filter(actor_id=world["users"]["futian"].pk).exists()


def test_administrator_sessions_end_after_15_idle_minutes(client, world, clock):
    client.force_login(world["users"]["sysadmin"])
    clock.shift(timedelta(minutes=14))
    assert client.get(reverse("access:user_list")).status_code == 200
    clock.shift(timedelta(minutes=16))
    assert client.get(reverse("access:user_list")).status_code == 302


def test_sessions_end_12_hours_after_log_in_however_busy(client, world, clock):
    client.force_login(world["users"]["futian"])
    for _ in range(24):  # a request every 29 minutes: never idle, 11 h 36 min in all
        clock.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=29))
    assert client.get(HOME).status_code == 302


def test_logout_ends_every_session_of_the_account(world):
    first, second = Client(), Client()
    login(first, "futian")
    login(second, "futian")
    assert second.get(HOME).status_code == 200
    first.post(reverse("accounts:logout"))
    assert second.get(HOME).status_code == 302
    assert events("auth.logout").exists()


def test_disabling_an_account_ends_its_sessions(client, world):
    victim = Client()
    victim.force_login(world["users"]["futian"])
    client.force_login(world["users"]["sysadmin"])
    url = reverse("access:user_detail", args=[world["users"]["futian"].pk])
    assert client.post(url, {"action": "disable"}).status_code == 302
    assert victim.get(HOME).status_code == 302
    assert login(Client(), "futian").status_code == 200  # and no new log-in
    assert events("user.disable").exists()


def test_administrator_ends_a_users_sessions(client, world):
    victim = Client()
    victim.force_login(world["users"]["futian"])
    url = reverse("access:user_detail", args=[world["users"]["futian"].pk])
    # Out of scope: roles without account pages do not see them; the city administrator (who gives the
    # district's roles) and the security administrator see the account but may not do it
    client.force_login(world["users"]["auditor"])
    assert client.post(url, {"action": "end_sessions"}).status_code == 404
    client.force_login(world["users"]["city"])
    assert client.post(url, {"action": "end_sessions"}).status_code == 403
    client.force_login(make_user(Role.SECURITY_ADMIN))
    assert client.post(url, {"action": "end_sessions"}).status_code == 403
    assert victim.get(HOME).status_code == 200
    # In scope: the system administrator
    client.force_login(world["users"]["sysadmin"])
    assert client.post(url, {"action": "end_sessions"}).status_code == 302
    assert victim.get(HOME).status_code == 302
    assert login(Client(), "futian").status_code == 302  # they may log in again
    assert events("auth.sessions_end").exists()


# --- One-time codes ----------------------------------------------------------------------------------


def test_administrators_set_up_and_use_one_time_codes(client, world, clock):
    # Given a system administrator without a code yet: the password alone does not log in
    response = login(client, "sysadmin")
    assert response["Location"] == reverse("accounts:login_totp")
    assert client.get(HOME).status_code == 302
    page = client.get(reverse("accounts:login_totp"))
    secret = page.context["secret"]
    assert secret in page.content.decode()
    # A wrong code is refused and audited
    assert client.post(reverse("accounts:login_totp"), {"code": "000000"}).status_code == 400
    assert events("auth.totp_failed").exists()
    # The right code logs in and turns codes on
    code = pyotp.TOTP(secret).at(timezone.now())
    assert client.post(reverse("accounts:login_totp"), {"code": code}).status_code == 302
    assert client.get(reverse("access:user_list")).status_code == 200
    assert User.objects.get(username="sysadmin").totp_secret == secret
    client.post(reverse("accounts:logout"))
    # The same code again (still within its 30 seconds) is refused: a code is good once
    login(client, "sysadmin")
    assert client.post(reverse("accounts:login_totp"), {"code": code}).status_code == 400
    # The next code works
    clock.shift(timedelta(seconds=30))
    code = pyotp.TOTP(secret).at(timezone.now())
    assert client.post(reverse("accounts:login_totp"), {"code": code}).status_code == 302
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR])
def test_every_administrator_duty_needs_a_code(client, db, role):
    make_user(role, username="admin")
    assert login(client, "admin")["Location"] == reverse("accounts:login_totp")


def test_other_roles_may_turn_codes_on(client, world):
    # Without a code, a district administrator logs in with the password
    assert login(client, "futian")["Location"] == HOME
    client.logout()
    # With one turned on, the code is asked for
    secret = services.totp_new_secret()
    services.totp_enroll(actor=None, user=world["users"]["futian"], secret=secret, confirmed=True)
    assert login(client, "futian")["Location"] == reverse("accounts:login_totp")
    assert client.post(reverse("accounts:login_totp"), {"code": pyotp.TOTP(secret).now()}).status_code == 302


def test_any_user_turns_codes_on_for_their_own_account(client, world):
    page = reverse("accounts:totp_setup")
    # Anonymous: sent to log in
    assert reverse("accounts:login") in client.get(page)["Location"]
    # A lawyer turns them on for themself (there is no way to name another account)
    client.force_login(world["users"]["lawyer"])
    secret = client.get(page).context["secret"]
    assert client.post(page, {"code": "000000"}).status_code == 400
    assert client.post(page, {"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert User.objects.get(username="lawyer").totp_secret == secret
    assert User.objects.get(username="futian").totp_secret == ""
    assert events("auth.totp_enroll").filter(actor_id=world["users"]["lawyer"].pk).exists()
    client.logout()
    assert login(client, "lawyer")["Location"] == reverse("accounts:login_totp")


def test_code_page_without_a_password_step_goes_back_to_log_in(client, world):
    assert client.get(reverse("accounts:login_totp"))["Location"] == reverse("accounts:login")
    assert client.post(reverse("accounts:login_totp"), {"code": "123456"})["Location"] == reverse(
        "accounts:login"
    )


def test_wrong_codes_count_towards_the_lock(client, world):
    make_user(Role.AUDITOR, username="aud")
    login(client, "aud")
    for _ in range(5):
        client.post(reverse("accounts:login_totp"), {"code": "000000"})
    assert events("auth.lock").filter(object_repr="account:aud").exists()


def code_holder(username: str = "aud") -> str:
    """An auditor (who must log in with a one-time code) with codes set up; returns the secret."""
    user = make_user(Role.AUDITOR, username=username)
    secret = services.totp_new_secret()
    services.totp_enroll(actor=None, user=user, secret=secret, confirmed=True)
    return secret


def wrong_code(secret: str) -> str:
    """A code that is not accepted now (nor one step either side, which the check allows for drift)."""
    right = {pyotp.TOTP(secret).at(timezone.now() + timedelta(seconds=s)) for s in (-30, 0, 30)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def test_a_hundred_wrong_codes_after_the_right_password_lock_and_never_log_in(client, db, clock):
    # Given an administrator's right password
    secret = code_holder()
    totp_page = reverse("accounts:login_totp")
    assert login(client, "aud")["Location"] == totp_page
    # When someone tries a hundred wrong codes, then the right one
    wrong = wrong_code(secret)
    for _ in range(100):
        client.post(totp_page, {"code": wrong})
    response = client.post(totp_page, {"code": pyotp.TOTP(secret).now()})
    # Then they are sent back to the password, not logged in: the lock came at the fifth code, and
    # no code was even checked after it
    assert response["Location"] == reverse("accounts:login")
    assert client.get(HOME).status_code == 302
    assert not events("auth.login").exists()
    assert events("auth.lock").filter(object_repr="account:aud").count() == 1
    assert events("auth.totp_failed").count() == 5
    # And the right password is refused as long as the lock lasts
    assert login(client, "aud").status_code == 200


def test_password_then_four_wrong_codes_again_and_again_locks(client, db, clock):
    # Given an administrator's right password followed by four wrong codes, twice
    secret = code_holder()
    totp_page = reverse("accounts:login_totp")
    wrong = wrong_code(secret)
    for _ in range(2):
        assert login(client, "aud")["Location"] == totp_page
        for _ in range(4):
            client.post(totp_page, {"code": wrong})
    # Then the account is locked: a right password in between did not end the run of failures
    assert events("auth.lock").filter(object_repr="account:aud").exists()
    assert events("auth.totp_failed").count() == 5
    assert login(client, "aud").status_code == 200


def test_a_locked_accounts_right_code_is_refused_and_its_pending_log_in_dropped(client, db, clock):
    # Given an administrator at the code step
    secret = code_holder()
    totp_page = reverse("accounts:login_totp")
    assert login(client, "aud")["Location"] == totp_page
    # When meanwhile someone locks the account with wrong passwords from elsewhere
    for _ in range(5):
        login(Client(), "aud", "wrong", ip="10.9.9.9")
    # Then the right code does not log in, says why, and the code step is gone
    response = client.post(totp_page, {"code": pyotp.TOTP(secret).now()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "此账户因登录失败次数过多已被锁定" in response.content.decode()
    assert client.get(HOME).status_code == 302
    assert events("auth.login_refused").filter(object_repr="aud").exists()
    assert not events("auth.login").exists()
    clock.shift(timedelta(minutes=31))
    assert client.get(totp_page)["Location"] == reverse("accounts:login")
    # Once the lock has run out, the log-in starts again from the password
    assert login(client, "aud")["Location"] == totp_page
    assert client.post(totp_page, {"code": pyotp.TOTP(secret).now()})["Location"] == HOME


def test_only_a_completed_log_in_ends_the_run_of_failures(client, db, clock):
    # Given four wrong codes, then the password and the right code
    secret = code_holder()
    totp_page = reverse("accounts:login_totp")
    login(client, "aud")
    for _ in range(4):
        client.post(totp_page, {"code": wrong_code(secret)})
    login(client, "aud")
    assert client.post(totp_page, {"code": pyotp.TOTP(secret).now()})["Location"] == HOME
    client.post(reverse("accounts:logout"))
    # When four wrong passwords follow, then the count started again at the completed log-in
    for _ in range(4):
        login(client, "aud", "wrong")
    assert not events("auth.lock").exists()


def test_the_security_administrator_unlocks_an_account_from_its_page(client, world, clock):
    # Given an account locked by five wrong passwords
    target = world["users"]["futian"]
    for _ in range(5):
        login(Client(), "futian", "wrong")
    until = (timezone.now() + timedelta(minutes=30)).astimezone(ZoneInfo("Asia/Shanghai"))
    url = reverse("access:user_detail", args=[target.pk])
    # Others may not unlock it: an auditor does not see the page; the city administrator (an owner-side
    # administrator, who sees the accounts of their subtree) and the system administrator are refused
    client.force_login(make_user(Role.AUDITOR, username="auditor-unlock"))
    assert client.post(url, {"action": "unlock"}).status_code == 404
    client.force_login(world["users"]["city"])
    assert client.post(url, {"action": "unlock"}).status_code == 403
    client.force_login(world["users"]["sysadmin"])
    assert 'value="unlock"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "unlock"}).status_code == 403
    assert login(Client(), "futian").status_code == 200
    # In scope: the security administrator sees the lock and its end (Beijing time), and ends it
    secadmin = make_user(Role.SECURITY_ADMIN, username="secadmin")
    client.force_login(secadmin)
    page = client.get(url).content.decode()
    assert 'value="unlock"' in page and until.strftime("%Y-%m-%d %H:%M") in page
    assert client.post(url, {"action": "unlock"}).status_code == 302
    unlocked = events("auth.unlock").get()
    assert unlocked.actor_id == secadmin.pk and unlocked.object_id == str(target.pk)
    assert login(Client(), "futian").status_code == 302
    # An account that is not locked: told so, and nothing is recorded
    response = client.post(url, {"action": "unlock"}, follow=True)
    assert "此账户未被锁定" in response.content.decode()
    assert 'value="unlock"' not in response.content.decode()
    assert events("auth.unlock").count() == 1


# --- Separation of duties (三权分立) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Role.SYSTEM_ADMIN, Role.AUDITOR),
        (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN),
        (Role.SECURITY_ADMIN, Role.AUDITOR),
    ],
)
def test_no_account_holds_two_administrator_duties(db, first, second):
    user = make_user(first)
    with pytest.raises(ValidationError) as caught:
        access_services.role_assign(actor=None, user=user, role=second)
    assert caught.value.code == "separation_of_duties"
    assert list(user.roles.values_list("role", flat=True)) == [first]


def test_superusers_cannot_log_in_nor_take_a_duty(db):
    boss = User.objects.create_superuser(username="root", password=PASSWORD)
    assert authenticate(username="root", password=PASSWORD) is None
    with pytest.raises(ValidationError):
        access_services.role_assign(actor=None, user=boss, role=Role.AUDITOR)


def test_duties_are_split_between_the_three_administrators(client, world):
    target = world["users"]["nobody"]
    detail = reverse("access:user_detail", args=[target.pk])
    secadmin = make_user(Role.SECURITY_ADMIN)
    # The system administrator creates accounts but does not assign roles
    client.force_login(world["users"]["sysadmin"])
    assert client.post(detail, {"role": Role.AUDITOR}).status_code == 403
    # The security administrator assigns and revokes roles but creates no accounts
    client.force_login(secadmin)
    assert (
        client.post(reverse("access:user_list"), {"username": "x", "password": "Lv-xie-2026-a"}).status_code
        == 403
    )
    assert client.post(detail, {"role": Role.AUDITOR}).status_code == 302
    assignment = target.roles.get()
    assert client.post(detail, {"action": "revoke", "assignment": assignment.pk}).status_code == 302
    assert not target.roles.exists()
    # The auditor reads the audit log only; each of their actions is in it
    client.force_login(world["users"]["auditor"])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("audit:event_list")).status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"role.assign", "role.revoke", "audit.search"} <= actions
    client.force_login(world["users"]["sysadmin"])
    client.post(reverse("access:user_list"), {"username": "made", "password": "Lv-xie-2026-new1"})
    assert AuditEvent.objects.filter(action="user.create", actor_id=world["users"]["sysadmin"].pk).exists()
    assert AuditEvent.objects.filter(action="role.assign", actor_id=secadmin.pk).exists()


def test_demo_administrators_get_a_working_totp_key_and_others_none(db):
    from lvxie.registry.demo.logins import demo_account

    admin = demo_account("demo_sys", Role.SYSTEM_ADMIN)
    assert admin.totp and User.objects.get(username="demo_sys").totp_secret == admin.totp
    assert not User.objects.get(username="demo_sys").must_change_password  # printed, random: no change needed
    client = Client()
    assert login(client, "demo_sys", admin.password)["Location"] == reverse("accounts:login_totp")
    code = pyotp.TOTP(admin.totp).now()
    assert client.post(reverse("accounts:login_totp"), {"code": code}).status_code == 302
    assert demo_account("demo_aud", Role.AUDITOR).totp
