"""Who may do what in organizational life (the shared form, lvxie.core.policy).

- An organization's meetings (plan, edit, attendance, files, hold, cancel) and its answers to task lists
  are kept by whoever keeps its records on the Party side (`party_org.keep`: its committee staff, the
  secretary of it or of an organization above it);
- task lists are written and published by the staff of the committee whose region issues them;
- the frequency rules are the city committee's: Party committee staff of a city (or a region above).

Visibility is not decided here: what the actor cannot see is a 404 before any of this is asked.
"""

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.party import policies as party_policies
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import RegionLevel
from lvxie.registry.models import Region

from .choices import MeetingAction
from .models import CalendarFeed, Meeting, TaskList, TaskRecipient

MEETING_PLAN = "orglife.meeting.plan"
MEETING_EDIT = "orglife.meeting.edit"
MEETING_HOLD = "orglife.meeting.hold"
MEETING_CANCEL = "orglife.meeting.cancel"
RULE_EDIT = "orglife.rule.edit"
TASKLIST_CREATE = "orglife.tasklist.create"
TASKLIST_EDIT = "orglife.tasklist.edit"
TASK_ANSWER = "orglife.task.answer"
FEED_RENEW = "orglife.feed.renew"
# A meeting's step (MeetingAction) → its policy action.
MEETING: dict[str, str] = {MeetingAction.HOLD: MEETING_HOLD, MeetingAction.CANCEL: MEETING_CANCEL}
# Regions whose Party committee staff are "the city committee" or above it.
CITY_LEVELS = (RegionLevel.COUNTRY, RegionLevel.PROVINCE, RegionLevel.CITY)


def _keeps(actor: Actor, org: PartyOrg) -> bool:
    return party_policies.allowed(actor, party_policies.ORG_KEEP, org)


def _meeting_plan(actor: Actor, obj: PartyOrg | None, **ctx) -> bool:
    # Without an organization: do they keep any (to offer the form)?
    if obj is None:
        return scope_of(actor).party_side
    return obj.is_active and _keeps(actor, obj)


def _meeting_keep(actor: Actor, obj: Meeting, **ctx) -> bool:
    return _keeps(actor, obj.org)


def _rule_edit(actor: Actor, obj=None, **ctx) -> bool:
    paths = scope_of(actor).party_region_paths
    return bool(paths) and Region.objects.filter(path__in=paths, level__in=CITY_LEVELS).exists()


def _tasklist_create(actor: Actor, obj: Region | None, **ctx) -> bool:
    paths = scope_of(actor).party_region_paths
    return bool(paths) if obj is None else under(obj.path, paths)


def _tasklist_edit(actor: Actor, obj: TaskList, **ctx) -> bool:
    return under(obj.region.path, scope_of(actor).party_region_paths)


def _task_answer(actor: Actor, obj: TaskRecipient, **ctx) -> bool:
    return _keeps(actor, obj.org)


def _feed_renew(actor: Actor, obj: CalendarFeed, **ctx) -> bool:
    return _keeps(actor, obj.org)


POLICY = register(
    Policy(
        {
            MEETING_PLAN: _meeting_plan,
            MEETING_EDIT: _meeting_keep,
            MEETING_HOLD: _meeting_keep,
            MEETING_CANCEL: _meeting_keep,
            RULE_EDIT: _rule_edit,
            TASKLIST_CREATE: _tasklist_create,
            TASKLIST_EDIT: _tasklist_edit,
            TASK_ANSWER: _task_answer,
            FEED_RENEW: _feed_renew,
        }
    )
)
allowed = POLICY.allowed
require = POLICY.require
