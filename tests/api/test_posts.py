"""Post logging, figures and outcomes: influencers on their own, the core team for anyone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from botschaft.posts.models import MAX_COUNT, Outcome, Post, PostMetricSnapshot
from tests.support.api import sign_in
from tests.support.clock import local_today
from tests.support.factories import make_team

LINKEDIN = "https://www.linkedin.com/posts/ada_wirsindstadt-activity-1?utm_source=share"


@pytest.fixture
def team(db):
    return make_team(db, hashtags=["#WirSindStadt"], timezone="Europe/Berlin")


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_influencer_logs_a_post_by_pasting_its_url(client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    response = client.post(
        f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN, "hashtags": ["wirsindstadt"]}
    )
    assert response.status_code == 201, response.text
    post = response.json()
    assert post["platform"] == "linkedin"
    assert post["normalized_url"] == "https://linkedin.com/posts/ada_wirsindstadt-activity-1"
    assert post["member_id"] == str(people["ada"][1])
    assert post["uses_program_hashtag"] is True
    assert post["published_on"] == local_today().isoformat() or post["published_on"]
    assert (post["engagements"], post["engagement_rate"]) == (0, None)


def test_the_same_post_twice_is_a_conflict_showing_the_existing_one(client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    first = client.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN}).json()
    again = client.post(
        f"/api/v1/programs/{program}/posts",
        json={"url": "linkedin.com/posts/ada_wirsindstadt-activity-1/"},
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    body = again.json()
    assert body["errors"][0]["field"] == "url" and body["existing"]["id"] == first["id"]
    assert _count(db, Post) == 1


@pytest.mark.parametrize(
    ("first", "second", "key"),
    [
        (
            "https://www.linkedin.com/posts/ada_stadt-activity-7150123456789012345-AbCd?utm_source=share",
            "https://www.linkedin.com/feed/update/urn:li:activity:7150123456789012345/",
            "linkedin:activity:7150123456789012345",
        ),
        (
            "https://www.linkedin.com/feed/update/urn:li:activity:7150123456789012345/",
            "https://de.linkedin.com/posts/ada_stadt-activity-7150123456789012345-AbCd",
            "linkedin:activity:7150123456789012345",
        ),
        (
            "https://www.instagram.com/reel/DMs123/?igsh=MXh0",
            "https://instagram.com/p/DMs123",
            "instagram:DMs123",
        ),
        (
            "https://www.tiktok.com/@stadt/video/7450000000000000001?is_from_webapp=1",
            "https://m.tiktok.com/v/7450000000000000001.html",
            "tiktok:7450000000000000001",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "youtube:dQw4w9WgXcQ",
        ),
    ],
)
def test_one_post_by_two_link_forms_is_a_conflict(client, db, team, first, second, key):
    program, people = team
    sign_in(client, people["ada"][0])
    logged = client.post(f"/api/v1/programs/{program}/posts", json={"url": first})
    assert logged.status_code == 201, logged.text
    assert logged.json()["post_key"] == key and logged.json()["url"] == first
    again = client.post(f"/api/v1/programs/{program}/posts", json={"url": second})
    assert again.status_code == 409
    body = again.json()
    assert body["type"].endswith("/duplicate_post") and body["errors"][0]["field"] == "url"
    assert body["existing"]["id"] == logged.json()["id"]
    assert body["existing"]["url"] == first, "the link logged first stays"
    assert _count(db, Post) == 1


def test_share_and_activity_ids_are_different_posts(client, db, team):
    """urn:li:share IDs are other numbers than activity IDs: without LinkedIn's API they
    cannot be tied to each other, so each is its own post."""
    program, people = team
    sign_in(client, people["ada"][0])
    for url in (
        "https://www.linkedin.com/feed/update/urn:li:activity:7150123456789012345/",
        "https://www.linkedin.com/feed/update/urn:li:share:7150123456789012345/",
        "https://www.linkedin.com/feed/update/urn:li:ugcPost:7150123456789012345/",
    ):
        assert (
            client.post(f"/api/v1/programs/{program}/posts", json={"url": url}).status_code == 201
        )
    assert _count(db, Post) == 3


def test_another_influencer_learns_it_exists_but_not_whose_it_is(client, new_client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    client.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN})
    bob = sign_in(new_client(), people["bob"][0])
    again = bob.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN})
    assert again.status_code == 409 and again.json().get("existing") is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "ftp://example.org/post"}, "url"),
        (
            {"url": LINKEDIN, "published_on": (local_today() + timedelta(days=2)).isoformat()},
            "published_on",
        ),
        ({"url": LINKEDIN, "format": "hologram"}, "format"),
        ({"url": LINKEDIN, "surprise": 1}, "surprise"),
    ],
)
def test_bad_posts_name_the_field_and_store_nothing(client, db, team, body, field):
    program, people = team
    sign_in(client, people["ada"][0])
    response = client.post(f"/api/v1/programs/{program}/posts", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert _count(db, Post) == 0


def test_influencers_cannot_log_for_someone_else_but_the_core_team_can(
    client, new_client, db, team
):
    program, people = team
    sign_in(client, people["ada"][0])
    refused = client.post(
        f"/api/v1/programs/{program}/posts",
        json={"url": LINKEDIN, "member_id": str(people["bob"][1])},
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "member_id"
    core = sign_in(new_client(), people["core"][0])
    missing = core.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "member_id"
    not_influencer = core.post(
        f"/api/v1/programs/{program}/posts",
        json={"url": LINKEDIN, "member_id": str(people["hr"][1])},
    )
    assert not_influencer.status_code == 422
    logged = core.post(
        f"/api/v1/programs/{program}/posts",
        json={"url": LINKEDIN, "member_id": str(people["bob"][1])},
    )
    assert logged.status_code == 201 and logged.json()["member_id"] == str(people["bob"][1])


def test_influencers_see_and_change_only_their_own_posts(client, new_client, db, team):
    program, people = team
    ada = sign_in(client, people["ada"][0])
    post = ada.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN}).json()
    bob = sign_in(new_client(), people["bob"][0])
    base = f"/api/v1/programs/{program}/posts/{post['id']}"
    assert bob.get(f"/api/v1/programs/{program}/posts").json()["total"] == 0
    assert bob.get(base).status_code == 404
    assert bob.patch(base, json={"version": 1, "topic": "mine"}).status_code == 404
    assert bob.post(f"{base}/figures", json={"likes": 5}).status_code == 404
    assert bob.delete(base).status_code == 404
    core = sign_in(new_client(), people["core"][0])
    assert core.get(f"/api/v1/programs/{program}/posts").json()["total"] == 1
    hr = sign_in(new_client(), people["hr"][0])
    assert hr.get(f"/api/v1/programs/{program}/posts").status_code == 403
    updated = ada.patch(base, json={"version": 1, "topic": "Ausbildung", "format": "video"})
    assert updated.status_code == 200 and updated.json()["topic"] == "Ausbildung"
    stale = ada.patch(base, json={"version": 1, "topic": "lost"})
    assert stale.status_code == 409
    assert ada.delete(base).status_code == 204
    assert _count(db, Post) == 0


def test_figures_keep_their_history_and_the_latest_counts(client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    post = client.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN}).json()
    base = f"/api/v1/programs/{program}/posts/{post['id']}/figures"
    first = client.post(
        base,
        json={
            "read_at": "2026-01-02T10:00:00+01:00",
            "impressions": 1000,
            "likes": 40,
            "comments": 8,
            "shares": 2,
        },
    )
    assert first.status_code == 200
    assert first.json()["engagements"] == 50 and first.json()["engagement_rate"] == 5.0
    later = client.post(
        base,
        json={
            "read_at": "2026-01-09T10:00:00+01:00",
            "impressions": 2000,
            "likes": 90,
            "comments": 9,
            "shares": 1,
        },
    )
    assert later.json()["likes"] == 90
    # An older reading entered afterwards joins the history but does not replace the latest.
    older = client.post(base, json={"read_at": "2026-01-05T10:00:00+01:00", "likes": 60})
    assert older.json()["likes"] == 90
    # The same reading again (a repeated import) makes no second snapshot.
    client.post(base, json={"read_at": "2026-01-05T10:00:00+01:00", "likes": 61})
    history = client.get(base).json()
    assert [h["likes"] for h in history] == [40, 61, 90]
    assert _count(db, PostMetricSnapshot) == 3
    negative = client.post(base, json={"likes": -1})
    assert negative.status_code == 422 and negative.json()["errors"][0]["field"] == "likes"
    text = client.post(base, json={"likes": "many"})
    assert text.status_code == 422 and text.json()["errors"][0]["field"] == "likes"


def test_counts_up_to_the_limit_are_stored_larger_ones_are_refused(client, db, team):
    """The fuzz run found likes of 10 billion answered 500 on PostgreSQL (32-bit columns, and
    likes + comments + shares summed in 32 bits): the limit fits both, on both databases."""
    program, people = team
    sign_in(client, people["ada"][0])
    post = client.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN}).json()
    base = f"/api/v1/programs/{program}/posts/{post['id']}/figures"
    biggest = {m: MAX_COUNT for m in ("impressions", "likes", "comments", "shares", "saves")}
    stored = client.post(base, json=biggest)
    assert stored.status_code == 200, stored.text
    assert stored.json()["engagements"] == 3 * MAX_COUNT
    top = client.get(f"/api/v1/programs/{program}/posts").json()["items"][0]
    assert top["likes"] == MAX_COUNT
    for metric in ("impressions", "likes", "shares", "clicks"):
        too_big = client.post(base, json={metric: 10_000_000_000})
        assert too_big.status_code == 422, too_big.text
        assert too_big.json()["errors"][0]["field"] == metric
        many = client.post(
            f"/api/v1/programs/{program}/posts/figures",
            json={"items": [{"post_id": post["id"], metric: MAX_COUNT + 1}]},
        )
        assert many.status_code == 422, many.text


def test_outcomes_attributed_to_a_post_show_on_it(client, new_client, db, team):
    program, people = team
    ada = sign_in(client, people["ada"][0])
    post = ada.post(f"/api/v1/programs/{program}/posts", json={"url": LINKEDIN}).json()
    created = ada.post(
        f"/api/v1/programs/{program}/outcomes",
        json={
            "type": "internship_request",
            "post_id": post["id"],
            "note": "Schülerin fragt nach Praktikum",
        },
    )
    assert created.status_code == 201
    assert ada.get(f"/api/v1/programs/{program}/posts/{post['id']}").json()["outcomes"] == 1
    bob = sign_in(new_client(), people["bob"][0])
    foreign = bob.post(
        f"/api/v1/programs/{program}/outcomes", json={"type": "hire", "post_id": post["id"]}
    )
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "post_id"
    assert bob.get(f"/api/v1/programs/{program}/outcomes").json()["total"] == 0
    future = ada.post(
        f"/api/v1/programs/{program}/outcomes",
        json={"type": "hire", "occurred_on": (local_today() + timedelta(days=3)).isoformat()},
    )
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "occurred_on"
    assert _count(db, Outcome) == 1


def test_an_influencer_updates_all_recent_posts_at_once_all_or_nothing(client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    base = f"/api/v1/programs/{program}/posts"
    mine = [
        client.post(base, json={"url": f"https://www.instagram.com/p/bulk{i}/"}).json()
        for i in range(2)
    ]
    response = client.post(
        f"{base}/figures",
        json={
            "items": [
                {"post_id": mine[0]["id"], "likes": 10, "comments": 2, "impressions": 400},
                {"post_id": mine[1]["id"], "likes": 5},
            ]
        },
    )
    assert response.status_code == 200, response.text
    assert [(p["likes"], p["impressions"]) for p in response.json()] == [(10, 400), (5, None)]

    sign_in(client, people["bob"][0])
    bobs = client.post(base, json={"url": "https://www.instagram.com/p/bobbulk/"}).json()
    refused = client.post(
        f"{base}/figures",
        json={
            "items": [
                {"post_id": bobs["id"], "likes": 99},
                {"post_id": mine[0]["id"], "likes": 0},
            ]
        },
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "items[1].post_id"
    assert client.get(f"{base}/{bobs['id']}").json()["likes"] == 0, "nothing was stored"
    negative = client.post(
        f"{base}/figures", json={"items": [{"post_id": bobs["id"], "likes": -1}]}
    )
    assert negative.status_code == 422
