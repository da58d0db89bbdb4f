"""Who sees what: the declarative table behind the transparency page and the staff-council
annex.

Each data category names, per audience, how much of it that audience sees and the API
operations through which it does. `tests/authz/test_visibility.py` checks every row against
the authorization matrix (tests/authz/rules_*.py): an audience said to see a category must be
allowed those operations, and an audience said to see less must be refused the operations
that show individuals. So this table cannot claim less access than the code grants.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    self = "self"  # the person the data is about
    peers = "peers"  # other influencers of the program
    core_team = "core_team"
    hr_viewer = "hr_viewer"
    admin = "admin"


class Level(StrEnum):
    individual = "individual"  # each person's data, with their name
    own = "own"  # only their own
    aggregate = "aggregate"  # totals, and groups of at least the program's minimum size
    none = "none"


@dataclass(frozen=True)
class Category:
    code: str
    subjects: tuple[str, ...]  # "applicants", "influencers", "everyone"
    retention: str  # a code the annex explains with the live settings (see facts.RETENTION)
    access: dict[Audience, tuple[Level, tuple[str, ...]]]


A, L = Audience, Level
NOTHING: tuple[Level, tuple[str, ...]] = (L.none, ())

CATEGORIES: tuple[Category, ...] = (
    Category(
        "application",
        ("applicants",),
        "application",
        {
            A.self: (L.own, ("me_applications_data", "public_application_data")),
            A.peers: NOTHING,
            A.core_team: (
                L.individual,
                ("applications_list", "applications_get", "applications_export"),
            ),
            A.hr_viewer: NOTHING,
            A.admin: NOTHING,
        },
    ),
    Category(
        "account",
        ("everyone",),
        "account",
        {
            A.self: (L.own, ("me_get",)),
            A.peers: NOTHING,
            A.core_team: (L.individual, ("members_list",)),
            A.hr_viewer: NOTHING,
            A.admin: (L.individual, ("users_list", "users_get")),
        },
    ),
    # Sessions and sign-in identifiers serve the sign-in only: no operation shows them to
    # anyone (sign-ins appear in the audit log, which is its own category).
    Category(
        "sessions",
        ("everyone",),
        "sessions",
        {a: NOTHING for a in Audience},
    ),
    Category(
        "membership",
        ("influencers",),
        "membership",
        {
            A.self: (L.own, ("transparency_me",)),
            A.peers: NOTHING,
            A.core_team: (L.individual, ("members_list",)),
            A.hr_viewer: (L.aggregate, ("kpis_program",)),
            A.admin: (L.individual, ("members_list",)),
        },
    ),
    Category(
        "posts",
        ("influencers",),
        "membership",
        {
            A.self: (L.own, ("posts_get", "kpis_me")),
            A.peers: (L.aggregate, ("kpis_me",)),
            A.core_team: (L.individual, ("kpis_influencers", "posts_get")),
            A.hr_viewer: (L.aggregate, ("kpis_program", "kpis_export")),
            A.admin: NOTHING,
        },
    ),
    Category(
        "outcomes",
        ("influencers",),
        "membership",
        {
            A.self: (L.own, ("outcomes_list", "requests_list", "kpis_me")),
            A.peers: (L.aggregate, ("kpis_me",)),
            A.core_team: (L.individual, ("kpis_influencers",)),
            A.hr_viewer: (L.aggregate, ("kpis_program",)),
            A.admin: NOTHING,
        },
    ),
    Category(
        "learning",
        ("influencers",),
        "membership",
        {
            A.self: (L.own, ("modules_list",)),
            A.peers: NOTHING,
            A.core_team: (L.individual, ("modules_progress_matrix", "kpis_influencers")),
            A.hr_viewer: NOTHING,
            A.admin: NOTHING,
        },
    ),
    Category(
        "meetings",
        ("influencers",),
        "membership",
        {
            A.self: (L.own, ("meetings_list",)),
            A.peers: NOTHING,
            A.core_team: (L.individual, ("meetings_invitations", "kpis_influencers")),
            A.hr_viewer: NOTHING,
            A.admin: NOTHING,
        },
    ),
    Category(
        "audit",
        ("everyone",),
        "audit",
        {
            A.self: NOTHING,
            A.peers: NOTHING,
            A.core_team: NOTHING,
            A.hr_viewer: NOTHING,
            A.admin: (L.individual, ("audit_events_list",)),
        },
    ),
)

# Every action written to the audit log (`audit.service.record`); a test finds each action in
# the code and fails when one is missing here, so the annex lists all of them.
AUDIT_ACTIONS: tuple[str, ...] = (
    "auth.login",
    "auth.logout",
    "auth.login_failed",
    "auth.sso_refused",
    "auth.invitation_sent",
    "auth.invitation_resent",
    "auth.password_set_by_invitation",
    "auth.password_reset_requested",
    "auth.password_reset_done",
    "user.created",
    "user.role_changed",
    "user.password_set",
    "user.deactivated",
    "user.activated",
    "program.created",
    "program.member_added",
    "program.member_removed",
    "program.member_role_changed",
    "program.member_status_changed",
    "program.member_cohort_changed",
    "program.rankings_changed",
    "program.min_group_size_changed",
    "selection.confirmed",
    "selection.replaced",
    "selection.replacement_drawn",
    "data.exported",
    "application.erased",
    "applications.erased",
    "erasure.requested",
    "erasure.withdrawn",
    "account.erased",
    "transparency.annex_downloaded",
)


@dataclass(frozen=True)
class Right:
    code: str
    subjects: str
    operations: tuple[str, ...]  # how the person exercises it (checked to exist in openapi.yaml)


# How a person gets or erases their data (GDPR Art. 15, 17, 20).
RIGHTS: tuple[Right, ...] = (
    Right("applicant_access", "applicants", ("public_application_data", "me_applications_data")),
    Right("applicant_erasure", "applicants", ("public_application_erase", "me_applications_erase")),
    Right(
        "influencer_access",
        "influencers",
        ("posts_list", "kpis_me", "transparency_me", "me_data_export"),
    ),
    Right(
        "influencer_erasure",
        "influencers",
        ("my_erasure_ask", "erasure_requests_confirm", "members_remove"),
    ),
)


def operations() -> set[str]:
    """Every operation id this module names."""
    named = {op for c in CATEGORIES for _, ops in c.access.values() for op in ops}
    return named | {op for r in RIGHTS for op in r.operations}
