"""An influencer's own reminder: off by default, on when they choose, sent on its day once,
with their own figures only and a link to log a post."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.notifications.models import EmailMessage
from botschaft.nudges.models import Frequency
from botschaft.nudges.service import next_day
from botschaft.tenancy.models import Program
from tests.support.api import Account, sign_in
from tests.support.jobs import run_jobs

BERLIN = ZoneInfo("Europe/Berlin")
SOPHIE = "sophie.wagner@musterstadt.example"


def _demo(db) -> Program:
    with db.session() as session:
        load_demo(session)
        return session.scalar(select(Program).where(Program.slug == "wir-sind-musterstadt"))


def _nudges(db) -> list[EmailMessage]:
    with db.session() as session:
        return session.scalars(
            select(EmailMessage).where(EmailMessage.template == "nudges.month_so_far")
        ).all()


def _this_monday(hour: int) -> datetime:
    today = datetime.now(BERLIN).date()
    monday = today - timedelta(days=today.weekday())
    return datetime(monday.year, monday.month, monday.day, hour, tzinfo=BERLIN)


def test_the_next_day_follows_the_choice():
    wednesday = date(2026, 12, 2)
    assert next_day(Frequency.off, wednesday, None) is None
    assert next_day(Frequency.weekly, wednesday, None) == date(2026, 12, 7)
    assert next_day(Frequency.weekly, date(2026, 12, 7), date(2026, 12, 7)) == date(2026, 12, 14)
    assert next_day(Frequency.monthly, wednesday, None) == date(2026, 12, 15)
    # November's 15th is a Sunday: the Monday after; after it, December's.
    assert next_day(Frequency.monthly, date(2026, 11, 3), None) == date(2026, 11, 16)
    assert next_day(Frequency.monthly, date(2026, 11, 17), None) == date(2026, 12, 15)


def test_off_by_default_and_switched_by_the_influencer(client, db):
    program = _demo(db)
    sign_in(client, Account(id=None, email=SOPHIE, password=DEMO_PASSWORD))
    url = f"/api/v1/programs/{program.id}/nudges/me"
    assert client.get(url).json() == {"frequency": "off", "next_on": None}
    weekly = client.put(url, json={"frequency": "weekly"}).json()
    assert weekly["frequency"] == "weekly" and date.fromisoformat(weekly["next_on"]).weekday() == 0
    bad = client.put(url, json={"frequency": "daily"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "frequency"
    assert client.get(url).json()["frequency"] == "weekly"


def test_a_weekly_reminder_goes_out_on_monday_once_with_own_figures(client, db, app):
    program = _demo(db)
    sign_in(client, Account(id=None, email=SOPHIE, password=DEMO_PASSWORD))
    client.put(f"/api/v1/programs/{program.id}/nudges/me", json={"frequency": "weekly"})
    monday = _this_monday(hour=9)
    run_jobs(app, now=_this_monday(hour=7))  # before 08:00: not yet
    assert _nudges(db) == []
    run_jobs(app, now=monday)
    [mail] = _nudges(db)
    assert mail.to_address == SOPHIE
    assert f"/p/{program.slug}/my-posts" in mail.body
    assert f"(Ihr Ziel: {program.target_posts_per_month} im Monat)" in mail.body
    # Nobody else's name: never a ranking.
    for other in ("Lisa Neumann", "Mehmet", "Katrin Vogt"):
        assert other not in mail.body
    run_jobs(app, now=monday + timedelta(hours=2))  # the same day: not again
    run_jobs(app, now=monday + timedelta(days=1))  # Tuesday: not a reminder day
    assert len(_nudges(db)) == 1
    # Turned off: the next Monday brings nothing.
    client.put(f"/api/v1/programs/{program.id}/nudges/me", json={"frequency": "off"})
    run_jobs(app, now=monday + timedelta(days=7))
    assert len(_nudges(db)) == 1


def test_only_influencers_choose_a_reminder(client, db):
    program = _demo(db)
    sign_in(
        client, Account(id=None, email="katrin.vogt@musterstadt.example", password=DEMO_PASSWORD)
    )
    answer = client.put(f"/api/v1/programs/{program.id}/nudges/me", json={"frequency": "weekly"})
    assert answer.status_code == 403
