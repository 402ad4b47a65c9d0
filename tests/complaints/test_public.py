"""The public complaint form and tracking page, and their API twins: the CAPTCHA (single use, offline),
the checked uploads and limits, the rate limit, and a tracking answer that says nothing when the
number or the code is wrong."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lvxie.complaints import captcha, services
from lvxie.complaints.choices import ComplaintAction, ComplaintStatus
from lvxie.complaints.models import Complaint
from tests.complaints.conftest import SECRET_NAME, step

pytestmark = pytest.mark.django_db
FORM = reverse("public:complaint_form")
TRACK = reverse("public:complaint_track")


def _token(client) -> str:
    page = client.get(FORM).content.decode()
    return page.split('name="captcha_token" value="', 1)[1].split('"', 1)[0]


def _post(client, cw, **overrides):
    token = _token(client)
    data = {
        "lawyer": cw["ft_lawyer"].pk,
        "conduct": "fees",
        "facts": "收取代理费三万元后未出庭，也不退费。",
        "complainant_name": SECRET_NAME,
        "complainant_phone": "13900001111",
        "confidential": "on",
        "captcha_token": token,
        "captcha_answer": captcha.answer(token),
        **overrides,
    }
    return client.post(FORM + "?q=" + cw["ft_lawyer"].name, data)


def test_the_form_picks_the_lawyer_through_the_public_look_up(client, cw):
    page = client.get(FORM, {"q": cw["ft_lawyer"].name})
    assert page.status_code == 200
    assert f'name="lawyer" value="{cw["ft_lawyer"].pk}"' in page.content.decode()
    assert cw["ft_lawyer"].id_number not in page.content.decode()


def test_a_complaint_is_received_with_a_number_and_a_code_shown_once(client, cw):
    response = _post(client, cw, papers=SimpleUploadedFile("合同.pdf", b"%PDF-1.4 contract"))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    body = response.content.decode()
    code = body.split('id="tracking-code">', 1)[1].split("<", 1)[0]
    assert complaint.number in body and complaint.code_matches(services.normalize_code(code))
    assert complaint.confidential and complaint.files.get().name == "合同.pdf"


@pytest.mark.parametrize(
    "overrides",
    [
        {"captcha_answer": "9999"},
        {"captcha_token": "forged"},
        {"lawyer": ""},
        {"facts": ""},
        {"papers": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary\x00")},
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, cw, overrides):
    response = _post(client, cw, **overrides)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_challenge_answers_once(client, cw):
    token = _token(client)
    captcha.challenge_check(token, captcha.answer(token))
    with pytest.raises(Exception, match="验证问题回答错误"):
        captcha.challenge_check(token, captcha.answer(token))
    image = client.get(reverse("public:complaint_captcha", args=[_token(client)]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert client.get(reverse("public:complaint_captcha", args=["nope"])).status_code == 404


def test_too_many_requests_are_refused(client, cw, settings):
    settings.PUBLIC_LOOKUP_RATE = "2/60"
    client.get(FORM)
    client.get(FORM)
    assert client.get(FORM).status_code == 429
    assert client.post("/api/v1/public/complaints/captcha").status_code == 429


def _track(client, number, code):
    return client.post(TRACK, {"number": number, "code": code})


def test_tracking_shows_the_status_and_the_written_reason(client, cw, filed):
    complaint, code = filed
    step(cw["officer"], complaint, ComplaintAction.DECLINE, reason="不属于律师执业行为")
    page = _track(client, complaint.number, services.format_code(code).lower())
    body = page.content.decode()
    assert page.status_code == 200 and "不予受理" in body and "不属于律师执业行为" in body
    assert SECRET_NAME not in body and cw["officer"].username not in body


def test_a_wrong_code_or_another_cases_number_says_nothing(client, cw, filed):
    complaint, code = filed
    other = services.complaint_submit(intake=services.Intake(**{
        "lawyer": cw["ns_lawyer"], "conduct": "neglect", "facts": "另一件", "complainant_name": "乙",
    }))  # fmt: skip
    answers = [
        _track(client, complaint.number, "WRONG-CODE-0000"),
        _track(client, other.complaint.number, code),
        _track(client, "TS2026ZZZZZZ", code),
    ]
    numbers = [complaint.number, other.complaint.number, "TS2026ZZZZZZ"]
    bodies = {
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", a.content.decode()).replace(n, "")
        for a, n in zip(answers, numbers, strict=True)
    }
    assert {a.status_code for a in answers} == {400}
    assert len(bodies) == 1  # one and the same answer
    body = bodies.pop()
    assert "没有与该编号和查询码相符的投诉" in body
    for leak in (cw["ft_lawyer"].name, cw["ns_lawyer"].name, "已接收", "complaint-status"):
        assert leak not in body


def test_the_public_api_has_the_same_checks(client, cw, filed):
    challenge = client.post("/api/v1/public/complaints/captcha").json()
    assert client.get(challenge["image_url"]).status_code == 200
    data = {
        "lawyer_id": cw["ft_lawyer"].pk, "conduct": "fees", "facts": "未出庭", "complainant_name": "丙",
        "captcha_token": challenge["token"], "captcha_answer": "wrong",
    }  # fmt: skip
    refused = client.post("/api/v1/public/complaints", data)
    assert refused.status_code == 422 and refused.json()["detail"][0]["code"] == "captcha"
    data["captcha_token"] = client.post("/api/v1/public/complaints/captcha").json()["token"]
    data["captcha_answer"] = captcha.answer(data["captcha_token"])
    papers = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 contract")
    made = client.post("/api/v1/public/complaints", {**data, "files": papers})
    assert made.status_code == 201, made.content
    receipt = made.json()
    # The papers sent with it are kept, as the form keeps them.
    assert Complaint.objects.get(number=receipt["number"]).files.get().name == "合同.pdf"
    found = client.post(
        "/api/v1/public/complaints/track", {"number": receipt["number"], "code": receipt["code"]},
        content_type="application/json",
    )  # fmt: skip
    assert found.status_code == 200 and found.json()["status"] == ComplaintStatus.RECEIVED
    complaint, code = filed
    for number, given in ((complaint.number, "WRONG"), (receipt["number"], code), ("TS2026ZZZZZZ", code)):
        answer = client.post(
            "/api/v1/public/complaints/track",
            {"number": number, "code": given},
            content_type="application/json",
        )
        assert answer.status_code == 404 and answer.json() == {"detail": "没有与该编号和查询码相符的投诉。"}
