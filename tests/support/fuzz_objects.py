"""Real objects for the fuzz run: what each operation's path parameters point at.

The demo program has objects of every kind; at start the fuzz run looks them up through the API
(as the core team and the administrator) and makes what the demo lacks (a file, a draft
selection round, an applicant with a private link, an RSVP link, a calendar feed).

Destructive operations (delete, cancel, withdraw, erase, status changes, role changes) never get
the shared objects: each of their examples gets objects of its own, made just before the
request (see FRESH), so the run stays meaningful whatever order the operations run in. Tokens
that other operations replace (the calendar feed, the own application that a withdrawal ends)
are made fresh per example for the same reason.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import create_engine, text

from tests.support.calls import ANSWERS

PRIVATE_LINK = re.compile(r"/application/([A-Za-z0-9_\-]+)")
RSVP_LINK = re.compile(r"/rsvp/([A-Za-z0-9_\-]+)")
FEED_LINK = re.compile(r"/calendar/([A-Za-z0-9_\-]+)\.ics$")


class SetupError(RuntimeError):
    """The fuzz run could not make the objects it needs: a real failure, not a fuzz finding."""


def _ok(response: requests.Response, *expected: int) -> Any:
    if response.status_code not in (expected or (200, 201)):
        raise SetupError(
            f"{response.request.method} {response.url}: {response.status_code} {response.text}"
        )
    return response.json() if response.content else None


@dataclass
class Mailbox:
    """Reads the emails the server queued, straight from its database: the private links and
    RSVP links only ever leave the server in an email body (delivery itself is tested in
    tests/api/test_email.py)."""

    database_url: str

    def __post_init__(self) -> None:
        self._engine = create_engine(self.database_url)

    def last_link(self, to: str, pattern: re.Pattern[str]) -> str:
        with self._engine.connect() as conn:
            bodies = conn.execute(
                text(
                    "SELECT body FROM email_messages WHERE to_address = :to "
                    "ORDER BY created_at DESC"
                ),
                {"to": to},
            ).scalars()
            for body in bodies:
                if match := pattern.search(body):
                    return match.group(1)
        raise SetupError(f"no email to {to} with a link like {pattern.pattern}")

    def close(self) -> None:
        self._engine.dispose()


@dataclass
class RealObjects:
    url: str
    sessions: dict[str, requests.Session]  # signed-in callers
    mailbox: Mailbox
    ids: dict[str, str] = field(default_factory=dict)
    # Per caller: the signed-in caller's own application id (made by the form, as them).
    _serial: itertools.count = field(default_factory=lambda: itertools.count(1))
    setup_requests: int = 0

    # --- plumbing -------------------------------------------------------------------------
    def _call(self, who: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        session = self.sessions[who]
        self.setup_requests += 1
        headers = {"X-CSRF-Token": session.cookies.get("botschaft_csrf", "")}
        return session.request(
            method, f"{self.url}/api/v1{path}", headers=headers, timeout=60, **kwargs
        )

    def _anonymous(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        self.setup_requests += 1
        return requests.request(method, f"{self.url}/api/v1{path}", timeout=60, **kwargs)

    def _unique(self, prefix: str) -> str:
        return f"{prefix}-{next(self._serial)}-{uuid.uuid4().hex[:6]}"

    @property
    def _program(self) -> str:
        return f"/programs/{self.ids['program_id']}"

    # --- the shared objects ---------------------------------------------------------------
    def look_up(self) -> None:
        """The demo's objects, found through the API, plus the few the demo does not have."""
        me = _ok(self._call("core_team", "GET", "/me"))
        self.ids["program_id"] = me["programs"][0]["id"]
        self.ids["core_user_id"] = me["id"]
        p = self._program
        calls = _ok(self._call("core_team", "GET", f"{p}/calls"))
        pilot = next(c for c in calls if c["status"] == "closed")
        open_ = next(c for c in calls if c["status"] == "open")
        self.ids["call_id"] = pilot["id"]  # the pilot: 72 applications and a confirmed round
        self.ids["open_call_id"] = open_["id"]
        self.ids["open_form_token"] = _ok(
            self._call("core_team", "GET", f"{p}/calls/{open_['id']}")
        )["form_token"]
        base = f"{p}/calls/{pilot['id']}"
        apps = _ok(self._call("core_team", "GET", f"{base}/applications"))
        self.ids["application_id"] = apps["items"][0]["id"]
        rounds = _ok(self._call("core_team", "GET", f"{base}/selection-rounds"))
        confirmed = next(r for r in rounds if r["status"] == "confirmed")
        self.ids["round_id"] = confirmed["id"]
        round_ = _ok(self._call("core_team", "GET", f"{base}/selection-rounds/{confirmed['id']}"))
        self.ids["run_id"] = round_["confirmed_run_id"]
        # Its own draft round, so changing and running it leaves the confirmed one as it is.
        draft = _ok(
            self._call(
                "core_team", "POST", f"{base}/selection-rounds", json={"name": "Fuzz", "k": 10}
            )
        )
        self.ids["draft_round_id"] = draft["id"]

        for name, kind in (
            ("cohort_id", "cohorts"),
            ("team_id", "teams"),
            ("module_id", "modules"),
        ):
            self.ids[name] = _ok(self._call("core_team", "GET", f"{p}/{kind}"))[0]["id"]
        briefings = _ok(self._call("core_team", "GET", f"{p}/briefings"))
        self.ids["briefing_id"] = (
            briefings["items"] if isinstance(briefings, dict) else briefings
        )[0]["id"]
        meetings = _ok(self._call("core_team", "GET", f"{p}/meetings"))
        meetings = meetings["items"] if isinstance(meetings, dict) else meetings
        # The upcoming network meeting: RSVP and attendance make sense on it.
        self.ids["meeting_id"] = next(m for m in meetings if m["kind"] == "network")["id"]
        # The influencer's own post: the influencer may read and change it, the core team too.
        posts = _ok(self._call("influencer", "GET", f"{p}/posts", params={"mine": "true"}))
        mine = [x for x in posts["items"] if x["member_id"] == self.member_of("influencer")]
        self.ids["post_id"] = mine[0]["id"]
        self.ids["outcome_id"] = _ok(self._call("core_team", "GET", f"{p}/outcomes"))["items"][0][
            "id"
        ]
        members = _ok(self._call("core_team", "GET", f"{p}/members"))["items"]
        self.ids["member_id"] = self.member_of("influencer", members)
        self.ids["note_id"] = self.new_note()
        self.ids["reading_id"] = self.new_reading()
        self.ids["inbound_id"] = self.new_inbound()
        self.ids["question_id"] = self.new_question()
        self.ids["topic_id"] = self.new_topic()
        # Shared by the operations that only read it; confirming takes a fresh one (FRESH).
        self.ids["request_id"] = self.new_erasure_request()
        self.ids["user_id"] = self.ids["core_user_id"]
        self.ids["file_id"] = _ok(
            self._call(
                "core_team",
                "POST",
                f"{p}/files",
                files={"file": ("leitfaden.pdf", b"%PDF-1.4\n%fuzz\n", "application/pdf")},
            )
        )["id"]

        # The applicant: applies through the public form; the private link comes by email.
        self.ids["applicant_token"] = self.new_applicant_link()
        # An RSVP link: a meeting of its own (so no fuzzed update or cancel touches it) invites
        # every influencer by email.
        meeting = self.new_meeting()
        influencer_email = _ok(self._call("influencer", "GET", "/me"))["email"]
        self.ids["rsvp_token"] = self.mailbox.last_link(influencer_email, RSVP_LINK)
        self.ids["rsvp_meeting_id"] = meeting

    def member_of(self, caller: str, members: list[dict] | None = None) -> str:
        key = f"{caller}_member_id"
        if key not in self.ids:
            email = _ok(self._call(caller, "GET", "/me"))["email"]
            members = (
                members or _ok(self._call("core_team", "GET", f"{self._program}/members"))["items"]
            )
            self.ids[key] = next(m["id"] for m in members if m["email"] == email)
        return self.ids[key]

    # --- fresh objects, one per example of a destructive operation -------------------------
    def new_note(self) -> str:
        """A support note of the core team about the influencer."""
        path = f"{self._program}/influencers/{self.member_of('influencer')}/notes"
        return _ok(self._call("core_team", "POST", path, json={"text": "Kurz nachfragen"}), 201)[
            "id"
        ]

    def new_reading(self) -> str:
        """A follower count of the influencer (recorded by the core team)."""
        body = {"platform": "linkedin", "followers": 480, "member_id": self.member_of("influencer")}
        return _ok(self._call("core_team", "POST", f"{self._program}/followers", json=body), 201)[
            "id"
        ]

    def new_inbound(self) -> str:
        """A request the influencer received."""
        return self._create("influencer", "requests", {"type": "speaker", "channel": "email"})

    def new_question(self) -> str:
        """A question the influencer noted."""
        return self._create("influencer", "questions", {"text": "Sind Tattoos erlaubt?"})

    def new_topic(self) -> str:
        """A topic with one question in it (so it can be turned into a briefing)."""
        topic = self._create("core_team", "questions/topics", {"name": self._unique("Thema")})
        body = {"topic_id": topic}
        path = f"{self._program}/questions/{self.new_question()}"
        _ok(self._call("core_team", "PATCH", path, json=body))
        return topic

    def new_applicant_link(self) -> str:
        email = f"{self._unique('bewerberin')}@example.org"
        body = {
            "name": "Mia Brand",
            "email": email,
            "locale": "de",
            "answers": dict(ANSWERS),
            "privacy_version": 1,
            "consent_version": 1,
            "accept_privacy": True,
            "accept_consent": True,
        }
        _ok(
            self._anonymous(
                "POST", f"/public/calls/{self.ids['open_form_token']}/applications", json=body
            ),
            202,
        )
        return self.mailbox.last_link(email, PRIVATE_LINK)

    def own_application(self, caller: str) -> str:
        """The caller's application to the open call, submitted (again) through the form as
        them: a signed-in person has one per call, and submitting undoes a withdrawal."""
        if caller not in self.sessions:
            return self.ids["application_id"]
        body = {
            "name": "Fuzz",
            "locale": "de",
            "answers": dict(ANSWERS),
            "privacy_version": 1,
            "consent_version": 1,
            "accept_privacy": True,
            "accept_consent": True,
        }
        token = self.ids["open_form_token"]
        _ok(self._call(caller, "POST", f"/public/calls/{token}/applications", json=body), 202)
        mine = _ok(self._call(caller, "GET", "/me/applications"))
        return next(
            a["id"] for a in mine if a["form_token"] == token and a["status"] == "submitted"
        )

    def new_feed_token(self) -> str:
        feed = _ok(self._call("influencer", "POST", "/calendar/feed"), 201)
        return FEED_LINK.search(feed["url"]).group(1)

    def new_member(self) -> str:
        email = f"{self._unique('mitglied')}@musterstadt.example"
        body = {"email": email, "name": "Fuzz Mitglied", "role": "influencer"}
        return _ok(self._call("core_team", "POST", f"{self._program}/members", json=body), 201)[
            "id"
        ]

    def new_user(self) -> str:
        email = f"{self._unique('konto')}@musterstadt.example"
        body = {"email": email, "name": "Fuzz Konto", "role": "influencer"}
        return _ok(self._call("admin", "POST", "/users", json=body), 201)["id"]

    def new_erasure_request(self) -> str:
        """A new influencer of the demo program who has asked to be erased (their own request,
        made signed in as them), for the core team or an administrator to confirm."""
        email = f"{self._unique('loeschen')}@musterstadt.example"
        body = {"email": email, "name": "Fuzz Löschantrag", "role": "influencer"}
        user = _ok(self._call("admin", "POST", "/users", json=body), 201)
        password = "Fuzz-Loeschantrag-2026-lang"
        update = {"password": password, "version": user["version"]}
        _ok(self._call("admin", "PATCH", f"/users/{user['id']}", json=update))
        member = {"email": email, "name": "Fuzz Löschantrag", "role": "influencer"}
        _ok(self._call("core_team", "POST", f"{self._program}/members", json=member), 201)
        person = requests.Session()
        self.setup_requests += 2
        signed_in = person.post(
            f"{self.url}/api/v1/auth/login", json={"email": email, "password": password}, timeout=60
        )
        _ok(signed_in)
        headers = {"X-CSRF-Token": person.cookies.get("botschaft_csrf", "")}
        _ok(
            person.put(
                f"{self.url}/api/v1/me/erasure-request", json={}, headers=headers, timeout=60
            )
        )
        person.close()
        requests_ = _ok(self._call("core_team", "GET", "/erasure-requests"))
        return next(r["id"] for r in requests_ if r["email"] == email)

    def _create(self, who: str, kind: str, body: dict) -> str:
        return _ok(self._call(who, "POST", f"{self._program}/{kind}", json=body), 201)["id"]

    def new_cohort(self) -> str:
        return self._create("core_team", "cohorts", {"name": self._unique("Welle")})

    def new_team(self) -> str:
        return self._create("core_team", "teams", {"name": self._unique("Team")})

    def new_module(self) -> str:
        return self._create("core_team", "modules", {"title": self._unique("Modul")})

    def new_briefing(self) -> str:
        return self._create(
            "core_team",
            "briefings",
            {"kind": "briefing", "stance": "info", "title": self._unique("Briefing")},
        )

    def new_meeting(self) -> str:
        starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
        body = {
            "kind": "network",
            "title": self._unique("Treffen"),
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            # One invitee (the demo influencer) keeps the invitation emails few.
            "audience": {"kind": "people", "member_ids": [self.member_of("influencer")]},
        }
        # Answers the list of occurrences (one here: no recurrence).
        return _ok(self._call("core_team", "POST", f"{self._program}/meetings", json=body), 201)[0][
            "id"
        ]

    def new_post(self) -> str:
        url = f"https://www.linkedin.com/posts/fuzz_{self._unique('post')}"
        return self._create("influencer", "posts", {"url": url})

    def new_outcome(self) -> str:
        return self._create("influencer", "outcomes", {"type": "speaker_request"})

    def new_call(self) -> str:
        now = datetime.now(UTC).replace(microsecond=0)
        body = {
            "title": self._unique("Aufruf"),
            "opens_at": (now - timedelta(days=1)).isoformat(),
            "closes_at": (now + timedelta(days=14)).isoformat(),
            "template": "reference",
        }
        return self._create("core_team", "calls", body)

    def new_round_on_open_call(self) -> str:
        """A draft round with a run, on the open call: confirming it never replaces the demo
        pilot's confirmed round."""
        base = f"{self._program}/calls/{self.ids['open_call_id']}/selection-rounds"
        round_ = _ok(
            self._call("core_team", "POST", base, json={"name": self._unique("Runde"), "k": 3}), 201
        )
        _ok(self._call("core_team", "POST", f"{base}/{round_['id']}/runs"), 201)
        return round_["id"]


