"""What Botschaft holds about one person (GDPR Art. 15 and 20), section by section: one
statement each, the person's own rows only. tests/api/test_my_data.py checks that every column
pointing at a person is exported here or named in NOT_EXPORTED with its reason."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select

from botschaft.audit.models import AuditEvent
from botschaft.auth.models import UserSession
from botschaft.briefings.models import Briefing, BriefingRead
from botschaft.calls.models import Application, ApplicationReview, Call
from botschaft.erasure.models import ErasureRequest
from botschaft.files.models import StoredFile
from botschaft.followers.models import FollowerReading, SocialProfile
from botschaft.identity.models import User, UserIdentity
from botschaft.inbox.models import InboundRequest
from botschaft.influencers.models import SupportNote
from botschaft.learning.models import Module, ModuleProgress
from botschaft.meetings.models import CalendarFeed, Meeting, MeetingInvitation
from botschaft.nudges.models import NudgePreference
from botschaft.posts.models import Outcome, Post, PostMetricSnapshot
from botschaft.programs.models import GroupPeriod
from botschaft.questions.models import ApplicantQuestion
from botschaft.reports.models import ReportSubscription
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.models import Cohort, Program, ProgramMembership

# (table, column) pointing at a person that the export leaves out, and why.
NOT_EXPORTED = {
    ("account_tokens", "user_id"): "only digests of single-use links, worthless after use",
    ("account_tokens", "created_by"): "who sent someone an invitation: in the audit log",
    ("selection_rounds", "confirmed_by"): "the core team's work on a round: in the audit log",
    ("selection_runs", "created_by"): "a technical record of a calculation",
    ("selection_replacements", "created_by"): "the core team's work on a round: in the audit log",
    ("post_rollups", "member_id"): "monthly sums of the posts, which are exported",
    ("posts", "created_by"): "who typed in a post (also for others): the posts are exported",
    ("outcomes", "created_by"): "who typed in an outcome: the outcomes are exported",
    ("post_metric_snapshots", "recorded_by"): "who typed in figures: the figures are exported",
    ("support_notes", "author_id"): "notes someone wrote about others belong to those others",
    ("follower_readings", "recorded_by"): "who typed in a count: the counts are exported",
    ("inbound_requests", "created_by"): "who typed in a request: the requests are exported",
    ("group_edges", "member_id"): "months in which a group changed: the periods are exported",
}


def sections(user_id: uuid.UUID) -> dict[str, Select]:
    """Section name -> the statement of its rows (plain columns, named for the reader)."""
    mine = select(ProgramMembership.id).where(ProgramMembership.user_id == user_id)
    member = ProgramMembership.id.in_(mine)
    posts = select(Post.id).where(Post.member_id.in_(mine))
    return {
        "profile": select(
            User.email, User.name, User.role, User.locale, User.is_active, User.created_at,
            User.last_login_at,
        ).where(User.id == user_id),
        "sign_in_identities": select(UserIdentity.issuer, UserIdentity.subject).where(
            UserIdentity.user_id == user_id
        ),
        "sign_in_sessions": select(
            UserSession.created_at, UserSession.last_seen_at, UserSession.expires_at,
            UserSession.method, UserSession.ip, UserSession.user_agent,
        ).where(UserSession.user_id == user_id),
        "calendar_feeds": select(CalendarFeed.created_at).where(CalendarFeed.user_id == user_id),
        "memberships": select(
            Program.name.label("program"), ProgramMembership.role, ProgramMembership.status,
            ProgramMembership.occupation, ProgramMembership.department,
            ProgramMembership.occupation_group, Cohort.name.label("cohort"),
            ProgramMembership.joined_at,
        )
        .join(Program, Program.id == ProgramMembership.program_id)
        .outerjoin(Cohort, Cohort.id == ProgramMembership.cohort_id)
        .where(member),
        "teams": select(Team.name.label("team"))
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.member_id.in_(mine)),
        "group_history": select(
            Cohort.name.label("cohort"), Team.name.label("team"), GroupPeriod.from_on,
            GroupPeriod.to_on,
        )
        .outerjoin(Cohort, Cohort.id == GroupPeriod.cohort_id)
        .outerjoin(Team, Team.id == GroupPeriod.team_id)
        .where(GroupPeriod.member_id.in_(mine))
        .order_by(GroupPeriod.from_on),
        "posts": select(
            Post.url, Post.platform, Post.format, Post.published_on, Post.hashtags, Post.topic,
            Post.note, Post.impressions, Post.likes, Post.comments, Post.shares, Post.clicks,
            Post.saves,
        )
        .where(Post.member_id.in_(mine))
        .order_by(Post.published_on),
        "figure_history": select(
            Post.url, PostMetricSnapshot.read_at, PostMetricSnapshot.impressions,
            PostMetricSnapshot.likes, PostMetricSnapshot.comments, PostMetricSnapshot.shares,
            PostMetricSnapshot.clicks,
        )
        .join(Post, Post.id == PostMetricSnapshot.post_id)
        .where(PostMetricSnapshot.post_id.in_(posts))
        .order_by(Post.url, PostMetricSnapshot.read_at),
        "outcomes": select(Outcome.type, Outcome.occurred_on, Outcome.note).where(
            Outcome.member_id.in_(mine)
        ),
        "requests": select(
            InboundRequest.type, InboundRequest.channel, InboundRequest.received_on,
            InboundRequest.state, InboundRequest.asker, InboundRequest.note,
        ).where(InboundRequest.member_id.in_(mine)),
        "questions_noted": select(
            ApplicantQuestion.text, ApplicantQuestion.asked_on
        ).where(ApplicantQuestion.member_id.in_(mine)),
        "meetings": select(
            Meeting.title, Meeting.starts_at, MeetingInvitation.rsvp, MeetingInvitation.attended
        )
        .join(Meeting, Meeting.id == MeetingInvitation.meeting_id)
        .where(MeetingInvitation.member_id.in_(mine))
        .order_by(Meeting.starts_at),
        "learning": select(
            Module.title, ModuleProgress.state, ModuleProgress.rating, ModuleProgress.comment,
            ModuleProgress.done_at,
        )
        .join(Module, Module.id == ModuleProgress.module_id)
        .where(ModuleProgress.member_id.in_(mine)),
        "briefings_read": select(Briefing.title, BriefingRead.read_at)
        .join(Briefing, Briefing.id == BriefingRead.briefing_id)
        .where(BriefingRead.member_id.in_(mine)),
        "post_ideas": select(Briefing.title, Briefing.body, Briefing.status, Briefing.created_at)
        .where(Briefing.author_member_id.in_(mine)),
        "reminder_emails": select(NudgePreference.frequency, NudgePreference.last_sent_on).where(
            NudgePreference.membership_id.in_(mine)
        ),
        "monthly_reports": select(
            ReportSubscription.created_at, ReportSubscription.last_sent_month
        ).where(ReportSubscription.membership_id.in_(mine)),
        "support_notes": select(SupportNote.text, SupportNote.created_at).where(
            SupportNote.membership_id.in_(mine)
        ),
        "follower_counts": select(
            FollowerReading.platform, FollowerReading.counted_on, FollowerReading.followers
        ).where(FollowerReading.member_id.in_(mine)),
        "account_links": select(SocialProfile.platform, SocialProfile.url).where(
            SocialProfile.member_id.in_(mine)
        ),
        "applications": select(
            Call.title.label("call"), Application.name, Application.email, Application.status,
            Application.answers, Application.consent_version, Application.consented_at,
            Application.submitted_at, Application.withdrawn_at,
        )
        .join(Call, Call.id == Application.call_id)
        .where(Application.user_id == user_id),
        "application_reviews": select(
            ApplicationReview.vote, ApplicationReview.comment, ApplicationReview.updated_at
        ).where(ApplicationReview.reviewer_id == user_id),
        "uploaded_files": select(StoredFile.filename, StoredFile.size, StoredFile.created_at).where(
            StoredFile.uploaded_by == user_id
        ),
        "erasure_request": select(ErasureRequest.requested_at, ErasureRequest.note).where(
            ErasureRequest.user_id == user_id
        ),
        "own_actions": select(
            AuditEvent.at, AuditEvent.action, AuditEvent.target_type, AuditEvent.ip
        ).where(AuditEvent.actor_id == user_id),
    }  # fmt: skip


# Which (table, column) each section covers, for the completeness test.
COVERED = {
    ("user_identities", "user_id"),
    ("user_sessions", "user_id"),
    ("calendar_feeds", "user_id"),
    ("program_memberships", "user_id"),
    ("team_members", "member_id"),
    ("group_periods", "member_id"),
    ("posts", "member_id"),
    ("outcomes", "member_id"),
    ("inbound_requests", "member_id"),
    ("applicant_questions", "member_id"),
    ("meeting_invitations", "member_id"),
    ("learning_progress", "member_id"),
    ("briefing_reads", "member_id"),
    ("briefings", "author_member_id"),
    ("nudge_preferences", "membership_id"),
    ("report_subscriptions", "membership_id"),
    ("support_notes", "membership_id"),
    ("follower_readings", "member_id"),
    ("social_profiles", "member_id"),
    ("applications", "user_id"),
    ("application_reviews", "reviewer_id"),
    ("stored_files", "uploaded_by"),
    ("audit_events", "actor_id"),
    ("erasure_requests", "user_id"),
}
