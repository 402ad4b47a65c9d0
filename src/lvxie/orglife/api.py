"""Organizational life over HTTP, for the Party side only (404 for everyone else), through the same
selectors and services as the pages: meetings (list, plan, read with attendance — an audited read —
edit, attendance, files up and down, held or cancelled, the record as PDF), an organization's standing,
year of records (.xlsx) and calendar feed, the statistics of a subtree, the frequency rules, task lists
(create, add and remove items, publish, completion) and an organization's answers to them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from lvxie.core.api import (
    DETAIL_ERRORS,
    PARTY_CREATE_ERRORS,
    PARTY_READ_ERRORS,
    UPDATE_ERRORS,
    Input,
    Page,
    PartyOrgRef,
    RegionRef,
    page,
    register_error_codes,
)
from lvxie.core.scoping import scope_of
from lvxie.core.uploads import file_response
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Lawyer, Region

from . import forms, ical, records, selectors, services
from .choices import AnswerState, AttachmentKind, MeetingKind, MeetingStatus, Period, Presence, TaskListStatus
from .lists import MEETINGS
from .models import Meeting, TaskItem, TaskList, TaskRecipient

router = Router(tags=["orglife"])

register_error_codes(
    "orglife",
    (
        "both",
        "bad_kind",
        "bad_period",
        "bad_presence",
        "cancelled",
        "chair_is_recorder",
        "due_outside",
        "ends_before_start",
        "future",
        "leave_reason",
        "month_closed",
        "no_attendance",
        "no_items",
        "no_recipients",
        "not_member",
        "not_month",
        "not_on_list",
        "other_kind",
        "other_month",
        "other_org",
        "published",
        "reason_required",
        "region_outside",
        "required",
        "stale",
        "transition",
        "unknown_action",
    ),
)


def _party_side(request: HttpRequest) -> None:
    if not scope_of(request.user).party_side:
        raise Http404


class LawyerRef(Schema):
    id: int
    name: str


class MeetingOut(Schema):
    id: int
    org: PartyOrgRef
    kind: MeetingKind
    status: MeetingStatus
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    topic: str
    first_agenda: str
    chair: LawyerRef | None
    recorder: LawyerRef | None
    reason: str
    version: int


class AttendanceOut(Schema):
    lawyer: LawyerRef
    presence: Presence
    reason: str

    @staticmethod
    def resolve_lawyer(obj) -> dict:
        return {"id": obj.membership.lawyer_id, "name": obj.membership.lawyer.name}


class AttachmentOut(Schema):
    id: int
    kind: AttachmentKind
    name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class MeetingDetailOut(MeetingOut):
    minutes: str
    attendance: list[AttendanceOut]
    rate: float | None
    files: list[AttachmentOut]

    @staticmethod
    def resolve_files(obj: Meeting):
        return list(obj.attachments.all())

    @staticmethod
    def resolve_attendance(obj: Meeting):
        return list(selectors.attendance_of(obj))

    @staticmethod
    def resolve_rate(obj: Meeting):
        return selectors.meeting_rate(obj)


class MeetingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MeetingOut]


MeetingFilters = MEETINGS.api_schema("MeetingFilters")


class MeetingIn(Input):
    org_id: int
    kind: MeetingKind
    date: dt.date
    topic: str
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    first_agenda: str = ""
    chair_id: int | None = None
    recorder_id: int | None = None
    minutes: str = ""


class MeetingChangeIn(Input):
    version: int
    reason: str = ""
    kind: MeetingKind | None = None
    date: dt.date | None = None
    topic: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str | None = None
    first_agenda: str | None = None
    chair_id: int | None = None
    recorder_id: int | None = None
    minutes: str | None = None


class LineIn(Input):
    lawyer_id: int
    presence: Presence
    reason: str = ""


class AttendanceIn(Input):
    version: int
    lines: list[LineIn]
    reason: str = ""


class StepIn(Input):
    version: int
    reason: str = ""


class CellOut(Schema):
    start: dt.date
    end: dt.date
    label: str
    held: int
    state: str


class RuleOut(Schema):
    kind: MeetingKind
    period: Period
    times: int


class StandingOut(Schema):
    rule: RuleOut
    cells: list[CellOut]


class RuleIn(Input):
    period: Period
    times: int


class RuleFigureOut(Schema):
    rule: RuleOut
    orgs: int
    met: int
    behind: int


class StatisticsOut(Schema):
    year: int
    orgs: int
    rules: list[RuleFigureOut]
    by_kind_month: dict[str, list[int]]
    attendance: dict[str, float | None]
    present: int
    expected: int
    rate: float | None


class TaskItemOut(Schema):
    id: int
    seq: int
    kind: MeetingKind
    topic: str
    materials: str
    due: dt.date


class TaskListOut(Schema):
    id: int
    region: RegionRef
    month: dt.date
    title: str
    status: TaskListStatus
    audience_region: RegionRef | None
    org_kinds: list[str]
    items: list[TaskItemOut]

    @staticmethod
    def resolve_items(obj: TaskList):
        return list(obj.items.all())


class ProgressOut(Schema):
    id: int
    org: PartyOrgRef
    month: dt.date
    title: str
    items: int
    done: int
    explained: int
    complete: bool

    @staticmethod
    def resolve_month(obj) -> dt.date:
        return obj.task_list.month

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.task_list.title

    @staticmethod
    def resolve_complete(obj) -> bool:
        return selectors.is_complete(obj)


class CompletionOut(Schema):
    label: str
    recipients: int
    complete: int
    items: int
    done: int
    explained: int


class TaskListCompletionOut(Schema):
    task_list: TaskListOut
    organizations: list[ProgressOut]
    districts: list[CompletionOut]


class TaskListIn(Input):
    region_id: int
    month: dt.date
    title: str
    audience_region_id: int | None = None
    org_kinds: list[str] = []


class TaskItemIn(Input):
    kind: MeetingKind
    topic: str
    due: dt.date
    materials: str = ""


class AnswerOut(Schema):
    item: TaskItemOut
    state: AnswerState
    meeting_id: int | None
    reason: str


class RecipientOut(ProgressOut):
    answers: list[AnswerOut]

    @staticmethod
    def resolve_answers(obj: TaskRecipient):
        return [
            {
                "item": row.item,
                "state": row.state,
                "meeting_id": row.answer.meeting_id if row.answer else None,
                "reason": row.answer.reason if row.answer else "",
            }
            for row in selectors.recipient_items(obj)
        ]


class RecipientPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProgressOut]


class AnswerIn(Input):
    meeting_id: int | None = None
    reason: str = ""


class YearQuery(Schema):
    year: int | None = None


class StatisticsQuery(Schema):
    year: int | None = None
    region_id: int | None = None


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    _party_side(request)
    return get_object_or_404(
        selectors.meeting_list(request.user).select_related("chair", "recorder"), pk=meeting_id
    )


def _org(request: HttpRequest, org_id: int) -> PartyOrg:
    _party_side(request)
    return get_object_or_404(PartyOrg.objects.visible_to(request.user), pk=org_id)


def _lawyer(lawyer_id: int | None) -> Lawyer | None:
    # Whether the person is on the roll is the service's check (a field error, not a 404).
    return None if lawyer_id is None else Lawyer.objects.filter(pk=lawyer_id).first()


def _year(value: int | None) -> int:
    return value if value and 2000 <= value <= 2100 else timezone.localdate().year


@router.get("/orglife/meetings", response={200: MeetingPage, **PARTY_READ_ERRORS}, summary="List meetings")
def orglife_meeting_list(request: HttpRequest, filters: Query[MeetingFilters]):  # type: ignore[valid-type]  # built from the list's definition
    _party_side(request)
    return page(MEETINGS.api_query(request.user, filters).items, filters)


@router.post(
    "/orglife/meetings", response={201: MeetingDetailOut, **PARTY_CREATE_ERRORS}, summary="Plan a meeting"
)
def orglife_meeting_plan(request: HttpRequest, payload: MeetingIn):
    org = _org(request, payload.org_id)
    data = payload.model_dump(exclude={"org_id", "chair_id", "recorder_id"})
    meeting = services.meeting_plan(
        actor=request.user,
        org=org,
        chair=_lawyer(payload.chair_id),
        recorder=_lawyer(payload.recorder_id),
        **data,
    )
    services.read(actor=request.user, org=org, what="api_meeting")
    return Status(201, meeting)


@router.get(
    "/orglife/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **DETAIL_ERRORS},
    summary="Get a meeting with its attendance (an audited read)",
)
def orglife_meeting_detail(request: HttpRequest, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    services.read(actor=request.user, org=meeting.org, what="api_meeting")
    return meeting


@router.patch(
    "/orglife/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    summary="Change a meeting",
)
def orglife_meeting_edit(request: HttpRequest, meeting_id: int, payload: MeetingChangeIn):
    meeting = _meeting(request, meeting_id)
    data = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    for name in ("chair", "recorder"):
        if f"{name}_id" in data:
            data[name] = _lawyer(data.pop(f"{name}_id"))
    services.meeting_edit(
        actor=request.user, meeting=meeting, version=payload.version, reason=payload.reason, **data
    )
    return _meeting(request, meeting_id)


@router.put(
    "/orglife/meetings/{meeting_id}/attendance",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    summary="Record a meeting's attendance (members of the roll not given are absent)",
)
def orglife_meeting_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn):
    meeting = _meeting(request, meeting_id)
    services.attendance_record(
        actor=request.user,
        meeting=meeting,
        lines=[services.Line(line.lawyer_id, line.presence, line.reason) for line in payload.lines],
        version=payload.version,
        reason=payload.reason,
    )
    return _meeting(request, meeting_id)


# Before the `{action}` route below, which would take "files" and "record.pdf" for actions.
@router.post(
    "/orglife/meetings/{meeting_id}/files",
    response={201: list[AttachmentOut], **UPDATE_ERRORS},
    summary="Attach photos, the sign-in sheet or materials to a meeting (multipart: kind, uploads)",
)
def orglife_meeting_files(
    request: HttpRequest,
    meeting_id: int,
    kind: Form[str],
    uploads: File[list[UploadedFile] | None] = None,
):
    """`kind`: `photo`, `sign_in` or `other` (materials); each file checked by what its bytes are
    (PDF, DOCX, XLSX, PNG, JPEG, GIF, TXT), all refused if one is."""
    meeting = _meeting(request, meeting_id)
    # The page's form, so the checks are the page's.
    form = forms.FilesForm(
        {"kind": kind}, MultiValueDict({"uploads": list(uploads or [])}), actor=request.user
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.attachment_add(
        actor=request.user,
        meeting=meeting,
        uploads=form.cleaned_data["uploads"],
        kind=form.cleaned_data["kind"],
    )
    return Status(201, list(meeting.attachments.all()))


@router.get(
    "/orglife/meetings/{meeting_id}/record.pdf",
    response={200: None, **DETAIL_ERRORS},
    summary="A meeting's record as PDF (an audited read)",
)
def orglife_meeting_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    services.read(actor=request.user, org=meeting.org, what="pdf")
    return records.meeting_pdf(meeting)


@router.post(
    "/orglife/meetings/{meeting_id}/{action}",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    summary="Record a meeting as held (`hold`) or cancel it (`cancel`, with a reason)",
)
def orglife_meeting_transition(request: HttpRequest, meeting_id: int, action: str, payload: StepIn):
    meeting = _meeting(request, meeting_id)
    services.meeting_transition(
        actor=request.user, meeting=meeting, action=action, version=payload.version, reason=payload.reason
    )
    return _meeting(request, meeting_id)


def _rule(rule: selectors.Rule) -> dict:
    return {"kind": rule.kind, "period": rule.period, "times": rule.times}


@router.get(
    "/orglife/orgs/{org_id}/standing",
    response={200: list[StandingOut], **DETAIL_ERRORS},
    summary="An organization's standing against each rule per month or quarter of a year",
)
def orglife_org_standing(request: HttpRequest, org_id: int, query: Query[YearQuery]):
    org = _org(request, org_id)
    rows = selectors.standing(org, _year(query.year), timezone.localdate())
    return [{"rule": _rule(rule), "cells": cells} for rule, cells in rows]


@router.get(
    "/orglife/orgs/{org_id}/calendar.ics",
    response={200: None, **DETAIL_ERRORS},
    summary="An organization's meetings as an iCalendar feed (text/calendar)",
)
def orglife_org_calendar(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    services.read(actor=request.user, org=org, what="ical")
    return ical.ical_response(org)


@router.get(
    "/orglife/files/{file_id}",
    response={200: None, **DETAIL_ERRORS},
    summary="Download a meeting's file (an audited read)",
)
def orglife_meeting_file(request: HttpRequest, file_id: int) -> FileResponse:
    _party_side(request)
    stored = get_object_or_404(selectors.attachment_list(request.user), pk=file_id)
    services.read(actor=request.user, org=stored.meeting.org, what="file")
    return file_response(stored)


@router.get(
    "/orglife/orgs/{org_id}/records.xlsx",
    response={200: None, **DETAIL_ERRORS},
    summary="An organization's year of meeting records as .xlsx (an audited read)",
)
def orglife_org_records(request: HttpRequest, org_id: int, query: Query[YearQuery]) -> HttpResponse:
    org = _org(request, org_id)
    services.read(actor=request.user, org=org, what="records_xlsx")
    return records.year_response(request.user, org, _year(query.year))


@router.get(
    "/orglife/statistics",
    response={200: StatisticsOut, **DETAIL_ERRORS},
    summary="Statistics of a subtree: organizations meeting each rule, meetings by kind, attendance",
)
def orglife_statistics(request: HttpRequest, query: Query[StatisticsQuery]):
    _party_side(request)
    region = selectors.stats_region(request.user, query.region_id)
    stats = selectors.statistics(request.user, _year(query.year), timezone.localdate(), region=region)
    return {
        "year": stats.year,
        "orgs": stats.orgs,
        "rules": [
            {"rule": _rule(f.rule), "orgs": f.orgs, "met": f.met, "behind": f.behind} for f in stats.rules
        ],
        "by_kind_month": stats.by_kind_month,
        "attendance": stats.attendance,
        "present": stats.present,
        "expected": stats.expected,
        "rate": stats.rate,
    }


@router.get(
    "/orglife/rules",
    response={200: list[RuleOut], **PARTY_READ_ERRORS},
    summary="The frequency rules in force",
)
def orglife_rule_list(request: HttpRequest):
    _party_side(request)
    return [_rule(r) for r in selectors.rules()]


@router.put(
    "/orglife/rules/{kind}",
    response={200: list[RuleOut], **UPDATE_ERRORS},
    summary="Set a rule (the city committee)",
)
def orglife_rule_set(request: HttpRequest, kind: MeetingKind, payload: RuleIn):
    _party_side(request)
    services.rule_set(actor=request.user, kind=kind, period=payload.period, times=payload.times)
    return [_rule(r) for r in selectors.rules()]


def _task_list(request: HttpRequest, list_id: int) -> TaskList:
    _party_side(request)
    return get_object_or_404(selectors.tasklist_list(request.user), pk=list_id)


def _completion(task_list: TaskList) -> dict:
    recipients, districts = selectors.completion(task_list)
    return {"task_list": task_list, "organizations": recipients, "districts": districts}


@router.get(
    "/orglife/task-lists/{list_id}",
    response={200: TaskListCompletionOut, **DETAIL_ERRORS},
    summary="A committee's task list with its completion by organization and district",
)
def orglife_tasklist_detail(request: HttpRequest, list_id: int):
    return _completion(_task_list(request, list_id))


def _region(request: HttpRequest, region_id: int | None) -> Region | None:
    """A region of the caller's Party committee scope (404 otherwise)."""
    return (
        None if region_id is None else get_object_or_404(selectors.stats_regions(request.user), pk=region_id)
    )


