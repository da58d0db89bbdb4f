"""Meetings: audience, series, RSVP, attendance; iCalendar parsed back with `icalendar`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from sqlalchemy import func, select

from botschaft.core.database import utcnow
from botschaft.identity.models import Role
from botschaft.meetings.models import Meeting, MeetingInvitation, MeetingSeries
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.factories import make_team

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def team(db):
    return make_team(db, ("core", "ada", "bob"), timezone="Europe/Berlin")


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _field(response) -> str:
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()["errors"][0]["field"]


def _body(start: datetime, **extra) -> dict:
    return {
        "kind": "check_in",
        "title": "Digitaler Check-in",
        "agenda": "Was lief gut?",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "video_url": "https://meet.example.org/checkin",
        "audience": {"kind": "program"},
        **extra,
    }


def _events(ics: bytes) -> list:
    return [c for c in Calendar.from_ical(ics).walk("VEVENT")]


def test_a_meeting_is_invited_answered_and_exported(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN)
    body = _body(start, audience={"kind": "people", "member_ids": [str(people["ada"][1])]})
    [meeting] = client.post(base, json=body).json()
    assert meeting["timezone"] == "Europe/Berlin" and meeting["counts"]["pending"] == 1

    ada = sign_in(new_client(), people["ada"][0])
    answered = ada.put(f"{base}/{meeting['id']}/rsvp", json={"response": "yes"}).json()
    assert answered["my_rsvp"] == "yes"
    bob = sign_in(new_client(), people["bob"][0])
    assert bob.get(f"{base}/{meeting['id']}").status_code == 404, "not invited"
    assert bob.get(base).json() == []
    assert bob.put(f"{base}/{meeting['id']}/rsvp", json={"response": "no"}).status_code == 404

    response = ada.get(f"{base}/{meeting['id']}/calendar.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    [event] = _events(response.content)
    assert str(event["summary"]) == "Digitaler Check-in"
    assert event["dtstart"].dt == start and event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert event["dtend"].dt == start + timedelta(hours=1)
    assert str(event["status"]) == "CONFIRMED"
    cal = Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]

    cancelled = client.post(f"{base}/{meeting['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    late = ada.put(f"{base}/{meeting['id']}/rsvp", json={"response": "no"})
    assert late.status_code == 409 and _field(late) == "response"
    [event] = _events(ada.get(f"{base}/{meeting['id']}/calendar.ics").content)
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1


def test_every_second_tuesday_is_a_series_across_daylight_saving(client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = datetime(2030, 3, 12, 9, 0, tzinfo=BERLIN)  # a Tuesday, before the clocks change
    rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4"
    created = client.post(base, json=_body(start, recurrence=rule))
    assert created.status_code == 201, created.text
    occurrences = created.json()
    local = [datetime.fromisoformat(m["starts_at"]).astimezone(BERLIN) for m in occurrences]
    assert [d.date().isoformat() for d in local] == [
        "2030-03-12",
        "2030-03-26",
        "2030-04-09",
        "2030-04-23",
    ]
    assert {(d.hour, d.minute) for d in local} == {(9, 0)}, "wall-clock time kept after DST"
    assert len({m["series_id"] for m in occurrences}) == 1
    assert _count(db, MeetingInvitation) == 4 * 2

    client.post(f"{base}/{occurrences[1]['id']}/cancel")
    moved = client.patch(
        f"{base}/{occurrences[2]['id']}",
        json={
            "version": 1,
            "starts_at": "2030-04-09T11:00:00+02:00",
            "ends_at": "2030-04-09T12:00:00+02:00",
        },
    )
    assert moved.status_code == 200, moved.text
    ics = client.get(f"{base}/{occurrences[0]['id']}/calendar.ics").content
    events = _events(ics)
    master = next(e for e in events if "rrule" in e)
    assert master["dtstart"].params["TZID"] == "Europe/Berlin"
    assert master["dtstart"].dt == start
    parsed = rrulestr(master["rrule"].to_ical().decode(), dtstart=master["dtstart"].dt)
    assert [d.date().isoformat() for d in parsed][:2] == ["2030-03-12", "2030-03-26"]
    exdates = master["exdate"]
    exdates = exdates if isinstance(exdates, list) else [exdates]
    assert [d.dt for x in exdates for d in x.dts] == [datetime(2030, 3, 26, 9, tzinfo=BERLIN)]
    [override] = [e for e in events if "recurrence-id" in e]
    assert override["recurrence-id"].dt == datetime(2030, 4, 9, 9, tzinfo=BERLIN)
    assert override["dtstart"].dt == datetime(2030, 4, 9, 11, tzinfo=BERLIN)
    assert len({str(e["uid"]) for e in events}) == 1, "one UID for the series"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"recurrence": "FREQ=SOMETIMES"}, "recurrence"),
        ({"recurrence": "every second tuesday"}, "recurrence"),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=XX"}, "recurrence"),
        ({"ends_at": "2030-03-05T08:00:00+01:00"}, "ends_at"),
        ({"starts_at": "2030-03-05T10:00:00"}, "starts_at"),
        ({"audience": {"kind": "cohort"}}, "audience.cohort_id"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_written(client, db, team, change, field):
    program, people = team
    sign_in(client, people["core"][0])
    body = _body(datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN)) | change
    response = client.post(f"/api/v1/programs/{program}/meetings", json=body)
    assert response.status_code == 422, response.text
    assert _field(response) == field
    assert (_count(db, Meeting), _count(db, MeetingSeries), _count(db, MeetingInvitation)) == (
        0,
        0,
        0,
    )


def test_people_outside_the_program_cannot_be_invited(client, db, team):
    program, people = team
    other = make_program(db)
    outsider = add_member(db, other, make_user(db, Role.influencer), ProgramRole.influencer)
    sign_in(client, people["core"][0])
    body = _body(
        datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN),
        audience={"kind": "people", "member_ids": [str(people["ada"][1]), str(outsider)]},
    )
    response = client.post(f"/api/v1/programs/{program}/meetings", json=body)
    assert response.status_code == 422 and _field(response) == "audience.member_ids"
    assert _count(db, Meeting) == 0


def test_attendance_is_taken_during_or_after_the_meeting(client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    now = utcnow()
    [past] = client.post(base, json=_body(now - timedelta(minutes=10))).json()
    [future] = client.post(base, json=_body(now + timedelta(days=2))).json()
    ada, bob = str(people["ada"][1]), str(people["bob"][1])
    early = client.put(f"{base}/{future['id']}/attendance", json={"attended": [ada]})
    assert early.status_code == 409
    stranger = client.put(
        f"{base}/{past['id']}/attendance", json={"attended": [str(people["core"][1])]}
    )
    assert stranger.status_code == 422 and _field(stranger) == "attended"
    taken = client.put(f"{base}/{past['id']}/attendance", json={"attended": [ada]}).json()
    assert {(i["member_id"], i["attended"]) for i in taken} == {(ada, True), (bob, False)}
    assert client.get(f"{base}/{past['id']}").json()["counts"]["attended"] == 1


def test_the_private_feed_lists_my_meetings_and_module_sessions_and_is_revocable(
    client, new_client, db, team
):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}"
    start = datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN)
    client.post(
        f"{base}/meetings",
        json=_body(start, audience={"kind": "people", "member_ids": [str(people["bob"][1])]}),
    )
    client.post(f"{base}/meetings", json=_body(start, title="Netzwerktreffen", kind="network"))
    client.post(
        f"{base}/modules",
        json={
            "title": "Content Creation",
            "session_starts_at": "2030-03-10T14:00:00+01:00",
            "session_ends_at": "2030-03-10T16:00:00+01:00",
            "session_place": "Rathaus, Raum 101",
        },
    )
    ada = sign_in(new_client(), people["ada"][0])
    url = ada.post("/api/v1/calendar/feed").json()["url"]
    path = url[url.index("/api/v1/") :]
    anonymous = new_client()
    response = anonymous.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/calendar"
    )
    events = _events(response.content)
    assert sorted(str(e["summary"]) for e in events) == ["Content Creation", "Netzwerktreffen"]
    session = next(e for e in events if str(e["summary"]) == "Content Creation")
    assert session["dtstart"].dt == datetime(2030, 3, 10, 13, tzinfo=UTC)
    assert str(session["location"]) == "Rathaus, Raum 101"

    new_url = ada.post("/api/v1/calendar/feed").json()["url"]
    assert anonymous.get(path).status_code == 404, "the old URL stops working"
    assert ada.delete("/api/v1/calendar/feed").status_code == 204
    assert anonymous.get(new_url[new_url.index("/api/v1/") :]).status_code == 404


def test_the_home_page_has_my_next_meeting_module_and_briefings(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}"
    soon = utcnow() + timedelta(days=2)
    [meeting] = client.post(f"{base}/meetings", json=_body(soon, title="Netzwerktreffen")).json()
    client.post(
        f"{base}/meetings",
        json=_body(
            soon,
            title="Nur Bob",
            audience={"kind": "people", "member_ids": [str(people["bob"][1])]},
        ),
    )
    modules = client.post(f"{base}/modules/template").json()
    old = client.post(
        f"{base}/briefings", json={"kind": "briefing", "stance": "info", "title": "Alt"}
    ).json()
    client.post(f"{base}/briefings", json={"kind": "briefing", "stance": "share", "title": "Neu"})
    ada = sign_in(new_client(), people["ada"][0])
    ada.put(f"{base}/meetings/{meeting['id']}/rsvp", json={"response": "maybe"})
    ada.put(f"{base}/modules/{modules[0]['id']}/progress", json={"state": "done"})
    ada.put(f"{base}/briefings/{old['id']}/read")
    home = ada.get(f"{base}/home")
    assert home.status_code == 200, home.text
    data = home.json()
    assert [(m["title"], m["my_rsvp"]) for m in data["next_meetings"]] == [
        ("Netzwerktreffen", "maybe")
    ]
    assert data["next_module"]["title"] == "Content Creation"
    assert (data["modules_done"], data["modules_total"]) == (1, 3)
    assert [(b["title"], b["read"]) for b in data["briefings"]] == [("Neu", False), ("Alt", True)]
    assert data["recent_posts"] == [] and data["status"] == "active"
    assert client.get(f"{base}/home").status_code == 403, "the core team has no influencer home"


def test_invitations_carry_the_ics_and_an_rsvp_link_that_works(
    client, new_client, db, settings, smtp_server, team
):
    from tests.support.jobs import run_jobs
    from tests.support.smtp import body_text

    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = datetime(2030, 3, 12, 9, 0, tzinfo=BERLIN)
    body = _body(start, recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3")
    body["audience"] = {"kind": "people", "member_ids": [str(people["ada"][1])]}
    occurrences = client.post(base, json=body).json()
    run_jobs(db, settings)
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == people["ada"][0].email
    assert mail["Subject"] == "Einladung: Digitaler Check-in am 12.03.2030, 09:00–10:00 Uhr"
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    cal = Calendar.from_ical(attachment.get_content())
    [master] = cal.walk("VEVENT")
    assert master["rrule"]["COUNT"] == [3] and master["dtstart"].params["TZID"] == "Europe/Berlin"
    text = body_text(mail)
    link = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Ja: "))
    # The link opens the SPA's page, which reads the invitation and answers only on a POST:
    # mail scanners that open every link must not answer for anyone.
    match = re.search(r"/rsvp/([A-Za-z0-9_-]+)\?response=yes$", link)
    assert match and "/api/" not in link, link
    api = f"/api/v1/meetings/rsvp/{match.group(1)}"
    anonymous = new_client()
    shown = anonymous.get(api)
    assert shown.status_code == 200
    assert shown.json()["rsvp"] == "pending" and shown.json()["title"] == body["title"]
    assert "notes" not in shown.json(), "the link shows when and where, not the team's notes"
    ada = sign_in(new_client(), people["ada"][0])
    assert ada.get(f"{base}/{occurrences[0]['id']}").json()["my_rsvp"] == "pending"
    answered = anonymous.post(api, json={"response": "yes"})
    assert answered.status_code == 200 and answered.json()["rsvp"] == "yes"
    assert ada.get(f"{base}/{occurrences[0]['id']}").json()["my_rsvp"] == "yes"
    assert anonymous.post(api, json={"response": "pending"}).status_code == 422
    assert new_client().get("/api/v1/meetings/rsvp/forged").status_code == 404
    forged = new_client().post("/api/v1/meetings/rsvp/forged", json={"response": "yes"})
    assert forged.status_code == 404

    smtp_server.clear()
    client.post(f"{base}/{occurrences[0]['id']}/cancel")
    run_jobs(db, settings)
    [cancel] = smtp_server.wait_for(1)
    assert cancel["Subject"].startswith("Abgesagt:")
    [part] = list(cancel.iter_attachments())
    assert part.get_param("method") == "CANCEL"
    [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert new_client().get(api).json()["status"] == "cancelled", "the page says so"
    late = new_client().post(api, json={"response": "no"})
    assert late.status_code == 409, "no answer to a cancelled meeting"


def test_reminders_go_out_once_before_the_meeting_to_those_not_declining(
    client, new_client, db, settings, smtp_server, team
):
    from tests.support.jobs import run_jobs

    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = utcnow() + timedelta(days=3)
    [meeting] = client.post(base, json=_body(start)).json()
    bob = sign_in(new_client(), people["bob"][0])
    bob.put(f"{base}/{meeting['id']}/rsvp", json={"response": "no"})
    run_jobs(db, settings)
    smtp_server.wait_for(2)  # the invitations
    smtp_server.clear()
    run_jobs(db, settings, now=start - timedelta(hours=23))
    [reminder] = smtp_server.wait_for(1)
    assert reminder["To"] == people["ada"][0].email
    assert reminder["Subject"].startswith("Erinnerung: Digitaler Check-in")
    run_jobs(db, settings, now=start - timedelta(hours=22))
    assert len(smtp_server.messages) == 1, "only once"


def _calendar_part(mail):
    [part] = list(mail.iter_attachments())
    return part.get_param("method"), _events(part.get_content())


def test_a_change_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    client, new_client, db, settings, smtp_server, team
):
    from tests.support.jobs import run_jobs

    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    body = _body(datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN))
    body["audience"] = {"kind": "people", "member_ids": [str(people["ada"][1])]}
    [meeting] = client.post(base, json=body).json()
    run_jobs(db, settings)
    [invitation] = smtp_server.wait_for(1)
    _, [invited] = _calendar_part(invitation)
    smtp_server.clear()

    later = datetime(2030, 3, 6, 14, 0, tzinfo=BERLIN)
    changed = client.patch(
        f"{base}/{meeting['id']}",
        json={
            "version": meeting["version"],
            "title": "Check-in (verschoben)",
            "starts_at": later.isoformat(),
            "ends_at": (later + timedelta(minutes=90)).isoformat(),
            "place": "Rathaus, Raum 101",
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["sequence"] == 1 and changed.json()["place"] == "Rathaus, Raum 101"
    run_jobs(db, settings)
    [update] = smtp_server.wait_for(1)
    assert update["To"] == people["ada"][0].email, "only invitees hear of it"
    assert update["Subject"] == "Geändert: Check-in (verschoben) am 06.03.2030, 14:00–15:30 Uhr"
    method, [event] = _calendar_part(update)
    assert method == "REQUEST"
    assert str(event["uid"]) == str(invited["uid"])
    assert int(event["sequence"]) == int(invited["sequence"]) + 1
    assert event["dtstart"].dt == later and str(event["status"]) == "CONFIRMED"

    # Notes are not for calendars: no new SEQUENCE, no email.
    smtp_server.clear()
    noted = client.patch(
        f"{base}/{meeting['id']}", json={"version": changed.json()["version"], "notes": "ok"}
    ).json()
    assert noted["sequence"] == 1
    run_jobs(db, settings)
    assert smtp_server.messages == [], "a note is not news for calendars"

    cancelled = client.post(f"{base}/{meeting['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancelled_at"]
    run_jobs(db, settings)
    [cancel] = [m for m in smtp_server.wait_for(1) if m["Subject"].startswith("Abgesagt")]
    method, [event] = _calendar_part(cancel)
    assert method == "CANCEL" and str(event["uid"]) == str(invited["uid"])
    assert int(event["sequence"]) == 2 and str(event["status"]) == "CANCELLED"

    again = client.post(f"{base}/{meeting['id']}/cancel")
    assert again.status_code == 409 and again.json()["type"].endswith("/already_cancelled")
    assert _field(again) == "status"
    edit = client.patch(
        f"{base}/{meeting['id']}", json={"version": cancelled.json()["version"], "title": "X"}
    )
    assert edit.status_code == 409 and edit.json()["type"].endswith("/cancelled")

    # The private feed follows: the same UID, cancelled, with the current SEQUENCE.
    url = client.post("/api/v1/calendar/feed").json()["url"]
    [fed] = _events(client.get(url[url.index("/api/") :]).content)
    assert str(fed["uid"]) == str(invited["uid"])
    assert str(fed["status"]) == "CANCELLED" and int(fed["sequence"]) == 2


def test_the_rest_of_a_series_moves_by_the_same_amount(client, db, settings, smtp_server, team):
    from tests.support.jobs import run_jobs

    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = datetime(2030, 3, 5, 9, 0, tzinfo=BERLIN)
    body = _body(start, recurrence="FREQ=WEEKLY;COUNT=4")
    body["audience"] = {"kind": "people", "member_ids": [str(people["ada"][1])]}
    occurrences = client.post(base, json=body).json()
    run_jobs(db, settings)
    smtp_server.wait_for(1)
    smtp_server.clear()

    second = occurrences[1]
    moved_to = datetime(2030, 3, 12, 11, 30, tzinfo=BERLIN)
    response = client.patch(
        f"{base}/{second['id']}",
        json={
            "version": second["version"],
            "scope": "following",
            "starts_at": moved_to.isoformat(),
            "ends_at": (moved_to + timedelta(hours=1)).isoformat(),
        },
    )
    assert response.status_code == 200, response.text
    after = client.get(base).json()
    starts = [datetime.fromisoformat(m["starts_at"]).astimezone(BERLIN) for m in after]
    assert [(s.day, s.hour, s.minute) for s in starts] == [
        (5, 9, 0),
        (12, 11, 30),
        (19, 11, 30),
        (26, 11, 30),
    ], "the first stays, the rest shift by 2.5 hours"
    assert [m["sequence"] for m in after] == [0, 1, 1, 1]

    run_jobs(db, settings)
    [update] = smtp_server.wait_for(1)
    method, events = _calendar_part(update)
    assert method == "REQUEST" and len(events) == 3
    assert {str(e["uid"]) for e in events} == {f"{second['series_id']}@botschaft"}
    assert [e["recurrence-id"].dt for e in events] == [
        datetime(2030, 3, d, 9, 0, tzinfo=BERLIN) for d in (12, 19, 26)
    ], "each occurrence keeps its identity"
    assert [e["dtstart"].dt.hour for e in events] == [11, 11, 11]

    smtp_server.clear()
    fourth = after[3]
    assert client.post(f"{base}/{fourth['id']}/cancel").status_code == 200
    third = after[2]
    cancelled = client.post(f"{base}/{third['id']}/cancel?scope=following")
    assert cancelled.status_code == 200, "the fourth, already cancelled, is left as it is"
    again = client.post(f"{base}/{third['id']}/cancel?scope=following")
    assert again.status_code == 409 and _field(again) == "status"
    assert [m["status"] for m in client.get(base).json()] == [
        "scheduled",
        "scheduled",
        "cancelled",
        "cancelled",
    ]
    run_jobs(db, settings)
    cancels = smtp_server.wait_for(2)
    method, events = _calendar_part(cancels[-1])
    assert method == "CANCEL" and [e["recurrence-id"].dt.day for e in events] == [19]
    ics = client.get(f"{base}/{after[0]['id']}/calendar.ics").content
    master = next(e for e in _events(ics) if "rrule" in e)
    assert int(master["sequence"]) == 2, "the master's SEQUENCE follows the latest change"
    exdates = master["exdate"] if isinstance(master["exdate"], list) else [master["exdate"]]
    assert sorted(d.dt.day for x in exdates for d in x.dts) == [19, 26]


def test_bad_changes_are_refused_and_nothing_is_written(client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    start = datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN)
    [meeting] = client.post(base, json=_body(start)).json()
    url = f"{base}/{meeting['id']}"
    past = utcnow() - timedelta(days=1)
    cases = [
        (
            {"starts_at": past.isoformat(), "ends_at": (past + timedelta(hours=1)).isoformat()},
            422,
            "starts_at",
        ),
        ({"ends_at": (start - timedelta(hours=1)).isoformat(), "title": "Neu"}, 422, "ends_at"),
        ({"title": ""}, 422, "title"),
        ({"video_url": "javascript:alert(1)"}, 422, "video_url"),
    ]
    for change, status, field in cases:
        response = client.patch(url, json={"version": meeting["version"], **change})
        assert response.status_code == status, (change, response.text)
        assert _field(response) == field
    stale = client.patch(url, json={"version": meeting["version"] + 5, "title": "Neu"})
    assert stale.status_code == 409 and stale.json()["type"].endswith("/version_conflict")
    unchanged = client.get(url).json()
    assert (unchanged["title"], unchanged["sequence"], unchanged["version"]) == (
        meeting["title"],
        0,
        meeting["version"],
    )


def test_no_answer_to_a_meeting_that_is_over(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/meetings"
    [past] = client.post(base, json=_body(utcnow() - timedelta(hours=3))).json()
    ada = sign_in(new_client(), people["ada"][0])
    response = ada.put(f"{base}/{past['id']}/rsvp", json={"response": "yes"})
    assert response.status_code == 409 and response.json()["type"].endswith("/past")
    assert _field(response) == "response"
    assert ada.get(f"{base}/{past['id']}").json()["my_rsvp"] == "pending"