Plant = Callable[[RealObjects, str], dict[str, str]]

# Operations whose examples each get objects of their own (made before the request), because
# they delete, cancel, end or change the roles of what they are given.
FRESH: dict[str, Plant] = {
    "users_update": lambda o, c: {"user_id": o.new_user()},
    # A fresh account without a password: the invitation goes out (and no demo sign-in changes).
    "users_invite": lambda o, c: {"user_id": o.new_user()},
    "members_update": lambda o, c: {"member_id": o.new_member()},
    "members_invite": lambda o, c: {"member_id": o.new_member()},
    "members_remove": lambda o, c: {"member_id": o.new_member()},
    "cohorts_assign_member": lambda o, c: {"member_id": o.new_member()},
    "cohorts_member_status": lambda o, c: {"member_id": o.new_member()},
    "cohorts_delete": lambda o, c: {"cohort_id": o.new_cohort()},
    "teams_delete": lambda o, c: {"team_id": o.new_team()},
    "modules_delete": lambda o, c: {"module_id": o.new_module()},
    "briefings_delete": lambda o, c: {"briefing_id": o.new_briefing()},
    "meetings_cancel": lambda o, c: {"meeting_id": o.new_meeting()},
    "posts_delete": lambda o, c: {"post_id": o.new_post()},
    "support_notes_delete": lambda o, c: {"note_id": o.new_note()},
    "followers_delete": lambda o, c: {"reading_id": o.new_reading()},
    "requests_delete": lambda o, c: {"inbound_id": o.new_inbound()},
    "questions_delete": lambda o, c: {"question_id": o.new_question()},
    "questions_topics_delete": lambda o, c: {"topic_id": o.new_topic()},
    "questions_topics_turn": lambda o, c: {"topic_id": o.new_topic()},
    "erasure_requests_confirm": lambda o, c: {"request_id": o.new_erasure_request()},
    "outcomes_delete": lambda o, c: {"outcome_id": o.new_outcome()},
    "calls_update": lambda o, c: {"call_id": o.new_call()},
    "calls_delete": lambda o, c: {"call_id": o.new_call()},
    "calls_transition": lambda o, c: {"call_id": o.new_call()},
    "calls_questions_replace": lambda o, c: {"call_id": o.new_call()},
    "selection_confirm": lambda o, c: {
        "call_id": o.ids["open_call_id"],
        "round_id": o.new_round_on_open_call(),
    },
    "public_application_withdraw": lambda o, c: {"token": o.new_applicant_link()},
    "public_application_erase": lambda o, c: {"token": o.new_applicant_link()},
    # One application per person and call: all three get the caller's, submitted again.
    "me_applications_edit": lambda o, c: {"application_id": o.own_application(c)},
    "me_applications_withdraw": lambda o, c: {"application_id": o.own_application(c)},
    "me_applications_erase": lambda o, c: {"application_id": o.own_application(c)},
    # Creating or deleting the feed replaces the token.
    "calendar_feed": lambda o, c: {"token": o.new_feed_token()},
}

