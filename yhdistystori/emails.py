"""Emails to people, each in the recipient's own language, with plain text and HTML parts.

A message `name` ("<app>/<message>") is three templates: `emails/<name>_subject.txt`,
`emails/<name>.txt` and `emails/<name>.html` (which extends emails/base.html). Each
app names its messages in one module (for example associations/emails.py). They are rendered once
per recipient, under that person's language, and sent after the surrounding
transaction commits, so a rolled-back action never sends mail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = settings.LANGUAGE_CODE
    name: str = ""


def recipient(person) -> Recipient:
    """A user (with `email` and `language`) or a bare address as a Recipient."""
    if isinstance(person, Recipient):
        return person
    if isinstance(person, str):
        return Recipient(email=person, language=translation.get_language() or "fi")
    return Recipient(
        email=person.email,
        language=getattr(person, "language", "") or settings.LANGUAGE_CODE,
        name=person.get_full_name() if hasattr(person, "get_full_name") else "",
    )


def render_message(name: str, context: dict, to: Recipient) -> EmailMultiAlternatives:
    with translation.override(to.language):
        context = {
            **context,
            "recipient": to,
            "site_url": settings.SITE_URL,
            "LANGUAGE_CODE": to.language,
        }
        subject = " ".join(_render_plain(f"emails/{name}_subject.txt", context).split())
        text = _render_plain(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to.email])
    message.attach_alternative(html, "text/html")
    return message


def _render_plain(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping.

    Subjects and text bodies are not HTML: "Kahvi & Kakku ry" must stay as typed,
    not become "Kahvi &amp; Kakku ry". Only the .html part is escaped.
    """
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))


def send(name: str, *, to: Iterable, context: dict | None = None) -> int:
    """Queue message `name` to each recipient (users or addresses). Returns how many.

    Each is rendered under its recipient's language when the transaction commits;
    templates make links from `site_url` and `{% url %}`, which then carry that
    language. One message that fails to render or send does not stop the others.
    """
    recipients = []
    seen = set()
    for person in to:
        r = recipient(person)
        if r.email and r.email.lower() not in seen:
            seen.add(r.email.lower())
            recipients.append(r)
    if not recipients:
        return 0
    context = dict(context or {})

    def render_and_send():
        for r in recipients:
            try:
                render_message(name, context, r).send()
            except Exception:  # one bad address or a mail server hiccup must not stop the rest
                logger.exception("Could not send email %s to %s", name, r.email)

    after_commit(render_and_send)
    return len(recipients)


def after_commit(func) -> None:
    transaction.on_commit(func)
