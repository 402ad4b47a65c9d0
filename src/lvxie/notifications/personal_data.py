"""Notifications' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    NOBODY,
    account_field,
)
from lvxie.core.personal_data import (
    OwnData,
    register,
)

register(
    "notifications.notification",
    {
        "recipient": account_field("whom the notification is for", NOBODY),
        "title": account_field("what it says (may name the recipient's tasks)", NOBODY),
        "body": account_field("what it says", NOBODY),
        "message": account_field("what it says, as message ids and parameters", NOBODY),
    },
    not_personal={"id", "url", "key", "created_at", "read_at"},
    own_data=(OwnData("notifications", "recipient", context=("created_at", "read_at")),),
)
