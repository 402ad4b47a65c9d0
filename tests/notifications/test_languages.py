"""A notification reads in the language of the person reading it, whatever the sender's was."""

from datetime import timedelta

from django.urls import reverse
from django.utils import translation

from lvxie.ledgers.choices import ItemAction
from lvxie.ledgers.services import ledger_reminders_send
from lvxie.notices.services import notice_publish
from lvxie.notifications.models import Notification
from lvxie.notifications.services import Text, notify
from tests.ledgers.conftest import add_item
from tests.notices.conftest import write_notice


def _page(client, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("notifications:list")).content.decode()


def test_a_notice_published_in_chinese_reads_in_english_for_an_english_reader(client, world):
    # Given a notice published while Chinese is active (the city administrator's page)
    with translation.override("zh-hans"):
        notice = write_notice(world["users"]["futian"], world["regions"]["futian"])
        notice_publish(actor=world["users"]["futian"], notice=notice)
    due = notice.reply_due.isoformat()
    client.force_login(world["users"]["firm"])
    # When the firm reads its notifications in English, then in Chinese
    english, chinese = _page(client, "en"), _page(client, "zh-hans")
    # Then each reads in its own language
    assert f"New notice: {notice.title}" in english and f"Reply by {due}." in english
    assert "新通知" not in english
    assert f"新通知：{notice.title}" in chinese and f"请于 {due} 前回复。" in chinese
    # And the API answers in the reader's language too
    client.cookies["django_language"] = "en"
    items = client.get("/api/v1/notifications").json()["items"]
    assert items[0]["title"] == f"New notice: {notice.title}"


def test_a_reminder_sent_by_the_hourly_job_reads_in_both_languages(world):
    firm = world["users"]["firm"]
    from lvxie.ledgers.services import ledger_create

    ledger = ledger_create(actor=firm, firm=world["ft_firm"], title="2023年整改台账", year=2023)
    item = add_item(firm, ledger)
    with translation.override("zh-hans"):
        assert ledger_reminders_send(today=item.deadline + timedelta(days=1)) >= 1
    reminder = Notification.objects.filter(recipient=firm).latest("id")
    assert reminder.title == f"已逾期：整改事项 {item.number}"  # as sent (e-mail)
    with translation.override("en"):
        assert reminder.shown_title == f"Overdue: rectification item {item.number}"
    with translation.override("zh-hans"):
        assert reminder.shown_title == f"已逾期：整改事项 {item.number}"


def test_a_label_given_as_a_parameter_is_translated_too(world):
    with translation.override("en"):
        notify(
            users=[world["users"]["firm"]],
            title=Text(
                translation.gettext_lazy("Rectification item %(number)s: %(action)s"),
                {"number": "2023-001", "action": ItemAction.CLOSE.label},
            ),
        )
    sent = Notification.objects.get()
    assert sent.title == "Rectification item 2023-001: Close (sign off)"
    with translation.override("zh-hans"):
        assert sent.shown_title == "整改事项 2023-001：销号"
    # A plain title (no Text) is shown as sent
    notify(users=[world["users"]["firm"]], title="给律所的消息")
    with translation.override("en"):
        assert Notification.objects.latest("id").shown_title == "给律所的消息"


def test_a_role_grant_reads_in_the_auditors_language(client, world, django_capture_on_commit_callbacks):
    # Given a grant made while Chinese is active, told to an auditor
    from lvxie.access.services import role_assign
    from lvxie.accounts.choices import Role
    from tests.factories import make_user

    auditor = make_user(Role.AUDITOR, username="auditor-reads")
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        role_assign(
            actor=make_user(Role.SECURITY_ADMIN, username="sec-grants"),
            user=make_user(None, username="grantee"),
            role=Role.DISTRICT_ADMIN,
            region=world["regions"]["nanshan"],
        )
    client.force_login(auditor)
    # Then the auditor reads it in English, the role's label too, and in Chinese
    english, chinese = _page(client, "en"), _page(client, "zh-hans")
    assert "sec-grants gave grantee the role District administrator" in english and "授予" not in english
    assert "sec-grants 授予 grantee 角色：区级管理员" in chinese
