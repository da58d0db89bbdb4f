"""The "who sees what" table of the transparency page and the annex
(botschaft/transparency/visibility.py) against the authorization matrix: the table must not
claim that an audience sees less than the code lets it see, nor more."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from botschaft.transparency.visibility import AUDIT_ACTIONS, CATEGORIES, RIGHTS, Level, operations
from tests.authz.test_matrix import OPERATIONS, RULES

# The matrix caller that stands for each audience.
CALLER = {
    "self": "influencer",
    "peers": "peer_influencer",
    "core_team": "core_team",
    "hr_viewer": "hr_viewer",
    "admin": "admin",
}
BACKEND = Path(__file__).parents[2] / "backend" / "botschaft"


def test_every_named_operation_exists():
    assert operations() <= OPERATIONS.keys(), operations() - OPERATIONS.keys()


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.code)
def test_an_audience_that_sees_a_category_may_call_its_operations(category):
    for audience, (level, ops) in category.access.items():
        caller = "applicant" if category.code == "application" and audience == "self" else None
        caller = caller or CALLER[audience]
        if level == Level.none:
            assert not ops, f"{category.code}: {audience} sees nothing but names operations"
            continue
        assert ops, f"{category.code}: {audience} sees something; name the operations"
        for op in ops:
            assert caller in RULES[op].allowed, f"{category.code}: {caller} may not call {op}"


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.code)
def test_an_audience_that_sees_less_is_refused_what_shows_individuals(category):
    individual = {
        op for level, ops in category.access.values() if level == "individual" for op in ops
    }
    aggregate = {
        op for level, ops in category.access.values() if level == "aggregate" for op in ops
    }
    for audience, (level, own_ops) in category.access.items():
        caller = CALLER[audience]
        if level == Level.individual:
            continue
        refused = individual - set(own_ops)
        if level == Level.none:
            refused |= aggregate
        for op in refused:
            assert caller not in RULES[op].allowed, (
                f"{category.code}: the table says {audience} sees {level}, but {caller} may "
                f"call {op}; correct the table or the access rule"
            )


def test_every_right_names_operations_the_person_can_use():
    for right in RIGHTS:
        assert right.operations
        assert set(right.operations) <= OPERATIONS.keys()


def _audited_actions() -> set[str]:
    """The action names of every audit call in the code: the string constants in the first
    arguments of calls named `record` or `record_now` (conditional names included)."""
    found = set()
    for path in BACKEND.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in ("record", "record_now"):
                continue
            for arg in node.args[:2]:
                for const in ast.walk(arg):
                    value = getattr(const, "value", None)
                    if isinstance(value, str) and re.fullmatch(r"[a-z_]+\.[a-z_]+", value):
                        found.add(value)
    return found


def test_the_annex_lists_every_audited_action():
    """Every action the code writes to the audit log is in AUDIT_ACTIONS (and described in
    both languages), so the annex's list cannot fall behind."""
    found = _audited_actions()
    assert {"auth.login_failed", "user.deactivated"} <= found, "the scan misses audit calls"
    assert found <= set(AUDIT_ACTIONS), (
        f"audited but not in the annex: {found - set(AUDIT_ACTIONS)}"
    )
    assert set(AUDIT_ACTIONS) <= found, (
        f"in the annex but never audited: {set(AUDIT_ACTIONS) - found}"
    )

    from botschaft.transparency import texts

    for action in AUDIT_ACTIONS:
        assert set(texts.AUDIT_ACTIONS[action]) == {"de", "en"}, action
