"""Validators and normalisers for Finnish identifiers, addresses and amounts, shared by
every app.

Each `normalize_*` function returns the canonical form or raises ValidationError
with a message for the person who typed the value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID = re.compile(r"^(\d{6,7})-?(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(body: str) -> int | None:
    """The Y-tunnus check digit for seven digits, or None when no valid digit exists."""
    remainder = sum(int(d) * w for d, w in zip(body, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalize_business_id(value: str) -> str:
    """'1234567-8' form of a Finnish business ID (Y-tunnus), checksum verified.

    Old IDs with six digits are padded with a leading zero, as the registry does.
    """
    cleaned = re.sub(r"\s+", "", value or "")
    match = _BUSINESS_ID.match(cleaned)
    if not match:
        raise ValidationError(
            _("Enter the business ID in the form 1234567-8."), code="business_id_format"
        )
    body, check = match.group(1).zfill(7), int(match.group(2))
    if business_id_check_digit(body) != check:
        raise ValidationError(
            _("The business ID %(value)s is not valid: its check digit does not match."),
            code="business_id_checksum",
            params={"value": value},
        )
    return f"{body}-{check}"


def validate_business_id(value: str) -> None:
    normalize_business_id(value)


_REGISTER_NUMBER = re.compile(r"^\d{1,3}(?:[.\s]?\d{3})*$")


def normalize_register_number(value: str) -> str:
    """Digits of an association register number (yhdistysrekisterinumero).

    People write it as 123.456, 123 456 or 123456; we store the digits.
    """
    cleaned = (value or "").strip()
    if not cleaned or not _REGISTER_NUMBER.match(cleaned):
        raise ValidationError(
            _("Enter the register number as digits, for example 123.456."),
            code="register_number_format",
        )
    digits = re.sub(r"\D", "", cleaned)
    if len(digits) > 7 or int(digits) == 0:
        raise ValidationError(
            _("Enter the register number as digits, for example 123.456."),
            code="register_number_format",
        )
    return str(int(digits))


def validate_register_number(value: str) -> None:
    normalize_register_number(value)


def format_register_number(digits: str) -> str:
    """123456 -> 123.456, the way the register prints it."""
    if not digits:
        return ""
    return f"{int(digits):,}".replace(",", ".")


_AMOUNT = re.compile(r"^-?\d{1,3}(?:[ \u00a0.]?\d{3})*(?:,\d{1,2})?$|^-?\d+(?:[.,]\d{1,2})?$")


def parse_amount(value: str) -> Decimal:
    """A euro amount written the Finnish way ('1 234,50', '1234,5', '1234.50') as Decimal."""
    cleaned = (value or "").strip().removesuffix("€").strip()
    if not _AMOUNT.match(cleaned):
        raise ValidationError(
            _("Enter an amount in euros, for example 1 234,50."), code="amount_format"
        )
    if "," in cleaned:
        cleaned = cleaned.replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
        # "1.234" is a thousands separator, "12.5" a decimal point.
        if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", cleaned):
            cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("Enter an amount in euros, for example 1 234,50."), code="amount_format"
        ) from None
    if amount.is_signed():  # also "-0", which would otherwise be kept as Decimal("-0.00")
        raise ValidationError(_("The amount cannot be negative."), code="amount_negative")
    return amount.quantize(Decimal("0.01"))


# Digits and the separators people type: "050 123 4567", "+358 50 123 4567",
# "(014) 266 0103", "09-123 4567". An area code may stand in brackets, and
# "+358 (0)50 …" is common enough to accept as well.
_PHONE = re.compile(r"^(?:\+\d{1,3}[ -]?)?(?:\(\d{1,5}\)[ -]?)?\d(?:[ -]?\d)*$")
_PHONE_DOMESTIC_DIGITS = range(6, 13)  # 0800 12345 … 050 123 45678
_PHONE_INTERNATIONAL_DIGITS = range(8, 16)  # E.164: at most 15 digits


def normalize_phone(value: str) -> str:
    """A phone number as typed, trimmed and with runs of spaces made one.

    Accepts Finnish numbers (starting with 0) and international ones (starting
    with +), written with spaces, hyphens and an area code in brackets. The number
    is kept as the person wrote it: people read their own grouping best.
    """
    cleaned = " ".join((value or "").split())
    digits = re.sub(r"\D", "", cleaned)
    if cleaned.startswith("+"):
        valid_length = len(digits) in _PHONE_INTERNATIONAL_DIGITS
    else:
        valid_length = digits.startswith("0") and len(digits) in _PHONE_DOMESTIC_DIGITS
    if not (_PHONE.match(cleaned) and valid_length):
        raise ValidationError(
            _("Enter a phone number in digits, for example 050 123 4567 or +358 50 123 4567."),
            code="phone_format",
        )
    return cleaned


def validate_phone(value: str) -> None:
    normalize_phone(value)


_POSTAL_CODE = re.compile(r"\d{5}", re.ASCII)


def validate_postal_code(value: str) -> None:
    """A Finnish postal code: five digits, leading zeros kept (00100 is Helsinki)."""
    if not _POSTAL_CODE.fullmatch(value or ""):
        raise ValidationError(
            _("Enter the postal code as five digits, for example 40100."),
            code="postal_code_format",
        )


def validate_not_in_future(year: int) -> None:
    """A year that has already begun: an association cannot be founded next year."""
    this_year = timezone.localdate().year
    if year is not None and year > this_year:
        raise ValidationError(
            _("The year cannot be later than this year, %(this_year)d."),
            code="year_in_future",
            params={"this_year": this_year},
        )
