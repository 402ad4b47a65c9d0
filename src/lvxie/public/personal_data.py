"""The public face's entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    NOBODY,
)
from lvxie.core.personal_data import (
    ACCOUNT,
    PersonalField,
    register,
)

register(
    "public.ratecounter",
    {
        "address": PersonalField(
            "limit the public look-up per client address (against scraping)",
            ACCOUNT,
            "until the address's next window (a minute by default), then deleted",
            NOBODY,
        )
    },
    not_personal={"period", "hits"},
    not_linked="address: a client address, kept a minute",
)
