"""Reporting a listing through the public form: what is taken, what is refused and the
rate limit; the liaison's handling is tested in test_desk_decisions.py."""

import pytest

from associations.models import Association, Report
from tests.associations.conftest import messages_of, profile, url
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


# --- reports -----------------------------------------------------------------------------------


REPORT = {"reason": "inactive", "message": "Yhdistys lopetti toimintansa 2023.", "contact": ""}


def test_anyone_can_report_a_listing(client, choir):
    response = client.post(url("report", choir, "en"), REPORT, follow=True)
    report = Report.objects.get()
    assert (report.association, report.reason, report.reporter) == (choir, "inactive", None)
    assert report.language == "en"
    assert response.redirect_chain[-1][0] == profile(choir, "en")
    assert "Thank you for the report." in " ".join(messages_of(response))


def test_report_form_lists_the_reasons(client, choir):
    page = client.get(url("report", choir, "en")).content.decode()
    for reason in Report.Reason:
        assert f'value="{reason.value}"' in page
    assert "---------" not in page


def test_a_report_that_fills_the_robot_trap_is_refused(client, choir):
    response = client.post(url("report", choir), {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_report_without_a_message_is_a_400(client, choir):
    response = client.post(url("report", choir, "en"), {**REPORT, "message": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_report_of_two_letters_is_a_400_asking_for_a_few_words(client, choir):
    response = client.post(url("report", choir, "en"), {**REPORT, "message": " hm \r\n"})
    assert response.status_code == 400
    assert "Please write a few words." in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_rate_limited_per_address_and_keep_the_text(client, choir, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "report": "2/10m/ip"}
    for _n in range(2):
        assert client.post(url("report", choir), REPORT).status_code == 302
    typed = {**REPORT, "message": "Kolmas ilmoitus, jonka teksti säilyy."}
    response = client.post(url("report", choir, "en"), typed)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Kolmas ilmoitus, jonka teksti säilyy." in page
    assert "Too many reports were sent from your address" in page
    assert Report.objects.count() == 2


def test_an_unpublished_listing_cannot_be_reported_by_outsiders(client):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    assert client.get(url("report", draft)).status_code == 404
