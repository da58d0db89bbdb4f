"""What happens to each table hanging on a membership when its person is erased (Art. 17).

The membership stays as a nameless placeholder (no account, no occupation), so the program's
totals keep the person's sums; everything that could name the person or that only served
them goes. A unit test checks that every table erased with a membership is listed here, so a
new one cannot slip past the erasure.
"""

from __future__ import annotations

from typing import Literal

Fate = Literal["kept", "cleared", "deleted"]

# table -> (fate, what is cleared or why it is kept)
ON_ERASURE: dict[str, tuple[Fate, str]] = {
    "posts": ("cleared", "link, hashtags, topic and note; date, platform, format and figures stay"),
    "post_metric_snapshots": ("kept", "figures only, of posts that have no link any more"),
    "post_rollups": ("kept", "monthly sums: they are what keeps the totals"),
    "outcomes": ("cleared", "note; the kind of outcome and its date stay"),
    "applicant_questions": ("kept", "questions about the job, without who asked or noted them"),
    "inbound_requests": ("cleared", "who asked and note; kind, channel, dates and state stay"),
    "learning_progress": ("cleared", "comment; state and rating stay for the module figures"),
    "meeting_invitations": (
        "cleared",
        "answer link; invitations without recorded attendance are deleted",
    ),
    "team_members": ("kept", "team totals; the team has no name of the person"),
    "group_periods": ("kept", "cohort and team figures by day; no name of the person"),
    "group_edges": ("kept", "months in which a group changed; no name of the person"),
    "briefing_reads": ("kept", "read rates of briefings"),
    "nudge_preferences": ("deleted", "served only the person"),
    "report_subscriptions": ("deleted", "served only the person"),
    "support_notes": ("deleted", "notes about the person"),
    "follower_readings": ("kept", "counts and dates only: the program's follower totals"),
    "social_profiles": ("deleted", "links to the person's own accounts"),
}
