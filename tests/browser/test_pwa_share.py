"""The installable app on a phone: a valid manifest with a share target and icons, a service
worker that registers, "Share → Botschaft" logging a post in one tap with undo, and a notice
when the device goes offline."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from tests.browser.helpers import assert_accessible, sign_in

SLUG = "wir-sind-musterstadt"


def test_the_manifest_and_service_worker_make_an_installable_app(live_server, context_factory):
    page = context_factory(phone=True).new_page()
    page.goto(f"{live_server.url}/login")
    manifest = page.request.get(f"{live_server.url}/manifest.webmanifest")
    assert manifest.ok and manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    assert data["share_target"]["action"] == "/share"
    assert set(data["share_target"]["params"]) == {"title", "text", "url"}
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    for icon in data["icons"]:
        answer = page.request.get(f"{live_server.url}{icon['src']}")
        assert answer.ok and answer.headers["content-type"] == "image/png"
    assert page.locator('link[rel="apple-touch-icon"]').count() == 1
    active = page.evaluate("() => navigator.serviceWorker.ready.then((r) => Boolean(r.active))")
    assert active is True


def test_sharing_a_linkedin_post_logs_it_in_one_tap_with_undo(live_server, context_factory):
    for lang, w in (
        ("de", {"save": "Beitrag erfassen", "done": "Erfasst!", "undo": "Rückgängig",
                "undone": "Rückgängig gemacht", "tag": "Programm-Hashtag dabei",
                "offline": "Sie sind offline"}),
        ("en", {"save": "Log post", "done": "Logged!", "undo": "Undo", "undone": "Undone",
                "tag": "program hashtag included", "offline": "You are offline"}),
    ):  # fmt: skip
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=True)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "influencer", locale=lang)
        activity = random.randint(10**18, 10**19 - 1)
        link = f"https://www.linkedin.com/posts/sophie-wagner_ausbildung-activity-{activity}-abcd"
        text = f"Unser Tag der offenen Tür #WirSindMusterstadt {link}?utm_source=share"
        page.goto(f"{live_server.url}/share?{urlencode({'text': text})}")
        url_field = page.get_by_role("textbox").first
        url_field.wait_for()
        assert url_field.input_value().startswith(link)
        page.get_by_text(w["tag"]).wait_for()
        assert_accessible(page, f"share target ({lang})")
        page.get_by_role("button", name=w["save"]).click()
        page.get_by_role("heading", name=w["done"]).wait_for()
        posts = page.request.get(
            f"{live_server.url}/api/v1/programs/{_program_id(page, live_server)}/posts"
        ).json()["items"]
        assert any(str(activity) in p["url"] for p in posts)

        page.get_by_role("button", name=w["undo"]).click()
        page.locator(".toast").filter(has_text=w["undone"]).wait_for()
        posts = page.request.get(
            f"{live_server.url}/api/v1/programs/{_program_id(page, live_server)}/posts"
        ).json()["items"]
        assert not any(str(activity) in p["url"] for p in posts)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the share page scrolls sideways ({width}px)"

        context.set_offline(True)
        page.get_by_text(w["offline"]).wait_for()
        context.set_offline(False)
        page.get_by_text(w["offline"]).wait_for(state="detached")


def _program_id(page, live_server) -> str:
    me = page.request.get(f"{live_server.url}/api/v1/me").json()
    return next(p["id"] for p in me["programs"] if p["slug"] == SLUG)