@router.post(
    "/orglife/task-lists",
    response={201: TaskListCompletionOut, **PARTY_CREATE_ERRORS},
    summary="Create a draft task list",
)
def orglife_tasklist_create(request: HttpRequest, payload: TaskListIn):
    _party_side(request)
    region = _region(request, payload.region_id)
    assert region is not None
    task_list = services.tasklist_create(
        actor=request.user,
        region=region,
        month=payload.month,
        title=payload.title,
        audience_region=_region(request, payload.audience_region_id),
        org_kinds=payload.org_kinds,
    )
    return Status(201, _completion(task_list))


@router.post(
    "/orglife/task-lists/{list_id}/items",
    response={201: TaskListCompletionOut, **PARTY_CREATE_ERRORS},
    summary="Add an item to a draft task list",
)
def orglife_tasklist_item_add(request: HttpRequest, list_id: int, payload: TaskItemIn):
    task_list = _task_list(request, list_id)
    services.tasklist_item_add(actor=request.user, task_list=task_list, **payload.model_dump())
    return Status(201, _completion(task_list))


@router.delete(
    "/orglife/task-lists/{list_id}/items/{item_id}",
    response={200: TaskListCompletionOut, **UPDATE_ERRORS},
    summary="Remove an item from a draft task list",
)
def orglife_tasklist_item_remove(request: HttpRequest, list_id: int, item_id: int):
    task_list = _task_list(request, list_id)
    item = get_object_or_404(task_list.items, pk=item_id)
    services.tasklist_item_remove(actor=request.user, item=item)
    return _completion(task_list)


