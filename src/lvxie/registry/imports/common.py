"""Lookups shared by the kinds: districts and firms by what a sheet writes for them."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from lvxie.core.chinese import to_simplified
from lvxie.core.lookups import chunks
from lvxie.core.types import Actor
from lvxie.core.validators import credit_code_check_char, normalize_credit_code
from lvxie.dataio.kinds.base import RowError, visible

from ..choices import RegionLevel
from ..models import LawFirm, Region
from ..selectors import districts_for

# The templates' examples pass the checks they illustrate (core/validators.py), or the product's own
# template would be refused by its import. A lawyer's licence number: region 4403, first licensed 2015
# (the example's 首次执业年份), certificate category 1, gender digit 1, sequence 0000001. A law firm's
# credit code: registered by justice administration (31), region 440300, organization code MD0000001,
# then its GB 32100 check character.
LAWYER_LICENCE_EXAMPLE = f"4403{2015}{1}{1}{1:07d}"
_CREDIT_CODE_BODY = "31440300MD0000001"
CREDIT_CODE_EXAMPLE = _CREDIT_CODE_BODY + credit_code_check_char(_CREDIT_CODE_BODY)


def _folded_name(text: str) -> str:
    """A firm's name as a sheet writes it, folded like the stored search key (name_simplified)."""
    return "".join(to_simplified(text).split()).lower()


class Places:
    """The districts and firms the actor may see, by code and by (simplified) name. Given the texts a
    file writes for them (`firms`, `districts`), only those are looked up: a national administrator's
    200-row file reads its few firms, not the country's 39,000."""

    def __init__(
        self,
        actor: Actor | None,
        *,
        firms: Iterable[str] | None = None,
        districts: Iterable[str] | None = None,
    ):
        self.districts: dict[str, Region] = {}
        wanted = None if districts is None else {text for text in districts if text.strip()}
        if wanted is None or wanted:  # no district named: none read
            found = (
                Region.objects.filter(level=RegionLevel.DISTRICT) if actor is None else districts_for(actor)
            )
            for region in found:
                self.districts[region.code] = region
                self.districts[to_simplified(region.name)] = region
        self.firms: dict[str, LawFirm] = {}
        visible_firms = visible(LawFirm, actor).select_related("region")
        if firms is None:
            for firm in visible_firms:
                self.firms[firm.credit_code] = firm
                self.firms.setdefault(firm.name_simplified, firm)
            return
        texts = {text for text in firms if text.strip()}
        # Every visible firm of a name comes in one query, in the default order: the first wins, as above.
        for field, keys in (
            ("credit_code", {normalize_credit_code(text) for text in texts}),
            ("name_simplified", {_folded_name(text) for text in texts}),
        ):
            for chunk in chunks(keys):
                for firm in visible_firms.filter(**{f"{field}__any_of": chunk}):
                    self.firms.setdefault(getattr(firm, field), firm)

    def district(self, column: str, text: str) -> Region:
        region = self.districts.get(to_simplified(text.strip()))
        if region is None:
            raise RowError(
                [
                    (
                        column,
                        _("Unknown district “%(value)s”: write a district name or code in your scope.")
                        % {"value": text},
                    )
                ]
            )
        return region

    def firm(self, column: str, text: str) -> LawFirm:
        firm = self.firms.get(normalize_credit_code(text)) or self.firms.get(_folded_name(text))
        if firm is None:
            raise RowError(
                [
                    (
                        column,
                        _("Unknown law firm “%(value)s”: write its credit code or exact name, as registered.")
                        % {"value": text},
                    )
                ]
            )
        return firm
