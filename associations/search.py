"""Finnish-aware full-text search for the association directory.

Plain snowball stemming does not serve Finnish well: it leaves `yhdistys` and
`yhdistyksen` as different stems, cannot undo consonant gradation (`liikunta`,
`liikunnan`) and does not split compounds (`mieskuoro`). So the words are
prepared in Python and PostgreSQL only stores and matches them:

* Every word of a name or description is indexed as its plain form, its
  Finnish lemma and its Swedish lemma (simplemma's dictionaries), and each
  lemma's compound tails (`mieskuoro` also gives `kuoro`, `urheiluseura` gives
  `seura`), all lower-case without diacritics. The terms live in two text
  columns; a generated `tsvector` column (config `simple`, name weighted A,
  category names and description C) with a GIN index is what queries use.
* A query word matches when any of its forms (plain, Finnish lemma, Swedish
  lemma) is a prefix of an indexed term, so `urheil` finds `urheiluseura`; or
  when the normalised name contains it (`seura` in `…urheiluseura`, through a
  trigram GIN index); or when it is one typo away from a word of the name.
* One typo (a letter wrong, missing, extra, or two letters swapped) is found
  with deletion keys, as in the SymSpell method: each name word of six letters
  or more is stored with every form that drops one letter ("typo keys", an
  array with a GIN index); a query word matches when it or one of its own
  one-letter deletions is among them. Any single edit of a word leaves a
  deletion the two share, and unlike trigram similarity this holds for short
  words and for typos in the middle of a word.
* Swedish and English words for common kinds of association ('kör', 'choir',
  'idrottsförening') also look for their Finnish words (TRANSLATIONS), and the
  names of an association's fields of activity, districts and target groups are
  indexed in all three languages.
* Rank, in three tiers: associations whose name has every query word as (the
  beginning of) a word of its own, then those whose name matches every word in
  another way (a lemma, inside a compound, one typo), then those that match
  only in the description or categories; each tier sorted by name. So a name
  match ranks above a description-only one, and "Seura Kiri" above "Palokan
  Urheiluseura" for `seura`. A word of under five letters adds a first tier:
  names that have it as a whole word ('kör' ranks Svenska kören before Korpilahden
  Kyläyhdistys, which only starts with it). The tiers read only the short name columns, and
  associations/results.py reads them along the name index, so no per-row score
  is computed over the tens of thousands of rows a common word matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_COMPOUND_PART = 4
MIN_COMPOUND_HEAD = 3
# Name words this long are stored with typo keys; query words of one letter less
# (a six-letter word typed with a letter missing) are looked up.
TYPO_MIN_LENGTH = 6
# Trigram indexes serve substrings of three letters or more.
MIN_SUBSTRING_LENGTH = 3
MAX_QUERY_WORDS = 8
# A query word shorter than this is first looked for as a whole word of names, then as
# the start of one ('kör' finds kören before Korpilahti).
SHORT_WORD_LENGTH = 5
# How much of one text the index reads: the description's limit, and a word count
# that keeps the terms far below PostgreSQL's 1 MB tsvector even for a text stored
# before the limit (or written past it) and made of long unique words.
MAX_INDEXED_CHARACTERS = 5000
MAX_INDEXED_WORDS = 1000


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics: 'Jyväskylän Åbo' -> 'jyvaskylan abo'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


@lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=language).lower()


@lru_cache(maxsize=200_000)
def _is_known(word: str) -> bool:
    import simplemma

    return simplemma.is_known(word, lang="fi")


@lru_cache(maxsize=200_000)
def compound_tails(lemma: str) -> tuple[str, ...]:
    """Later parts of a Finnish compound: 'kaupunginosayhdistys' -> ('osayhdistys', 'yhdistys').

    A split counts when both the head and the tail are words the dictionary
    knows, which keeps accidental substrings ('urheilus' + 'eura') out.
    """
    tails = []
    for i in range(MIN_COMPOUND_HEAD, len(lemma) - MIN_COMPOUND_PART + 1):
        head, tail = lemma[:i], lemma[i:]
        if _is_known(tail) and _is_known(head):
            tails.append(tail)
    return tuple(tails)


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """Every indexed term for one word of a document."""
    lowered = word.lower()
    forms = [lowered, _lemma(lowered, "fi"), _lemma(lowered, "sv")]
    forms += compound_tails(forms[1])
    seen: dict[str, None] = {}
    for form in forms:
        for part in words(fold(form)):
            seen.setdefault(part, None)
    return tuple(seen)


def deletions(word: str) -> set[str]:
    """The word with one letter dropped, in every position."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=200_000)
def _word_typo_keys(word: str) -> tuple[str, ...]:
    folded = fold(word)
    forms = {folded, fold(_lemma(word.lower(), "fi"))}
    keys: set[str] = set()
    for form in forms:
        if len(form) >= TYPO_MIN_LENGTH and form.isalpha():
            keys.add(form)
            keys |= deletions(form)
    return tuple(sorted(keys))


def typo_keys(*texts: str) -> list[str]:
    """Typo keys of the long words in some texts (see the module docstring)."""
    keys: set[str] = set()
    for text in texts:
        for word in words(text):
            keys.update(_word_typo_keys(word))
    return sorted(keys)


