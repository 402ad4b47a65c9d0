"""Fixtures shared with the calls tests: the call's world (three firms, two reviewers)."""

from tests.calls.conftest import cw  # noqa: F401  (a fixture, found by pytest by name)
