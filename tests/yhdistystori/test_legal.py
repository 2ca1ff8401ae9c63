"""The accessibility statement and the privacy notice, the feedback link they
share, and the links to the notice from every form that asks for personal data."""

import html
import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress

from associations.models import Invitation
from tests.factories import AssociationFactory, UserFactory
from yhdistystori.models import Feedback


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def checked_topic(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="topic" value="(\w+)"[^>]*checked', page)


# --- Feedback topic chosen by the link -----------------------------------------------


@pytest.mark.django_db
def test_feedback_link_with_a_topic_ticks_that_topic(client):
    page = page_text(client.get("/en/feedback/", {"topic": "accessibility"}))
    assert checked_topic(page) == [Feedback.Topic.ACCESSIBILITY]


@pytest.mark.django_db
def test_feedback_link_with_an_unknown_topic_ticks_the_default(client):
    page = page_text(client.get("/en/feedback/", {"topic": "<script>"}))
    assert checked_topic(page) == [Feedback.Topic.OTHER]


# --- Accessibility statement -----------------------------------------------------------


@pytest.mark.django_db
def test_accessibility_statement_gives_status_dates_method_and_the_supervisor(client, settings):
    settings.ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 3, 2)
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 11, 20)
    page = page_text(client.get("/en/accessibility/"))

    assert "The service is partially compliant with the requirements" in page
    assert "Content that is not accessible" in page
    assert "prepared on 03/02/2026 and last reviewed on 11/20/2026" in page
    assert "self-assessment" in page and "axe-core" in page
    assert 'href="/en/feedback/?topic=accessibility&page=/en/accessibility/"' in page
    assert "Finnish Transport and Communications Agency Traficom" in page
    assert 'href="https://www.accessibilityrequirements.fi/"' in page
    assert 'href="mailto:saavutettavuus@traficom.fi"' in page
    assert "029 534 5000" in page


@pytest.mark.django_db
def test_accessibility_statement_in_finnish_links_to_the_finnish_supervisor_site(client):
    page = page_text(client.get("/accessibility/"))
    assert (
        '<a href="https://www.saavutettavuusvaatimukset.fi/">www.saavutettavuusvaatimukset.fi</a>'
        in page
    )
    assert "Liikenne- ja viestintävirasto Traficom" in page


@pytest.mark.django_db
def test_a_compliant_service_lists_no_shortcomings(client, settings):
    settings.ACCESSIBILITY_COMPLIANCE = "full"
    page = page_text(client.get("/en/accessibility/"))
    assert "The service is compliant with the requirements" in page
    assert "partially" not in page
    assert "Content that is not accessible" not in page


# --- Privacy notice ----------------------------------------------------------------------


@pytest.mark.django_db
def test_privacy_notice_names_the_controller_and_the_rights(client):
    page = page_text(client.get("/en/privacy/"))

    assert "<h1>Privacy notice</h1>" in page
    assert "Jyväskylän kaupunki" in page
    assert 'href="mailto:tietosuoja@jyvaskyla.fi"' in page
    assert "CC BY 4.0" in page
    assert 'href="/en/my/account/delete/"' in page
    assert 'href="https://tietosuoja.fi/en/"' in page
    assert "Data Protection Ombudsman" in page


@pytest.mark.django_db
def test_privacy_notice_shows_the_citys_own_controller(client, settings):
    settings.PRIVACY_CONTROLLER = "Kuopion kaupunki"
    settings.PRIVACY_DPO_EMAIL = "tietosuojavastaava@kuopio.example.fi"
    page = page_text(client.get("/privacy/"))
    assert "Kuopion kaupunki" in page
    assert 'href="mailto:tietosuojavastaava@kuopio.example.fi"' in page
    assert "Tietosuojaseloste" in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/associations/", "/en/feedback/"])
def test_every_page_footer_links_to_the_privacy_notice(client, path):
    footer = re.search(r"<footer.*?</footer>", page_text(client.get(path)), re.S).group(0)
    assert '<a href="/en/privacy/">Privacy notice</a>' in footer


def form_with_submit(page: str) -> list[str]:
    return [f for f in re.findall(r"<form.*?</form>", page, re.S) if 'type="submit"' in f]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_page", ["signup", "feedback", "claim", "report", "invitation", "invite", "delete"]
)
def test_every_form_that_asks_for_personal_data_links_to_the_privacy_notice(
    client, association, owner, form_page
):
    if form_page in ("claim", "invitation", "delete", "invite"):
        client.force_login(owner)
    if form_page == "invitation":
        invited = UserFactory(email="uusi@kuoro.example.fi")
        EmailAddress.objects.create(user=invited, email=invited.email, verified=True, primary=True)
        invitation, token = Invitation.new(
            association=association, email=invited.email, invited_by=owner
        )
        invitation.save()
        client.force_login(invited)
    paths = {
        "signup": "/en/accounts/signup/",
        "feedback": "/en/feedback/",
        "claim": f"/en/associations/{AssociationFactory().slug}/claim/",
        "report": f"/en/associations/{association.slug}/report/",
        "invitation": f"/en/associations/invitations/{token}/" if form_page == "invitation" else "",
        "invite": f"/en/associations/{association.slug}/editors/",
        "delete": "/en/my/account/delete/",
    }
    response = client.get(paths[form_page])
    assert response.status_code == 200
    forms = [f for f in form_with_submit(page_text(response)) if "/en/privacy/" in f]
    assert forms, "no form with a submit button links to the privacy notice"
    assert "How we handle your data" in forms[0]
