"""What a search asks of an association row, as Q objects (see associations/search.py
for how the words are prepared, and associations/results.py for how pages read them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

from associations import search


@dataclass(frozen=True)
class SearchConditions:
    """What a search asks of a row (see associations/search.py)."""

    matches: Q  # the row matches every word
    in_name: Q  # every word matches the name itself
    starts_name_words: Q  # ... and starts a word of the name, not only a compound's tail
    # ... and each short word is a whole word of the name (or its lemma): None when the
    # search has no short word. A short word starts many unrelated words ('kör' starts
    # Korpilahti): those come after the names that have it as a word.
    whole_name_words: Q | None = None

    @property
    def rank_tiers(self) -> list[Q]:
        """Disjoint conditions in rank order: whole name words, name words they start,
        other name matches, the rest."""
        tiers = [
            self.starts_name_words,
            self.in_name & ~self.starts_name_words,
            ~self.in_name,
        ]
        if self.whole_name_words is None:
            return tiers
        whole = self.whole_name_words
        return [whole, tiers[0] & ~whole, tiers[1] & ~whole, tiers[2]]


def search_conditions(text: str) -> SearchConditions | None:
    """The conditions of a search, or None when `text` has no words."""
    query_words = search.parse_query(text)
    if not query_words:
        return None
    matches, in_name, starts, whole = Q(), Q(), Q(), Q()
    for word in query_words:
        # For each form of the word (as typed, its lemmas):
        # - the name contains it: inside a compound, too ('kuoron' finds 'Aamukuoro'
        #   through 'kuoro' even where the dictionary cannot split it);
        # - a name term starts with it, which is what the tsvector's name part
        #   (weight A) would match;
        # - a word of the name starts with it.
        name_contains, name_terms, starts_word = Q(), Q(), Q()
        short_starts_word = Q()  # starts_word of forms too short for name_contains
        for form in word.forms:
            starts = Q(search_name__startswith=form) | Q(search_name__contains=f" {form}")
            starts_word |= starts
            if len(form) >= search.MIN_SUBSTRING_LENGTH:
                name_contains |= Q(search_name__contains=form)
            else:
                short_starts_word |= starts
            # One regular expression rather than two LIKEs: a single scan of the trigram
            # index, whose entries for a common word are many.
            name_terms |= Q(search_terms_name__regex=rf"(^| ){re.escape(form)}")
        one_typo_off = Q()
        if word.typo_tolerant:
            one_typo_off = Q(search_typo_keys__overlap=word.typo_keys)
        in_vector = Q(search_vector=SearchQuery(word.tsquery, search_type="raw", config="simple"))
        # When a broad word makes PostgreSQL read every row, it tests these left to
        # right and stops at the first hit, so the order is by cost per row: the
        # substring is cheapest, the typo-key overlap dearest (~2 µs) and rarely true.
        if len(word.folded) < search.SHORT_WORD_LENGTH:
            whole &= Q(
                *(Q(search_terms_name__regex=rf"(^| ){re.escape(f)}( |$)") for f in word.forms),
                _connector=Q.OR,
            )
        else:
            whole &= starts_word
        matches &= name_contains | in_vector | one_typo_off
        # A name that starts a word with the form contains it: starts_word adds nothing
        # to name_contains but an index scan, except for the shortest forms.
        in_name &= name_contains | name_terms | one_typo_off | short_starts_word
        starts &= starts_word
    # Every tier is a subset of the one before it, by construction: PostgreSQL then
    # needs only the tier's own indexes to find its rows.
    short = any(len(word.folded) < search.SHORT_WORD_LENGTH for word in query_words)
    return SearchConditions(
        matches=matches,
        in_name=in_name,
        starts_name_words=starts,
        whole_name_words=whole if short else None,
    )
