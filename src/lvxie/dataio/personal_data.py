"""Imports' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    NOBODY,
    REGISTRY,
    account_field,
)
from lvxie.core.personal_data import (
    STATUTORY,
    UPLOAD_RETENTION,
    OwnData,
    PersonalField,
    register,
)

register(
    "dataio.importjob",
    {
        # An uploaded spreadsheet holds many people's data, ID numbers included, until its rows are saved.
        "content": PersonalField(
            "the uploaded file, until its rows are saved",
            STATUTORY,
            UPLOAD_RETENTION,
            REGISTRY,
            sensitive=True,
        ),
        "report": PersonalField("the check's findings per row", STATUTORY, UPLOAD_RETENTION, REGISTRY),
        "created_by": account_field("who uploaded the file", NOBODY),
    },
    not_personal={
        "id",
        "kind",
        "filename",
        "status",
        "total_rows",
        "processed_rows",
        "created_at",
        "finished_at",
        "lease_token",
        "lease_expires_at",
    },
    own_data=(
        OwnData("imports", "created_by", frozenset({"created_by"}), ("kind", "filename", "created_at")),
    ),
)

register(
    "dataio.exportjob",
    {
        # A large export's file holds a list's people (ID numbers and phones masked unless an unmasked
        # export was allowed), for its creator alone, until it is deleted after its time.
        "file": PersonalField(
            "a large export's file, for its creator to download",
            STATUTORY,
            "LVXIE_EXPORT_KEEP_HOURS (24 hours), then deleted by the scheduled job dataio.exports_expire",
            REGISTRY,
            sensitive=True,
        ),
        "created_by": account_field("who exported the list", NOBODY),
    },
    not_personal={
        "id",
        "what",
        "query",
        "fmt",
        "unmasked",
        "language",
        "status",
        "total_rows",
        "processed_rows",
        "size",
        "error",
        "created_at",
        "updated_at",
        "finished_at",
    },
    own_data=(OwnData("exports", "created_by", frozenset({"created_by"}), ("what", "fmt", "created_at")),),
)
