"""Notices' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    work_field,
)
from lvxie.core.personal_data import (
    OwnData,
    register,
    register_not_personal,
)

register(
    "notices.notice",
    {"created_by": work_field("who wrote the notice")},
    not_personal={
        "id",
        "title",
        "body",
        "sender_region",
        "status",
        "audience_kind",
        "audience_region",
        "audience_firm_kinds",
        "reply_required",
        "reply_hint",
        "reply_due",
        "late_replies_allowed",
        "created_at",
        "published_at",
        "audience_firms",
        "audience_party_orgs",
    },
    own_data=(OwnData("notices_written", "created_by", frozenset({"created_by"}), ("title",)),),
)

register(
    "notices.noticeattachment",
    {"uploaded_by": work_field("who attached the file")},
    not_personal={"id", "file", "name", "content_type", "size", "uploaded_at", "notice"},
    own_data=(OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
)

register(
    "notices.replyfile",
    {"uploaded_by": work_field("who sent the reply")},
    not_personal={"id", "file", "name", "content_type", "size", "uploaded_at", "receipt"},
    own_data=(OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
)

register_not_personal(
    "notices.receipt", "a firm's or Party organization's receipt of a notice and its reply (not a person's)"
)