def document_terms(*texts: str) -> str:
    """The space-separated index terms for some texts, each term once.

    Only the beginning of each text is read (MAX_INDEXED_CHARACTERS, MAX_INDEXED_WORDS).
    """
    seen: dict[str, None] = {}
    for text in texts:
        for word in words((text or "")[:MAX_INDEXED_CHARACTERS])[:MAX_INDEXED_WORDS]:
            for term in word_terms(word):
                seen.setdefault(term, None)
    return " ".join(seen)


@dataclass(frozen=True)
class QueryWord:
    folded: str  # what the person typed, folded
    forms: tuple[str, ...]  # folded plain form and lemmas, each matched as a prefix

    @property
    def typo_tolerant(self) -> bool:
        return len(self.folded) >= TYPO_MIN_LENGTH - 1 and self.folded.isalpha()

    @property
    def typo_keys(self) -> list[str]:
        """The word and its one-letter deletions, compared with the stored typo keys."""
        return sorted({self.folded} | deletions(self.folded))

    @property
    def tsquery(self) -> str:
        return "(" + " | ".join(f"'{form}':*" for form in self.forms) + ")"


# Swedish and English words for what associations are and do, with the Finnish words
# their names use: names are mostly Finnish, so 'kör' or 'choir' alone would miss the
# city's choirs. Keys and values are folded (see fold()); each value is looked for as
# one more form of the word. Extend it as residents' searches show the need.
TRANSLATIONS: dict[str, tuple[str, ...]] = {
    # Swedish
    "kor": ("kuoro",),
    "korer": ("kuoro",),
    "scout": ("partio",),
    "scouter": ("partio",),
    "scoutkar": ("partio",),
    "idrott": ("urheilu", "liikunta"),
    "idrottsforening": ("urheiluseura",),
    "idrottsklubb": ("urheiluseura",),
    "forening": ("yhdistys", "seura"),
    "klubb": ("kerho",),
    "orkester": ("orkesteri",),
    "teater": ("teatteri",),
    "dans": ("tanssi",),
    "ungdom": ("nuoriso", "nuoret"),
    "pensionarer": ("elakelaiset", "seniori"),
    "invandrare": ("maahanmuuttaja",),
    "invanare": ("asukas",),
    "idrottslag": ("urheiluseura",),
    # English
    "choir": ("kuoro",),
    "choirs": ("kuoro",),
    "scouts": ("partio",),
    "sports": ("urheilu", "liikunta"),
    "sport": ("urheilu", "liikunta"),
    "club": ("kerho", "seura"),
    "association": ("yhdistys",),
    "society": ("seura", "yhdistys"),
    "orchestra": ("orkesteri",),
    "band": ("yhtye",),
    "theatre": ("teatteri",),
    "theater": ("teatteri",),
    "dance": ("tanssi",),
    "youth": ("nuoriso", "nuoret"),
    "pensioners": ("elakelaiset",),
    "seniors": ("seniori", "elakelaiset"),
    "residents": ("asukas",),
    "village": ("kyla",),
}


def parse_query(text: str) -> list[QueryWord]:
    """The words of a search, each with the forms to look for; at most MAX_QUERY_WORDS."""
    parsed: list[QueryWord] = []
    seen = set()
    candidates = words(text)[: MAX_QUERY_WORDS * 2]
    if any(len(word) > 1 for word in candidates):
        # A lone letter matches nearly everything as a prefix; ignore it beside real words.
        candidates = [word for word in candidates if len(word) > 1]
    for word in candidates:
        lowered = word.lower()
        folded = fold(lowered)
        if folded in seen:
            continue
        seen.add(folded)
        forms: dict[str, None] = {folded: None}
        for language in ("fi", "sv"):
            for part in words(fold(_lemma(lowered, language))):
                forms.setdefault(part, None)
        for form in list(forms):
            for translation in TRANSLATIONS.get(form, ()):
                forms.setdefault(translation, None)
        parsed.append(QueryWord(folded=folded, forms=tuple(forms)))
        if len(parsed) == MAX_QUERY_WORDS:
            break
    return parsed


FOUND_IN_NAME = "name"
FOUND_IN_CATEGORY = "category"
FOUND_IN_DESCRIPTION = "description"


def _word_in(word: QueryWord, name: str, name_keys: set[str], terms: set[str]) -> bool:
    if any(form in name for form in word.forms):
        return True
    if any(term.startswith(form) for term in terms for form in word.forms):
        return True
    return word.typo_tolerant and bool(name_keys.intersection(word.typo_keys))


def found_in(
    query_words: list[QueryWord], names: list[str], category_names: list[str]
) -> tuple[str, list[int]]:
    """Where a row that matched the search matched it, as residents would put it: its
    name (every word is in it), else its categories (every word is in them or the name),
    else its description, the only text left (the search tested these same terms).

    For categories, also which of them (their indexes in `category_names`) hold the
    words with the name.
    """
    name = fold(" ".join(names))
    name_terms = set(document_terms(*names).split())
    name_keys = set(typo_keys(*names))

    def covers(terms: set[str]) -> bool:
        return all(_word_in(word, name, name_keys, terms) for word in query_words)

    if covers(name_terms):
        return FOUND_IN_NAME, []
    each = [name_terms | set(document_terms(names_of).split()) for names_of in category_names]
    if covers(name_terms.union(*each)):
        return FOUND_IN_CATEGORY, [i for i, terms in enumerate(each) if covers(terms)]
    return FOUND_IN_DESCRIPTION, []