OPENED_BY_TOKEN = {"public_application_withdraw", "public_application_erase", "calendar_feed"}

# Operations that share objects but not the defaults by parameter name.
SHARED: dict[str, Callable[[RealObjects], dict[str, str]]] = {
    "public_call_get": lambda o: {"token": o.ids["open_form_token"]},
    "public_application_submit": lambda o: {"token": o.ids["open_form_token"]},
    "public_application_get": lambda o: {"token": o.ids["applicant_token"]},
    "public_application_edit": lambda o: {"token": o.ids["applicant_token"]},
    "public_application_data": lambda o: {"token": o.ids["applicant_token"]},
    "meetings_rsvp_link": lambda o: {"token": o.ids["rsvp_token"]},
    "meetings_rsvp_link_answer": lambda o: {"token": o.ids["rsvp_token"]},
    "selection_rounds_update": lambda o: {"round_id": o.ids["draft_round_id"]},
    "selection_quota_proposal": lambda o: {"round_id": o.ids["draft_round_id"]},
    "selection_run": lambda o: {"round_id": o.ids["draft_round_id"]},
}


def plant(objects: RealObjects, operation_id: str, caller: str, names: list[str]) -> dict[str, str]:
    """Real values for an operation's path parameters (by name, then per operation)."""
    values = {name: objects.ids[name] for name in names if name in objects.ids}
    if operation_id in SHARED:
        values.update(SHARED[operation_id](objects))
    # The applicant (no sign-in) is refused before any object is looked at, except where a
    # token in the path is the key: fresh objects would be made for nothing.
    wasted = caller == "applicant" and operation_id not in OPENED_BY_TOKEN
    if operation_id in FRESH and not wasted:
        values.update(FRESH[operation_id](objects, caller))
    missing = set(names) - set(values)
    if missing:
        raise SetupError(f"{operation_id}: no real value for {sorted(missing)}")
    return values
