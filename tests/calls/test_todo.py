"""待办 of calls: a unit's people see the submission they still have to send (a draft, or a returned one to
correct) with the call's deadline; a named reviewer sees the accepted submissions still to score (not
one a conflict rules out); nobody sees another unit's or another call's; the home page lists them."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

from lvxie.accounts.choices import Role
from lvxie.calls import services
from lvxie.workflow.todo import todos_for
from tests.calls.conftest import VALUES, make_call, points, sub
from tests.factories import make_user

SEND, FIX, SCORE = "Submission to send", "Returned: submission to correct", "Submission to score"


def calls_todos(actor):
    """The actor's to-dos from calls (their kinds read in English)."""
    with translation.override("en"):
        return [t for t in todos_for(actor) if t.kind in (SEND, FIX, SCORE)]


def todo_section(page: str) -> str:
    start = page.index('<section class="todo"')
    return page[start : page.index("</section>", start)]


def test_a_units_people_see_their_own_submission_to_send_with_the_calls_deadline(cw, opened):
    # Given an open call to firms A, B, C: each administrator sees their own draft, due on the deadline
    for key in ("a", "b", "c"):
        found = calls_todos(cw["admins"][key])
        assert [t.title for t in found] == [f"{opened.title} · {cw['firms'][key].name}"]
        assert found[0].kind == SEND and found[0].due == opened.deadline
        assert opened.deadline.isoformat() in found[0].label
        assert found[0].url == sub(opened, cw["firms"][key]).get_absolute_url()
    # When A submits, it leaves A's list; B's and C's are unchanged (never another unit's)
    a = sub(opened, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    assert calls_todos(cw["admins"]["a"]) == []
    assert [t.title for t in calls_todos(cw["admins"]["b"])] == [f"{opened.title} · {cw['firms']['b'].name}"]
    # When the issuer returns it, A sees it again, to correct
    services.submission_return(actor=cw["issuer"], submission=a, reason="请补充判决书")
    assert [t.kind for t in calls_todos(cw["admins"]["a"])] == [FIX]
    # A firm outside the call, the issuer and the reviewers have nothing to send
    outsider = make_user(Role.FIRM_ADMIN, firm=cw["ft_firm"], username="admin_out")
    for user in (outsider, cw["issuer"], *cw["reviewers"]):
        assert [t for t in calls_todos(user) if t.kind in (SEND, FIX)] == [], user.username


def test_a_closed_call_asks_only_for_the_returned_submissions(cw, opened):
    a, b = sub(opened, cw["firms"]["a"]), sub(opened, cw["firms"]["b"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    services.submission_return(actor=cw["issuer"], submission=a, reason="请补充判决书")
    services.call_close(actor=cw["issuer"], call=opened)
    # A returned submission may still be sent again; a draft no longer can
    assert [t.kind for t in calls_todos(cw["admins"]["a"])] == [FIX]
    assert calls_todos(cw["admins"]["b"]) == [] and b.status == "draft"


def test_a_reviewer_sees_the_accepted_submissions_still_to_score_of_their_calls_only(cw, accepted):
    r1, r2 = cw["reviewers"]
    # Given three accepted submissions: each reviewer has three to score, oldest accepted first
    expected = [f"{accepted.title} · {key}案" for key in ("a", "b", "c")]
    for reviewer in (r1, r2):
        found = calls_todos(reviewer)
        assert [t.title for t in found] == expected and {t.kind for t in found} == {SCORE}
        assert found[0].url == reverse("calls:review", args=[sub(accepted, cw["firms"]["a"]).pk])
    # When reviewer1 scores A's, it leaves reviewer1's list only
    services.score_submit(actor=r1, submission=sub(accepted, cw["firms"]["a"]), points=points())
    assert [t.title for t in calls_todos(r1)] == expected[1:]
    assert [t.title for t in calls_todos(r2)] == expected
    # A city user who is no reviewer of the call, and the issuer, have nothing to score
    other = make_user(Role.CITY_ADMIN, region=cw["regions"]["city"], username="not_a_reviewer")
    for user in (other, cw["issuer"], cw["admins"]["a"]):
        assert [t for t in calls_todos(user) if t.kind == SCORE] == [], user.username


def test_a_reviewer_never_sees_a_submission_a_conflict_rules_out(cw):
    # Given a call whose reviewers include a lawyer of firm A, every submission accepted
    call = make_call(cw, reviewers=[*cw["reviewers"], cw["conflicted"]])
    services.call_open(actor=cw["issuer"], call=call)
    for key in ("a", "b"):
        s = sub(call, cw["firms"][key])
        values = {**VALUES, "case_name": f"{key}案"}
        services.submission_save(actor=cw["admins"][key], submission=s, values=values)
        services.submission_submit(actor=cw["admins"][key], submission=s)
        services.submission_accept(actor=cw["issuer"], submission=s)
    # Then the conflicted reviewer is asked to score B's only
    assert [t.title for t in calls_todos(cw["conflicted"])] == [f"{call.title} · b案"]


def test_a_published_call_asks_nothing_more(cw, accepted):
    for s in accepted.submissions.all():
        for reviewer in cw["reviewers"]:
            services.score_submit(actor=reviewer, submission=s, points=points())
    services.result_publish(actor=cw["issuer"], call=accepted)
    for user in (*cw["reviewers"], *cw["admins"].values()):
        assert calls_todos(user) == [], user.username


def test_the_home_page_lists_a_units_submission_and_a_reviewers_scores(client, cw, accepted):
    other = make_call(cw, title="2026年度优秀案例征集", deadline=accepted.deadline + dt.timedelta(days=1))
    services.call_open(actor=cw["issuer"], call=other)
    client.force_login(cw["admins"]["a"])
    page = client.get(reverse("home")).content.decode()
    section = todo_section(page)
    assert "2026年度优秀案例征集" in section and "a案" not in section  # A's first call is sent
    client.force_login(cw["reviewers"][0])
    section = todo_section(client.get(reverse("home")).content.decode())
    assert "a案" in section and "b案" in section and "c案" in section and "2026年度" not in section
