"""Alphabetical order as Finns and Swedes read it, for lists sorted in Python.

The Finnish and Swedish alphabets end in å, ä, ö, after z; other accented letters sort
with their base letter (é with e, ü with y as in Finnish dictionaries). The database's
C collation cannot do this, so short lists shown to people (districts, say) are sorted
with this key.
"""

from __future__ import annotations

import unicodedata

_NORDIC = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def sort_key(text: str) -> str:
    """A key that sorts `text` in Finnish/Swedish alphabetical order, ignoring case."""
    nordic = text.lower().translate(_NORDIC)
    decomposed = unicodedata.normalize("NFKD", nordic)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