@router.post(
    "/orglife/task-lists/{list_id}/publish",
    response={200: TaskListCompletionOut, **UPDATE_ERRORS},
    summary="Publish a task list to its organizations",
)
def orglife_tasklist_publish(request: HttpRequest, list_id: int):
    task_list = _task_list(request, list_id)
    services.tasklist_publish(actor=request.user, task_list=task_list)
    return _completion(_task_list(request, list_id))


@router.get(
    "/orglife/org-task-lists",
    response={200: RecipientPage, **PARTY_READ_ERRORS},
    summary="The published task lists of the organizations the caller sees, with their progress",
)
def orglife_recipient_list(request: HttpRequest, filters: Query[Page]):
    _party_side(request)
    return page(selectors.recipient_list(request.user).order_by("-task_list__month", "org__path"), filters)


def _recipient(request: HttpRequest, recipient_id: int) -> TaskRecipient:
    _party_side(request)
    return get_object_or_404(selectors.recipient_list(request.user), pk=recipient_id)


@router.get(
    "/orglife/org-task-lists/{recipient_id}",
    response={200: RecipientOut, **DETAIL_ERRORS},
    summary="An organization's task list, item by item",
)
def orglife_recipient_detail(request: HttpRequest, recipient_id: int):
    return _recipient(request, recipient_id)


@router.put(
    "/orglife/org-task-lists/{recipient_id}/items/{item_id}",
    response={200: RecipientOut, **UPDATE_ERRORS},
    summary="Answer an item: the meeting that fulfils it, or why not",
)
def orglife_recipient_answer(request: HttpRequest, recipient_id: int, item_id: int, payload: AnswerIn):
    recipient = _recipient(request, recipient_id)
    item = get_object_or_404(TaskItem, pk=item_id, task_list_id=recipient.task_list_id)
    meeting = None
    if payload.meeting_id is not None:
        meeting = get_object_or_404(selectors.meeting_list(request.user), pk=payload.meeting_id)
    services.task_answer(
        actor=request.user, recipient=recipient, item=item, meeting=meeting, reason=payload.reason
    )
    return _recipient(request, recipient_id)
