import pytest

from tests.factories import AssociationFactory


@pytest.mark.django_db
def test_directory_lists_a_published_association(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    response = client.get("/associations/?q=kuoro")
    assert response.status_code == 200
    assert "Jyväskylän Mieskuoro ry" in response.content.decode()
