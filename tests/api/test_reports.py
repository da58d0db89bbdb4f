"""The monthly report: subscribing, sending on the first working day of a month (once), the
same figures and privacy rules as the KPI endpoint for each reader's role, PDF and HTML."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from sqlalchemy import select

from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.notifications.models import EmailMessage
from botschaft.reports.models import ReportSubscription
from botschaft.reports.service import first_working_day, next_report
from botschaft.tenancy.models import Program, ProgramMembership
from tests.support.api import Account, sign_in
from tests.support.jobs import run_jobs

BERLIN = ZoneInfo("Europe/Berlin")
HR = "ursula.brandt@musterstadt.example"
CORE = "katrin.vogt@musterstadt.example"


def _demo(db) -> Program:
    with db.session() as session:
        load_demo(session)
        return session.scalar(select(Program).where(Program.slug == "wir-sind-musterstadt"))


def _as(client, email: str):
    return sign_in(client, Account(id=None, email=email, password=DEMO_PASSWORD))


def _month_start(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _send_day() -> tuple[datetime, date]:
    """This month's first working day at 08:00 in Berlin, and the month it reports on."""
    today = datetime.now(BERLIN).date()
    day = first_working_day(today.year, today.month)
    return datetime(day.year, day.month, day.day, 8, tzinfo=BERLIN), _month_start(today)


def _subscribed_last_month(db, month: date) -> None:
    """As if the subscriptions were a month old: the report before `month` went out."""
    with db.session() as session:
        for subscription in session.scalars(select(ReportSubscription)):
            subscription.last_sent_month = _month_start(month)


def _reports(db) -> list[EmailMessage]:
    with db.session() as session:
        return session.scalars(
            select(EmailMessage).where(EmailMessage.template == "reports.monthly")
        ).all()


def _pdf_text(message: EmailMessage) -> str:
    import base64

    [attachment] = message.attachments
    assert attachment["content_type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(base64.b64decode(attachment["content_b64"])))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_the_first_working_day_skips_the_weekend():
    assert first_working_day(2026, 11) == date(2026, 11, 2)  # the 1st is a Sunday
    assert first_working_day(2026, 8) == date(2026, 8, 3)  # a Saturday
    assert first_working_day(2026, 12) == date(2026, 12, 1)  # a Tuesday


def test_the_next_report_reports_on_a_month_the_program_ran():
    program = Program(name="P", slug="p", starts_on=date(2027, 3, 15), ends_on=date(2027, 5, 31))
    # Before the start: the first report is on March, sent in April.
    assert next_report(program, date(2026, 12, 3)) == (date(2027, 4, 1), date(2027, 3, 1))
    # After the end, nothing is left to report.
    assert next_report(program, date(2027, 6, 2)) is None
    assert next_report(program, date(2027, 6, 1)) == (date(2027, 6, 1), date(2027, 5, 1))


def test_subscribing_and_unsubscribing(client, db):
    program = _demo(db)
    _as(client, HR)
    url = f"/api/v1/programs/{program.id}/report-subscription"
    first = client.get(url).json()
    assert first["subscribed"] is False and first["next_report_on"]
    assert client.put(url).json()["subscribed"] is True
    assert client.put(url).json()["subscribed"] is True  # idempotent
    with db.session() as session:
        assert len(session.scalars(select(ReportSubscription)).all()) == 1
    assert client.delete(url).json()["subscribed"] is False
    assert client.get(url).json()["subscribed"] is False


def test_reports_go_out_once_with_the_figures_of_each_readers_role(client, db, app, smtp_server):
    program = _demo(db)
    now, month = _send_day()
    last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    period = {"from": month.isoformat(), "to": last_day.isoformat()}
    expected = {}
    for email in (HR, CORE):
        _as(client, email)
        client.put(f"/api/v1/programs/{program.id}/report-subscription").raise_for_status()
        figures = client.get(f"/api/v1/programs/{program.id}/kpis", params=period)
        assert figures.status_code == 200, figures.text
        expected[email] = figures.json()
        client.post("/api/v1/auth/logout")

    _subscribed_last_month(db, month)
    run_jobs(app, now=now - timedelta(days=1))  # the day before: nothing yet
    assert _reports(db) == []
    run_jobs(app, now=now)
    reports = {m.to_address: m for m in _reports(db)}
    assert sorted(reports) == sorted([HR, CORE])
    for email, message in reports.items():
        text = _pdf_text(message)
        assert "Wir sind Musterstadt" in text
        assert f"{month.isoformat()} bis {last_day.isoformat()}" in text
        totals = expected[email]["totals"]
        # The PDF shows the reader's figures: a number where the endpoint has one, the reason
        # where it hides one (HR leadership and small groups).
        shown = str(totals["posts"]) if totals["posts"] is not None else "weniger als"
        assert shown in text
        assert message.html_body and "<li>" in message.html_body
        assert "Monatsbericht" in message.subject
    # HR leadership's view is the restricted one (kpis/privacy.py), the core team's is not.
    assert expected[CORE]["restricted"] is False and expected[HR]["restricted"] is True

    # Delivered through the real SMTP server (the email jobs are due now): text, HTML and PDF.
    run_jobs(app)
    delivered = smtp_server.wait_for(2)
    for mail in delivered:
        types = {part.get_content_type() for part in mail.walk()}
        assert {"text/plain", "text/html", "application/pdf"} <= types, types

    run_jobs(app, now=now + timedelta(hours=3))  # later the same day: not again
    run_jobs(app, now=now + timedelta(days=1))  # nor the next day
    assert len(_reports(db)) == 2


def test_a_reader_who_leaves_the_core_team_gets_no_report(client, db, app):
    program = _demo(db)
    now, month = _send_day()
    _as(client, CORE)
    client.put(f"/api/v1/programs/{program.id}/report-subscription").raise_for_status()
    _subscribed_last_month(db, month)
    with db.session() as session:
        membership = session.scalar(
            select(ProgramMembership)
            .join(ProgramMembership.user)
            .where(ProgramMembership.program_id == program.id)
            .where(ProgramMembership.role == "core_team")
            .where(ProgramMembership.user.has(email=CORE))
        )
        session.delete(membership)
    run_jobs(app, now=now)
    assert _reports(db) == []
    with db.session() as session:  # the subscription went with the membership
        assert session.scalars(select(ReportSubscription)).all() == []


def test_the_report_as_pdf_on_demand_is_logged(client, db):
    program = _demo(db)
    _as(client, HR)
    _, month = _send_day()
    last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    answer = client.get(
        f"/api/v1/programs/{program.id}/kpis/report.pdf",
        params={"from": month.isoformat(), "to": last_day.isoformat(), "lang": "en"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages).split()
    )
    assert "Monthly report: Wir sind Musterstadt" in text
    assert f"Period: {month.isoformat()} to {last_day.isoformat()}" in text
    # HR's whole-month rule holds here too.
    refused = client.get(
        f"/api/v1/programs/{program.id}/kpis/report.pdf",
        params={"from": month.isoformat(), "to": (month + timedelta(days=3)).isoformat()},
    )
    assert refused.status_code == 422
