"""Forms of the organizational-life pages: they read input (scoped choices); the services write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm, UploadsField
from lvxie.party.models import PartyOrg
from lvxie.party.policies import ORG_KEEP
from lvxie.party.policies import allowed as party_allowed
from lvxie.registry.models import Lawyer, Region

from .choices import AttachmentKind, MeetingKind, Period, Presence
from .models import Meeting
from .selectors import orgs_in, roll


def _date():
    return forms.DateInput(attrs={"type": "date"})


def _time():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(ActorForm):
    """Plan a meeting (with its organization) or edit one (`instance`; the organization stays)."""

    org = forms.ModelChoiceField(label=_("Party organization"), queryset=PartyOrg.objects.none())
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    date = forms.DateField(label=_("Date"), widget=_date())
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=_time())
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=_time())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    first_agenda = forms.CharField(
        label=_("First agenda item"),
        max_length=300,
        required=False,
        help_text=_("The study of the first agenda item (第一议题) at this meeting."),
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=Lawyer.objects.none(), required=False)
    recorder = forms.ModelChoiceField(label=_("Recorder"), queryset=Lawyer.objects.none(), required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=300,
        required=False,
        help_text=_("Needed once the meeting's month is closed; kept beside the record."),
    )

    def __init__(self, *args, instance: Meeting | None = None, org: PartyOrg | None = None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        actor = self.actor
        if instance is not None:
            del self.fields["org"]
            org = instance.org
            for name in (
                "kind",
                "date",
                "start_time",
                "end_time",
                "place",
                "topic",
                "first_agenda",
                "minutes",
            ):
                self.fields[name].initial = getattr(instance, name)
            self.fields["chair"].initial = instance.chair_id
            self.fields["recorder"].initial = instance.recorder_id
        else:
            del self.fields["reason"]
            keeps = [o.pk for o in orgs_in(actor) if party_allowed(actor, ORG_KEEP, o)]
            self.fields["org"].queryset = PartyOrg.objects.filter(pk__in=keeps)
            if org is not None:
                self.fields["org"].initial = org.pk
        # The people of the roll today (the service checks the roll on the meeting's date).
        members = Lawyer.objects.none()
        if org is not None:
            members = Lawyer.objects.filter(pk__in=roll(org, _today()).values("lawyer_id"))
        elif instance is None:
            members = Lawyer.objects.filter(
                party_memberships__org__in=self.fields["org"].queryset,
                party_memberships__ended_on__isnull=True,
            )
        self.fields["chair"].queryset = members.order_by("name_pinyin")
        self.fields["recorder"].queryset = members.order_by("name_pinyin")


def _today():
    from django.utils import timezone

    return timezone.localdate()


class AttendanceForm(ActorForm):
    """One choice (and a reason for a leave) per member of the roll on the meeting's date."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=300,
        required=False,
        help_text=_("Needed once the meeting's month is closed; kept beside the record."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        recorded = {a.membership_id: a for a in meeting.attendance.all()}
        self.members = list(roll(meeting.org, meeting.date).select_related("lawyer", "lawyer__firm"))
        self.rows = []
        for m in self.members:
            done = recorded.get(m.pk)
            presence = forms.ChoiceField(
                label=m.lawyer.name,
                choices=Presence.choices,
                widget=forms.RadioSelect,
                initial=done.presence if done else Presence.PRESENT,
            )
            why = forms.CharField(
                label=_("Reason for leave"),
                max_length=200,
                required=False,
                initial=done.reason if done else "",
            )
            self.fields[f"p_{m.lawyer_id}"] = presence
            self.fields[f"r_{m.lawyer_id}"] = why
            self.rows.append((m, f"p_{m.lawyer_id}", f"r_{m.lawyer_id}"))

    def bound_rows(self):
        return [(m, self[p], self[r]) for m, p, r in self.rows]

    def lines(self):
        from .services import Line

        data = self.cleaned_data
        return [Line(m.lawyer_id, data[p], data[r]) for m, p, r in self.rows]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class FilesForm(ActorForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    uploads = UploadsField(label=_("Files"))


class RuleForm(ActorForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    times = forms.IntegerField(label=_("Times"), min_value=0, max_value=31, help_text=_("0: no rule."))


class TaskListForm(ActorForm):
    region = forms.ModelChoiceField(label=_("Issuing committee's region"), queryset=Region.objects.none())
    month = forms.DateField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m", "%Y-%m-%d"]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    audience_region = forms.ModelChoiceField(
        label=_("Organizations of region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Empty: the whole region of the committee."),
    )
    org_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organization"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every kind but the industry committees."),
    )

    def __init__(self, *args, **kwargs):
        from lvxie.core.scoping import path_q, scope_of
        from lvxie.party.choices import OrgKind

        super().__init__(*args, **kwargs)
        paths = scope_of(self.actor).party_region_paths
        regions = Region.objects.filter(path_q("path", paths)) if paths else Region.objects.none()
        self.fields["region"].queryset = regions
        self.fields["audience_region"].queryset = regions
        self.fields["org_kinds"].choices = OrgKind.choices


class TaskItemForm(ActorForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    materials = forms.CharField(
        label=_("Materials"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due = forms.DateField(label=_("Due"), widget=_date())


class AnswerForm(forms.Form):
    fields: dict[str, Any]
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    reason = forms.CharField(label=_("Why not done"), max_length=300, required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
