"""Reading the file: decoding, the delimiter, the header and its column aliases."""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from associations import search

# Column name -> other accepted headers (Finnish first). Headers are compared
# case-insensitively, ignoring diacritics, spaces, dots and hyphens, so
# "Y-tunnus", "y tunnus" and "ytunnus" are all the business ID.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("nimi", "yhdistyksen nimi"),
    "alternate_name": ("muu nimi", "rinnakkaisnimi", "toinen nimi"),
    "register_number": ("rekisterinumero", "yhdistysrekisterinumero", "rek.nro"),
    "business_id": ("y-tunnus", "ytunnus"),
    "description": ("kuvaus",),
    "categories": ("toimialat", "toimiala"),
    "districts": ("alueet", "alue", "toiminta-alueet"),
    "target_groups": ("kohderyhmät", "kohderyhmä"),
    "languages": ("kielet", "toimintakielet"),
    "email": ("sähköposti", "e-mail"),
    "phone": ("puhelin", "puhelinnumero"),
    "website": ("verkkosivu", "verkkosivut", "kotisivu", "kotisivut"),
    "street_address": ("katuosoite", "osoite"),
    "postal_code": ("postinumero",),
    "municipality": ("kunta", "kotikunta"),
    "founded_year": ("perustamisvuosi",),
    "member_count": ("jäsenmäärä",),
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not UTF-8, unknown column, no name column…)."""


def _header_key(text: str) -> str:
    return "_".join(search.words(search.fold(text)))


_HEADER_ALIASES = {
    _header_key(alias): column
    for column, aliases in COLUMNS.items()
    for alias in (column, *aliases)
}


def _decode(data: bytes) -> str:
    """The text of the file: UTF-8, with or without the byte order mark Excel writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            _("The file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” and try again.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (line %(line)d has a character that UTF-8 does not "
                "allow). Save it as “CSV UTF-8” (in Excel: Save as → CSV UTF-8) and try again."
            )
            % {"line": line}
        ) from None


def _read_source(source: str | os.PathLike | bytes | IO) -> str:
    if isinstance(source, str | os.PathLike):
        return _decode(Path(source).read_bytes())
    if isinstance(source, bytes):
        return _decode(source)
    data = source.read()
    return data.removeprefix("\ufeff") if isinstance(data, str) else _decode(data)


def _read_records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows, each with the line it starts on."""
    first_line = text.split("\n", 1)[0]
    # Excel in Finland separates with ';' (the comma is the decimal mark); others use ','.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        header = next(reader, [])
        previous_end = reader.line_num
        for cells in reader:
            # A quoted cell may span lines; report the line the row starts on.
            start, previous_end = previous_end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)d cannot be read as CSV: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None
    return header, records


def _map_header(header: list[str]) -> list[str | None]:
    """Column name for each position of the header; None for a column with no header."""
    if not any(cell.strip() for cell in header):
        raise ImportFileError(_("The first line of the file must name the columns."))
    columns: list[str | None] = []
    for position, text in enumerate(header, start=1):
        if not text.strip():
            columns.append(None)
            continue
        column = _HEADER_ALIASES.get(_header_key(text))
        if column is None:
            raise ImportFileError(
                _("Unknown column “%(header)s” (column %(position)d). The columns are: %(known)s.")
                % {"header": text.strip(), "position": position, "known": ", ".join(COLUMNS)}
            )
        if column in columns:
            raise ImportFileError(
                _("The column %(column)s appears twice (“%(header)s”).")
                % {"column": column, "header": text.strip()}
            )
        columns.append(column)
    if "name" not in columns:
        raise ImportFileError(_("The file has no name column (name or nimi)."))
    return columns
