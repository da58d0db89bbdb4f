"""The facts behind the transparency page and the annex, read from the code."""

from __future__ import annotations

from botschaft.kpis.privacy import describe_hr_view
from botschaft.kpis.schemas import ProgramKpis
from botschaft.tenancy.models import Program
from botschaft.transparency import texts
from botschaft.transparency.facts import erased_with_membership
from botschaft.transparency.service import BREAKDOWN_FIELDS
from botschaft.transparency.visibility import CATEGORIES


def test_every_breakdown_hr_sees_is_placed_on_the_page():
    """A breakdown code without a KPI field would silently drop off the influencer's page."""
    hr = describe_hr_view(Program(name="P", slug="p", min_group_size=5, rankings_enabled=False))
    assert set(hr.breakdowns) <= BREAKDOWN_FIELDS.keys()
    assert set(BREAKDOWN_FIELDS.values()) <= ProgramKpis.model_fields.keys()
    assert set(hr.breakdowns) <= texts.BREAKDOWNS.keys() and set(hr.figures) <= texts.FIGURES.keys()


def test_removing_a_membership_erases_the_persons_program_data():
    gone = set(erased_with_membership())
    assert {"posts", "post_metric_snapshots", "outcomes", "learning_progress"} <= gone
    assert {"meeting_invitations", "team_members"} <= gone
    assert "users" not in gone and "programs" not in gone
    assert gone <= texts.TABLES.keys(), (
        f"tables without words in the annex: {gone - texts.TABLES.keys()}"
    )


def test_every_category_has_words_in_both_languages():
    for category in CATEGORIES:
        assert set(texts.CATEGORIES[category.code]) == set(texts.LANGS)
        assert all(len(words) == 3 for words in texts.CATEGORIES[category.code].values())
