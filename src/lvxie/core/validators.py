"""Validators for the identifiers a bar association registers, plus display masks.

Each identifier carries structure that a typo usually breaks: a check character (unified social credit
code, GB 32100-2015; resident ID number, GB 11643-1999) or fixed fields (a lawyer's or law firm's
licence number). The validators reject a value with a specific ``code`` and a message saying what is
wrong, so an operator can fix the typo. They never change the value: the ``normalize_*`` functions do
that, and a form calls them in ``clean_<field>`` before validation.
"""

import operator
import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS_SUM = sum(_ID_WEIGHTS)
_ID_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# Two-digit province-level codes of GB/T 2260, including Taiwan (71), Hong Kong (81) and Macau (82).
PROVINCE_CODES = frozenset(
    f"{code:02d}"
    for code in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
    )
)
_FIRST_LAWYER_LICENCE_YEAR = 1979


def _is_digits(value: str) -> bool:
    # str.isdigit() alone accepts full-width and other non-ASCII digits.
    return value.isascii() and value.isdigit()


def _compact_upper(value: str) -> str:
    # NFKC turns full-width characters pasted from Chinese documents (９１４４, Ｘ) into ASCII.
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


# Unified social credit code (统一社会信用代码)


def normalize_credit_code(value: str) -> str:
    """Remove whitespace, fold full-width characters and upper-case."""
    return _compact_upper(value)


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code whose first 17 characters are ``first17``."""
    if len(first17) != 17 or any(char not in CREDIT_CODE_CHARSET for char in first17):
        raise ValueError(f"Expected 17 characters from {CREDIT_CODE_CHARSET}, got {first17!r}.")
    pairs = zip(first17, _CREDIT_CODE_WEIGHTS, strict=True)
    total = sum(CREDIT_CODE_CHARSET.index(char) * weight for char, weight in pairs)
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(length)d."),
            code="length",
            params={"length": len(value)},
        )
    bad = [char for char in value if char not in CREDIT_CODE_CHARSET]
    if bad and all(char.upper() in CREDIT_CODE_CHARSET for char in bad):
        raise ValidationError(
            _("Write the letters of the unified social credit code in capitals."), code="charset"
        )
    if bad:
        raise ValidationError(
            _(
                "A unified social credit code contains only digits and capital letters other than "
                "I, O, S, V and Z; it may not contain “%(chars)s”."
            ),
            code="charset",
            params={"chars": "".join(dict.fromkeys(bad))},
        )
    expected = credit_code_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "The check character of this unified social credit code is wrong: "
                "expected %(expected)s, got %(got)s."
            ),
            code="check_char",
            params={"expected": expected, "got": value[17]},
        )


# Resident ID number (居民身份证号码; also HK/Macau residence permits, 810000/820000)


def normalize_id_number(value: str) -> str:
    """Remove whitespace, fold full-width characters and write a final x as X."""
    return _compact_upper(value)


def id_number_check_char(first17: str) -> str:
    """The 18th character of an ID number whose first 17 digits are ``first17``."""
    if len(first17) != 17 or not _is_digits(first17):
        raise ValueError(f"Expected 17 digits, got {first17!r}.")
    # The digits' ASCII codes, weighted, less '0' (48) times the weights: one pass in C, not 17 int()s
    # (an import checks the ID number of every row).
    total = sum(map(operator.mul, first17.encode("ascii"), _ID_WEIGHTS)) - 48 * _ID_WEIGHTS_SUM
    return _ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(length)d."),
            code="length",
            params={"length": len(value)},
        )
    if _is_digits(value[:17]) and value[17] == "x":
        raise ValidationError(_("Write the last character of the ID number as a capital X."), code="format")
    if not (_is_digits(value[:17]) and (_is_digits(value[17]) or value[17] == "X")):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or the letter X."), code="format"
        )
    try:
        birth_date = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        birth_date = None
    if birth_date is None or not _EARLIEST_BIRTH_DATE <= birth_date <= date.today():
        raise ValidationError(
            _(
                "The birth date in this ID number, %(digits)s, is not a real date "
                "between 1900-01-01 and today."
            ),
            code="birth_date",
            params={"digits": value[6:14]},
        )
    expected = id_number_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _("The check character of this ID number is wrong: expected %(expected)s, got %(got)s."),
            code="check_char",
            params={"expected": expected, "got": value[17]},
        )


# Lawyer's practice certificate number (律师执业证号)


def lawyer_licence_year(value: str) -> int:
    """The year first licensed, digits 5-8 of a 17-digit lawyer's licence number."""
    if len(value) != 17 or not _is_digits(value):
        raise ValueError(f"Expected 17 digits, got {value!r}.")
    return int(value[4:8])


