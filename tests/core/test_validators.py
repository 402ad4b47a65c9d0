from collections.abc import Callable
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lvxie.core.validators import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    id_number_check_char,
    lawyer_licence_year,
    mask_id_number,
    mask_phone,
    normalize_credit_code,
    normalize_id_number,
    validate_credit_code,
    validate_firm_licence_no,
    validate_founding_date,
    validate_id_number,
    validate_lawyer_licence_no,
    validate_multiline_text,
    validate_not_blank,
    validate_not_future_year,
    validate_plain_text,
)

# Lets this module run without pytest-django (-p no:django); under pytest-django settings are configured.
if not settings.configured:
    settings.configure(USE_I18N=False)


def assert_rejected(validator: Callable[[str], None], value: str, code: str) -> str:
    """Then the validator rejects the value with this code; returns the rendered message."""
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    assert excinfo.value.code == code
    return excinfo.value.messages[0]


def with_id_check_char(first17: str) -> str:
    return first17 + id_number_check_char(first17)


# --- Unified social credit code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["9144030071526726XG", "91330100799655058B", "914403001922038216", "91110108551385082Q"],
)
def test_real_world_credit_codes_are_accepted(value):
    # Given codes of existing companies, an oracle independent of this module's arithmetic
    validate_credit_code(value)


@pytest.mark.parametrize(
    ("first17", "check"),
    [("00000000000000000", "0"), ("10000000000000000", "Y")],
    ids=["weighted sum 0 gives 0, not 31", "sum 1 gives the last charset character"],
)
def test_the_credit_code_check_char_at_the_ends_of_the_charset(first17, check):
    assert credit_code_check_char(first17) == check


@pytest.mark.parametrize(("position", "check"), list(enumerate("YWN4C5FEB26JP7M13")))
def test_each_position_is_weighted_as_in_the_standard(position, check):
    # Given a single 1 at one position, the check char is the charset's (31 - weight)th character,
    # taken from the standard's weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
    first17 = "0" * position + "1" + "0" * (16 - position)
    assert credit_code_check_char(first17) == check


def test_a_credit_code_completed_with_the_check_char_function_is_accepted():
    # Given a law-firm-like prefix (31 = judicial administration) completed with its check character
    first17 = "31440000MD0123456"
    code = first17 + credit_code_check_char(first17)
    # When / then it validates
    validate_credit_code(code)


def test_a_credit_code_with_a_wrong_last_character_names_the_expected_one():
    # Given a published code whose check character W has been mistyped as G
    message = assert_rejected(validate_credit_code, "91440300715267262G", "check_char")
    assert "expected W, got G" in message


@pytest.mark.parametrize("value", ["9144030071526726X", "9144030071526726XGG", ""])
def test_a_credit_code_that_is_not_18_characters_is_rejected_with_its_length(value):
    message = assert_rejected(validate_credit_code, value, "length")
    assert f"this one has {len(value)}" in message


def test_a_credit_code_in_lower_case_asks_for_capitals():
    message = assert_rejected(validate_credit_code, "9144030071526726xg", "charset")
    assert "capitals" in message


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_a_credit_code_with_a_letter_outside_the_charset_names_that_letter(letter):
    message = assert_rejected(validate_credit_code, f"91440300{letter}15267262G", "charset")
    assert f"“{letter}”" in message


@given(
    first17=st.text(alphabet=CREDIT_CODE_CHARSET, min_size=17, max_size=17),
    other=st.sampled_from(CREDIT_CODE_CHARSET),
)
def test_only_the_computed_check_char_validates_any_prefix(first17, other):
    # Given any 17 characters from the charset and its computed check character
    check = credit_code_check_char(first17)
    # Then the completed code validates
    validate_credit_code(first17 + check)
    # And any other last character fails on the check character
    if other != check:
        assert_rejected(validate_credit_code, first17 + other, "check_char")


@pytest.mark.parametrize("first17", ["9144030071526726", "9144030071526726x", "9144030071526726I"])
def test_the_check_char_function_refuses_a_malformed_prefix(first17):
    with pytest.raises(ValueError):
        credit_code_check_char(first17)


def test_normalizing_a_credit_code_removes_spaces_and_upper_cases():
    assert normalize_credit_code(" 9144 0300 7152\u30006726xg ") == "9144030071526726XG"
    assert normalize_credit_code("９１４４０３００７１５２６７２６ＸＧ") == "9144030071526726XG"


# --- Resident ID number --------------------------------------------------------------------------------


def test_the_example_of_the_id_number_standard_is_accepted():
    # Given the example printed in GB 11643-1999, whose check character is X
    validate_id_number("11010519491231002X")


def test_the_standards_example_born_in_1880_is_rejected_for_its_birth_date():
    # Given GB 11643-1999's other example, whose check character is right but whose holder was born in 1880
    message = assert_rejected(validate_id_number, "440524188001010014", "birth_date")
    assert "18800101" in message


def test_the_id_check_char_can_be_x():
    assert id_number_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("region", ["810000", "820000"])
def test_hong_kong_and_macau_residence_permits_are_accepted(region):
    # Given a residence permit number with the Hong Kong or Macau region prefix
    validate_id_number(with_id_check_char(f"{region}19850612003"))


def test_an_id_number_with_a_wrong_check_char_names_the_expected_one():
    message = assert_rejected(validate_id_number, "110105194912310023", "check_char")
    assert "expected X, got 3" in message


