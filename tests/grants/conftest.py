import pytest

from tests.factories import GrantRoundFactory


@pytest.fixture
def grant_round(db):
    """An announced round open now, with a largest grant of 10 000 €."""
    return GrantRoundFactory(title_fi="Toiminta-avustukset 2026")
