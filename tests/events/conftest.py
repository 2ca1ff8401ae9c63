"""Fixtures of the events' tests."""

from tests.events.meeting_fixtures import meeting, past_meeting  # noqa: F401
