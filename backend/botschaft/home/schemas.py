from __future__ import annotations

from botschaft.briefings.schemas import BriefingOut
from botschaft.core.schemas import OutputModel
from botschaft.kpis.schemas import MyKpis
from botschaft.learning.schemas import ModuleOut
from botschaft.meetings.schemas import MeetingOut
from botschaft.posts.schemas import PostOut
from botschaft.tenancy.models import MembershipStatus


class HomeOut(OutputModel):
    status: MembershipStatus
    next_meetings: list[MeetingOut]
    next_module: ModuleOut | None
    modules_done: int
    modules_total: int
    briefings: list[BriefingOut]
    recent_posts: list[PostOut]
    figures: MyKpis
