from datetime import timedelta

import pytest
from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.notices.choices import AudienceKind
from lvxie.notices.services import notice_create, notice_publish
from tests import uploads
from tests.factories import make_user
from tests.party.world import build_party_world


def write_notice(actor, region, **fields):
    """A draft from `actor`, issued by `region`, to all its firms unless told otherwise."""
    defaults = {
        "title": "关于学习贯彻座谈会精神的通知",
        "body": "# 一、学习\n\n各律师事务所要制定学习计划。",
        "sender_region": region,
        "reply_required": True,
        "reply_hint": "学习计划",
        "reply_due": timezone.localdate() + timedelta(days=7),
        "attachments": [uploads.checked(uploads.pdf("通知.pdf"))],
    }
    return notice_create(actor=actor, **{**defaults, **fields})


@pytest.fixture
def ns_firm_admin(world):
    return make_user(Role.FIRM_ADMIN, firm=world["ns_firm"], username="nsfirm")


@pytest.fixture
def published(world):
    """The city's notice to every firm of the city, published: one receipt per firm (福田, 南山)."""
    notice = write_notice(world["users"]["city"], world["regions"]["city"])
    notice_publish(actor=world["users"]["city"], notice=notice)
    return notice


@pytest.fixture
def futian_only(world):
    """The Futian district's notice to the Futian firm alone."""
    notice = write_notice(
        world["users"]["futian"],
        world["regions"]["futian"],
        audience_kind=AudienceKind.FIRMS,
        audience_firms=[world["ft_firm"]],
    )
    notice_publish(actor=world["users"]["futian"], notice=notice)
    return notice


@pytest.fixture
def party(world):
    """The hand-built Party world (see tests/party/world.py), for notices to Party organizations."""
    return build_party_world(world)
