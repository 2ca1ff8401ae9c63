"""How long ago, in words, on the desk: no stray space in any language, though Django's
Finnish catalogue ends "kuukautta" with one."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from yhdistystori.templatetags.ages import ago

NOW = datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("Europe/Helsinki"))
EIGHT_MONTHS_AND_A_WEEK = NOW - timedelta(days=8 * 30 + 4 + 7)
TWO_MONTHS = NOW - timedelta(days=61)


@pytest.mark.parametrize(
    ("language", "when", "expected"),
    [
        ("fi", EIGHT_MONTHS_AND_A_WEEK, "8\xa0kuukautta, 1\xa0viikko sitten"),
        ("fi", TWO_MONTHS, "2\xa0kuukautta sitten"),
        ("sv", EIGHT_MONTHS_AND_A_WEEK, "för 8\xa0månader, 1\xa0vecka sedan"),
        ("sv", TWO_MONTHS, "för 2\xa0månader sedan"),
        ("en", EIGHT_MONTHS_AND_A_WEEK, "8\xa0months, 1\xa0week ago"),
        ("en", TWO_MONTHS, "2\xa0months ago"),
    ],
)
def test_ago_reads_without_a_stray_space(language, when, expected):
    with translation.override(language):
        assert ago(when, NOW) == expected


def test_ago_of_nothing_is_empty():
    assert ago(None) == ""