def validate_lawyer_licence_no(value: str) -> None:
    """Layout: region (4 digits), year first licensed (4), category 1-8, gender 0/1, sequence (7)."""
    if len(value) != 17 or not _is_digits(value):
        raise ValidationError(
            _("A lawyer's licence number is exactly 17 digits, with no letters or spaces."), code="format"
        )
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits of a lawyer's licence number are a province code; %(code)s is not one."),
            code="region",
            params={"code": value[:2]},
        )
    year, this_year = lawyer_licence_year(value), date.today().year
    if not _FIRST_LAWYER_LICENCE_YEAR <= year <= this_year:
        raise ValidationError(
            _(
                "Digits 5 to 8 of a lawyer's licence number are the year first licensed, "
                "between %(first)d and %(last)d; got %(year)d."
            ),
            code="year",
            params={"first": _FIRST_LAWYER_LICENCE_YEAR, "last": this_year, "year": year},
        )
    if value[8] not in "12345678":
        raise ValidationError(
            _("Digit 9 of a lawyer's licence number is the certificate category, 1 to 8; got %(digit)s."),
            code="category",
            params={"digit": value[8]},
        )
    if value[9] not in "01":
        raise ValidationError(
            _("Digit 10 of a lawyer's licence number is the gender, 0 or 1; got %(digit)s."),
            code="gender",
            params={"digit": value[9]},
        )


# Law firm's practice licence number (律师事务所执业许可证号)


def validate_firm_licence_no(value: str) -> None:
    """Layout: "3", region (4 digits), then 12 more digits."""
    if len(value) != 17 or not _is_digits(value) or value[0] != "3":
        raise ValidationError(
            _("A law firm's licence number is exactly 17 digits and starts with 3."), code="format"
        )
    if value[1:3] not in PROVINCE_CODES:
        raise ValidationError(
            _("Digits 2 and 3 of a law firm's licence number are a province code; %(code)s is not one."),
            code="region",
            params={"code": value[1:3]},
        )


# Free text (names, addresses, descriptions)

# Characters that never belong in a register's text: C0 and C1 control characters (and DEL), which break
# exports and terminals, and the bidirectional embeddings, overrides and isolates, which make a name read
# differently from what is stored ("Trojan Source"). Line breaks and tabs are allowed only in multi-line text.
_CONTROL_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
_LINE_BREAKS = frozenset("\n\r\t")


# One search instead of a loop over the characters: every name and address of an import passes here.
_ANY_CONTROL = re.compile(
    "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in _CONTROL_RANGES) + "]"
)


def _forbidden_characters(value: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    if not _ANY_CONTROL.search(value):
        return []
    return [
        char
        for char in dict.fromkeys(value)
        if char not in allowed and any(low <= ord(char) <= high for low, high in _CONTROL_RANGES)
    ]


def _refuse_characters(found: list[str]) -> None:
    if found:
        raise ValidationError(
            _(
                "Remove the invisible control or text-direction characters (%(chars)s): "
                "they can hide or reorder what the text says."
            ),
            code="control_char",
            params={"chars": ", ".join(f"U+{ord(char):04X}" for char in found)},
        )


def validate_plain_text(value: str) -> None:
    """One line of text (a name, an address): no control or bidirectional-formatting characters."""
    _refuse_characters(_forbidden_characters(value))


def validate_multiline_text(value: str) -> None:
    """Text of several lines (a description): line breaks and tabs allowed, other controls not."""
    _refuse_characters(_forbidden_characters(value, _LINE_BREAKS))


def validate_not_blank(value: str) -> None:
    """A name made only of spaces (ASCII, full-width or others) is no name. An empty value is left to the
    field's own `blank` rule."""
    if value and not value.strip():
        raise ValidationError(_("Write a name, not only spaces."), code="blank")


NAME_VALIDATORS = [validate_not_blank, validate_plain_text]


# Dates and years of the lawyers' profession

# Lawyers' practice in the PRC was restored in 1979 (the Ministry of Justice re-established that year;
# the first legal advisory offices, forerunners of today's firms, opened in 1979-1980). No lawyer can have
# been licensed, nor a firm founded, before it.
PROFESSION_RESTORED = date(_FIRST_LAWYER_LICENCE_YEAR, 1, 1)


def validate_founding_date(value: date) -> None:
    """A law firm's founding date: between the profession's restoration (1979) and today."""
    today = date.today()
    if not PROFESSION_RESTORED <= value <= today:
        raise ValidationError(
            _(
                "A law firm's founding date lies between %(first)s (when lawyers' practice was "
                "restored) and today, %(today)s; got %(value)s."
            ),
            code="founded_range",
            params={
                "first": PROFESSION_RESTORED.isoformat(),
                "today": today.isoformat(),
                "value": value.isoformat(),
            },
        )


def validate_not_future_year(value: int) -> None:
    """A year that has already happened (first licensed, for instance)."""
    this_year = date.today().year
    if value > this_year:
        raise ValidationError(
            _("This year is still to come: write %(year)d or earlier."),
            code="future_year",
            params={"year": this_year},
        )


def mask_id_number(value: str) -> str:
    """Keep the first 3 and last 4 characters; a value too short to hide anything is masked entirely."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678 for an 11-digit mobile number; otherwise only the last 4 characters stay visible."""
    if len(value) == 11 and _is_digits(value) and value[0] == "1":
        return value[:3] + "****" + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]
