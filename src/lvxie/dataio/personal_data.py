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
