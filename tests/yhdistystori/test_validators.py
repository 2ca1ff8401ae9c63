"""yhdistystori/validators.py: Finnish business IDs, register numbers, euro amounts, phone
numbers, postal codes and years."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from yhdistystori.validators import (
    business_id_check_digit,
    format_register_number,
    normalize_business_id,
    normalize_phone,
    normalize_register_number,
    parse_amount,
    validate_business_id,
    validate_not_in_future,
    validate_phone,
    validate_postal_code,
    validate_register_number,
)


def error_of(function, value) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        function(value)
    return caught.value


# --- Business ID (Y-tunnus) ---------------------------------------------------------
# Check digits worked by hand with weights 7, 9, 10, 5, 8, 4, 2:
#   0737546: 0+63+30+35+40+16+12 = 196, 196 mod 11 = 9, 11-9 = 2  -> 0737546-2
#   1572860: 7+45+70+10+64+24+0  = 220, 220 mod 11 = 0          -> 1572860-0
#   2331972: 14+27+30+5+72+28+4  = 180, 180 mod 11 = 4, 11-4 = 7 -> 2331972-7
#   1000008: 7+0+0+0+0+0+16      = 23,  23 mod 11 = 1           -> no valid ID


@pytest.mark.parametrize("value", ["0737546-2", "1572860-0", "2331972-7"])
def test_valid_business_id_is_accepted_as_is(value):
    assert normalize_business_id(value) == value
    validate_business_id(value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07375462", "0737546-2"),
        (" 0737546-2 ", "0737546-2"),
        ("0737 546-2", "0737546-2"),
        ("737546-2", "0737546-2"),  # the old six-digit form, padded as the registry does
    ],
)
def test_business_id_is_normalised(typed, stored):
    assert normalize_business_id(typed) == stored


def test_check_digits_follow_the_algorithm():
    assert business_id_check_digit("0737546") == 2
    assert business_id_check_digit("1572860") == 0
    assert business_id_check_digit("2331972") == 7


@pytest.mark.parametrize("value", ["0737546-3", "1572860-1", "2331972-0", "737546-3"])
def test_business_id_with_wrong_check_digit_is_rejected(value):
    error = error_of(normalize_business_id, value)
    assert error.code == "business_id_checksum"
    with translation.override("en"):
        assert "check digit does not match" in error.messages[0]
        assert value in error.messages[0]


def test_business_id_whose_remainder_is_one_has_no_valid_check_digit():
    assert business_id_check_digit("1000008") is None
    for digit in range(10):
        assert error_of(normalize_business_id, f"1000008-{digit}").code == "business_id_checksum"


@pytest.mark.parametrize(
    "value",
    ["", "abc", "073754-62", "12345678-9", "0737546_2", "0737546-", "12345-6", "Y0737546-2"],
)
def test_business_id_in_the_wrong_form_is_rejected(value):
    error = error_of(normalize_business_id, value)
    assert error.code == "business_id_format"
    with translation.override("en"):
        assert error.messages == ["Enter the business ID in the form 1234567-8."]


def test_model_validator_rejects_a_bad_business_id():
    with pytest.raises(ValidationError):
        validate_business_id("0737546-3")


# --- Register number (yhdistysrekisterinumero) --------------------------------------


@pytest.mark.parametrize("typed", ["123.456", "123 456", "123456", " 123.456 "])
def test_register_number_is_stored_as_digits(typed):
    assert normalize_register_number(typed) == "123456"


@pytest.mark.parametrize(
    ("typed", "stored"), [("1.234.567", "1234567"), ("1234567", "1234567"), ("1", "1")]
)
def test_register_numbers_of_other_lengths(typed, stored):
    assert normalize_register_number(typed) == stored


@pytest.mark.parametrize(
    "value", ["", "12a.456", "abc", "123-456", "123..456", "12.3456", "12345678", "0", "000"]
)
def test_register_number_that_is_not_digits_is_rejected(value):
    error = error_of(normalize_register_number, value)
    assert error.code == "register_number_format"
    with translation.override("en"):
        assert error.messages == ["Enter the register number as digits, for example 123.456."]


def test_model_validator_rejects_letters_in_a_register_number():
    with pytest.raises(ValidationError):
        validate_register_number("12a456")


@pytest.mark.parametrize(
    ("digits", "shown"),
    [("123456", "123.456"), ("1234567", "1.234.567"), ("123", "123"), ("1000", "1.000"), ("", "")],
)
def test_register_number_is_shown_the_way_the_register_prints_it(digits, shown):
    assert format_register_number(digits) == shown


# --- Amounts in euros ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1 234,50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1.234,50", "1234.50"),
        ("12.5", "12.50"),
        ("1234.50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),  # non-breaking space, as spreadsheets copy it
        ("1 234 567,89", "1234567.89"),
        ("1.234", "1234.00"),  # a dot before three digits separates thousands
        ("100 €", "100.00"),
        ("250€", "250.00"),
        ("0,5", "0.50"),
        ("0", "0.00"),
    ],
)
def test_amount_written_the_finnish_way(typed, amount):
    assert parse_amount(typed) == Decimal(amount)
    assert str(parse_amount(typed)) == amount


@pytest.mark.parametrize(
    "value", ["abc", "", "  ", "12,345", "1,234.50", "1 234.50", ",5", "1234,567", "12e3", "€"]
)
def test_amount_that_cannot_be_read_is_rejected(value):
    error = error_of(parse_amount, value)
    assert error.code == "amount_format"
    with translation.override("en"):
        assert error.messages == ["Enter an amount in euros, for example 1 234,50."]


@pytest.mark.parametrize("value", ["-5", "-1 234,50", "-0,01", "-0"])
def test_negative_amount_is_rejected(value):
    error = error_of(parse_amount, value)
    assert error.code == "amount_negative"
    with translation.override("en"):
        assert error.messages == ["The amount cannot be negative."]


# --- Phone numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "050 123 4567",
        "0501234567",
        "+358 50 123 4567",
        "+358501234567",
        "014 266 0103",
        "(014) 266 0103",
        "09-123 4567",
        "09 1234 567",
        "+358 (0)50 123 4567",
        "0800 12345",
        "+46 8 123 456 78",
    ],
)
def test_phone_numbers_as_people_type_them_are_kept_as_typed(typed):
    assert normalize_phone(typed) == typed
    validate_phone(typed)


def test_phone_number_is_trimmed_and_its_spaces_made_single():
    assert normalize_phone("  050   123\t4567 ") == "050 123 4567"


@pytest.mark.parametrize(
    "value",
    [
        "soita illalla",
        "050 123 4567 (Matti)",
        "050-ABC-4567",
        "050 123 4567 tai 040 765 4321",
        "050 123 4567, 040 765 4321",
        "+358 50 123 4567 +358",
        "050--123 4567",
        "12345",  # too short
        "50 123 4567",  # neither 0 nor + first
        "0" * 13,  # too long
        "+1 23",
        "+358 50 123 4567 890 1234",
        "++358 50 123 4567",
        "050 123 4567 ext. 12",
        "<script>",
        "",
    ],
)
def test_phone_number_with_letters_or_garbage_is_rejected(value):
    error = error_of(normalize_phone, value)
    assert error.code == "phone_format"


def test_phone_number_error_is_in_the_persons_language():
    with translation.override("fi"):
        finnish = error_of(validate_phone, "soita").messages[0]
    with translation.override("sv"):
        swedish = error_of(validate_phone, "soita").messages[0]
    with translation.override("en"):
        english = error_of(validate_phone, "soita").messages[0]
    assert english.startswith("Enter a phone number")
    assert "050 123 4567" in finnish and "050 123 4567" in swedish
    assert len({finnish, swedish, english}) == 3


# --- Postal code and year ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["40100", "00100", "99999"])
def test_five_digit_postal_codes_are_accepted(value):
    validate_postal_code(value)


@pytest.mark.parametrize("value", ["4010", "401000", "40 100", "FI-40100", "abcde", "٤٠١٠٠"])
def test_other_postal_codes_are_refused_in_the_users_language(value):
    with translation.override("fi"):
        assert error_of(validate_postal_code, value).messages == [
            "Kirjoita postinumero viitenä numerona, esimerkiksi 40100."
        ]


def test_a_year_up_to_this_one_is_accepted_and_a_later_one_refused():
    this_year = timezone.localdate().year
    validate_not_in_future(this_year)
    validate_not_in_future(1985)
    with translation.override("sv"):
        assert error_of(validate_not_in_future, this_year + 1).messages == [
            f"Året kan inte vara senare än i år ({this_year})."
        ]
