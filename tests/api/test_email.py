"""Email: rendered in de/en, delivered by a job to a real SMTP server, retried, logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

import tests.support.job_kinds  # noqa: F401  (registers the test template)
from botschaft.core.database import utcnow
from botschaft.identity.models import Role
from botschaft.notifications.models import EmailMessage, EmailStatus
from botschaft.notifications.schemas import Attachment
from botschaft.notifications.service import send_email
from botschaft.notifications.templates import register_template
from tests.support.api import make_user, sign_in
from tests.support.jobs import run_jobs
from tests.support.smtp import body_text


def _send(db, locale="de", **extra):
    with db.session() as session:
        message = send_email(
            session,
            to="ada@example.org",
            template="test.hello",
            locale=locale,
            context={"name": "Ada", "link": "http://testserver/x"},
            **extra,
        )
        return message.id


def _message(db, message_id) -> EmailMessage:
    with db.session() as session:
        return session.get(EmailMessage, message_id)


def test_an_email_is_delivered_by_a_job_in_german(db, settings, smtp_server):
    message_id = _send(db)
    assert smtp_server.messages == [], "nothing is sent inside the request"
    run_jobs(db, settings)
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "ada@example.org"
    assert mail["Subject"] == "Hallo Ada"
    assert mail["Content-Language"] == "de"
    assert "Guten Tag Ada,\nIhr Link: http://testserver/x" in body_text(mail)
    stored = _message(db, message_id)
    assert (stored.status, stored.attempts) == (EmailStatus.sent, 1)
    assert stored.sent_at is not None


def test_english_and_an_attachment(db, settings, smtp_server):
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    _send(
        db,
        locale="en",
        attachments=[Attachment("invite.ics", "text/calendar; method=REQUEST", ics)],
    )
    run_jobs(db, settings)
    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"] == "Hello Ada"
    assert "This message was sent by Botschaft." in body_text(mail)
    [part] = list(mail.iter_attachments())
    assert part.get_filename() == "invite.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content().encode() == ics


def test_a_temporary_smtp_failure_is_retried(db, settings, smtp_server):
    smtp_server.refuse_mail()
    message_id = _send(db)
    run_jobs(db, settings)
    assert smtp_server.messages == []
    assert _message(db, message_id).status == EmailStatus.queued
    smtp_server.refuse_mail(False)
    run_jobs(db, settings, now=utcnow() + timedelta(minutes=1))
    smtp_server.wait_for(1)
    stored = _message(db, message_id)
    assert (stored.status, stored.attempts) == (EmailStatus.sent, 2)


def test_a_message_that_never_goes_through_is_marked_failed(db, settings, smtp_server, client):
    smtp_server.refuse_mail()
    message_id = _send(db)
    now = utcnow()
    for hour in range(8):
        run_jobs(db, settings, now=now + timedelta(hours=hour))
    stored = _message(db, message_id)
    assert stored.status == EmailStatus.failed
    assert "451" in stored.last_error
    sign_in(client, make_user(db, Role.admin))
    page = client.get("/api/v1/admin/emails", params={"to": "ada@example.org"}).json()
    assert [(m["status"], m["attempts"]) for m in page["items"]] == [("failed", 6)]
    jobs = client.get("/api/v1/admin/jobs", params={"status": "failed"}).json()
    assert [j["kind"] for j in jobs["items"]] == ["email.send"]


def test_without_smtp_the_message_is_only_logged(db, settings, smtp_server):
    message_id = _send(db)
    run_jobs(db, settings.model_copy(update={"smtp_host": None}))
    assert _message(db, message_id).status == EmailStatus.logged
    assert smtp_server.messages == []


def test_a_rolled_back_request_sends_nothing(db, settings, smtp_server):
    with pytest.raises(RuntimeError), db.session() as session:
        send_email(
            session,
            to="x@example.org",
            template="test.hello",
            locale="de",
            context={"name": "X", "link": "l"},
        )
        raise RuntimeError("request failed")
    run_jobs(db, settings)
    assert smtp_server.messages == []
    with db.session() as session:
        assert session.scalars(select(EmailMessage)).all() == []


def test_values_cannot_inject_headers_and_missing_values_fail(db):
    with db.session() as session:
        message = send_email(
            session,
            to="x@example.org",
            template="test.hello",
            locale="de",
            context={"name": "Eve\r\nBcc: victim@example.org", "link": "l"},
        )
        assert "\n" not in message.subject and "\r" not in message.subject
        with pytest.raises(KeyError):
            send_email(
                session,
                to="x@example.org",
                template="test.hello",
                locale="en",
                context={"name": "X"},
            )


def test_templates_need_the_same_placeholders_in_both_languages():
    with pytest.raises(ValueError, match="different placeholders"):
        register_template("test.broken", de=("Hallo {name}", "x"), en=("Hello", "x"))