def test_an_id_number_ending_in_lower_case_x_asks_for_a_capital():
    message = assert_rejected(validate_id_number, "11010519491231002x", "format")
    assert "capital X" in message


@pytest.mark.parametrize("value", ["1101051949123100XX", "11010519491231002Y", "11010519491231００2X"])
def test_an_id_number_that_is_not_17_digits_and_a_check_char_is_rejected(value):
    assert_rejected(validate_id_number, value, "format")


@pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002X0"])
def test_an_id_number_that_is_not_18_characters_is_rejected(value):
    assert_rejected(validate_id_number, value, "length")


@pytest.mark.parametrize(
    "birth",
    [
        "19490230",
        "19491301",
        "18991231",
        f"{date.today().year + 1}0101",
    ],
    ids=["30 February", "month 13", "before 1900", "next year"],
)
def test_an_id_number_with_an_impossible_birth_date_is_rejected(birth):
    # Given an ID number whose check character is right but whose birth date is impossible
    value = with_id_check_char(f"110105{birth}002")
    message = assert_rejected(validate_id_number, value, "birth_date")
    assert birth in message


def test_an_id_number_born_on_1900_01_01_is_accepted():
    validate_id_number(with_id_check_char("11010519000101002"))


def test_normalizing_an_id_number_removes_spaces_and_capitalises_x():
    assert normalize_id_number(" 110105 19491231 002x ") == "11010519491231002X"


# --- Lawyer's licence number ---------------------------------------------------------------------------

VALID_LAWYER_LICENCE = "44032010101234567"  # Shenzhen, first licensed 2010, category 1, gender 0


@pytest.mark.parametrize(
    "value", [VALID_LAWYER_LICENCE, "81002020810000001", f"1101{date.today().year}110000001"]
)
def test_a_well_formed_lawyer_licence_number_is_accepted(value):
    validate_lawyer_licence_no(value)


def test_the_year_first_licensed_is_read_from_digits_5_to_8():
    assert lawyer_licence_year(VALID_LAWYER_LICENCE) == 2010


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("4403201010123456", "format"),  # 16 digits
        ("4403201010123456A", "format"),
        ("4403 2010101234567", "format"),
        ("99032010101234567", "region"),
        ("72032010101234567", "region"),
        ("44031978101234567", "year"),
        (f"4403{date.today().year + 1}101234567", "year"),
        ("44032010001234567", "category"),
        ("44032010901234567", "category"),
        ("44032010121234567", "gender"),
    ],
)
def test_a_lawyer_licence_number_breaking_one_rule_is_rejected_for_that_rule(value, code):
    assert_rejected(validate_lawyer_licence_no, value, code)


def test_a_lawyer_licence_year_out_of_range_names_the_year():
    message = assert_rejected(validate_lawyer_licence_no, "44031978101234567", "year")
    assert "1978" in message
    assert "1979" in message


# --- Law firm's licence number -------------------------------------------------------------------------


def test_a_well_formed_firm_licence_number_is_accepted():
    validate_firm_licence_no("34403200510123456")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("24403200510123456", "format"),  # does not start with 3
        ("3440320051012345", "format"),  # 16 digits
        ("3440320051012345X", "format"),
        ("39903200510123456", "region"),
    ],
)
def test_a_firm_licence_number_breaking_one_rule_is_rejected_for_that_rule(value, code):
    assert_rejected(validate_firm_licence_no, value, code)


# --- Masks ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [("11010519491231002X", "110***********002X"), ("", ""), ("1234567", "*******")],
)
def test_an_id_number_is_masked_but_for_its_first_3_and_last_4_characters(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13812345678", "138****5678"), ("0755-12345678", "*********5678"), ("", ""), ("110", "***")],
)
def test_a_phone_number_keeps_only_what_identifies_it_to_its_owner(value, masked):
    assert mask_phone(value) == masked


# --- Free text, founding dates, years (issue 17, item 7) ----------------------------------------------


# C0, DEL, C1, the bidirectional embeddings and overrides, the isolates.
CONTROLS = [
    "\x00",
    "\x1f",
    "\x7f",
    "\x80",
    "\x9f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


@pytest.mark.parametrize("char", CONTROLS)
def test_free_text_validators_refuse_controls_and_blank_names(char):
    assert "U+" in assert_rejected(validate_plain_text, f"张{char}斌", "control_char")
    assert_rejected(validate_multiline_text, f"第一行\n{char}", "control_char")
    assert_rejected(validate_not_blank, " \u3000\t", "blank")


def test_free_text_validators_accept_ordinary_text():
    validate_plain_text("欧阳明 (Ouyang Ming)·深南大道 1 号")
    validate_multiline_text("第一行\n第二行\r\n\t缩进")
    validate_not_blank("")  # empty is the field's own `blank` rule, not this one
    with pytest.raises(ValidationError):
        validate_plain_text("第一行\n第二行")


def test_founding_date_lies_between_1979_and_today():
    for bad in (date(1800, 1, 1), date(1978, 12, 31), date(2999, 1, 1)):
        with pytest.raises(ValidationError) as refused:
            validate_founding_date(bad)
        assert refused.value.code == "founded_range"
    validate_founding_date(date(1979, 1, 1))
    validate_founding_date(date.today())


def test_a_year_to_come_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_not_future_year(date.today().year + 1)
    assert refused.value.code == "future_year"
    validate_not_future_year(date.today().year)
