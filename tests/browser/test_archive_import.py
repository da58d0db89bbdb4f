"""An influencer on her phone uploads her LinkedIn data archive, sees the posts with the
program hashtag ticked, adds one more and logs three in one tap (English); on a desktop in
German, an Instagram archive asks for the links it does not have."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.browser.helpers import assert_accessible, sign_in
from tests.support import archives
from tests.support.clock import local_today

SLUG = "wir-sind-musterstadt"
TODAY = local_today()
DAYS = [TODAY - timedelta(days=n) for n in (1, 2, 4)]


def _open(page, base_url: str, title: str) -> None:
    page.goto(f"{base_url}/p/{SLUG}/my-posts")
    page.locator("summary", has_text=title).click()


def test_an_archive_upload_logs_three_posts_on_a_phone(server, context_factory, tmp_path):
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    archive.write_bytes(archives.linkedin(DAYS))
    context = context_factory(locale="en-GB", phone=True)
    context.add_init_script("localStorage.setItem('botschaft.locale', 'en')")
    page = context.new_page()
    sign_in(page, server.url, "influencer", locale="en")
    _open(page, server.url, "Log posts from my data archive")
    page.get_by_text(
        "Messages, contacts and everything else in the archive are never opened"
    ).wait_for()
    page.get_by_label("Archive (ZIP) or posts file").set_input_files(str(archive))
    page.get_by_role("button", name="Read archive").click()
    page.get_by_text("3 posts from LinkedIn found.").wait_for()
    posts = page.get_by_role("list", name="Posts in the archive")
    boxes = posts.get_by_role("checkbox")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert archives.NEVER_READ not in page.content()
    assert_accessible(page, "archive preview (en, phone)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    page.locator(
        "details", has=page.locator("summary", has_text="Log posts from my data archive")
    ).screenshot(path=str(tmp_path / "archive-phone.png"))
    boxes.nth(1).check()
    page.get_by_role("button", name="Log 3 posts").click()
    page.locator(".toast").filter(has_text="3 posts from the archive are logged.").wait_for()
    table = page.locator("table", has=page.get_by_text("Posts", exact=False)).last
    table.locator("tbody tr").nth(2).wait_for()

    # The same archive again: all three are marked as logged and none is ticked.
    _open(page, server.url, "Log posts from my data archive")
    page.get_by_label("Archive (ZIP) or posts file").set_input_files(str(archive))
    page.get_by_role("button", name="Read archive").click()
    page.get_by_text("3 posts from LinkedIn found.").wait_for()
    assert (
        page.get_by_role("list", name="Posts in the archive").get_by_text("already logged").count()
        == 3
    )
    page.get_by_role("button", name="Log 0 posts").click()
    page.get_by_text("Select at least one post.").wait_for()


def test_instagram_posts_need_their_link_pasted(server, context_factory, tmp_path):
    archive = tmp_path / "instagram.zip"
    archive.write_bytes(archives.instagram([TODAY - timedelta(days=6), TODAY - timedelta(days=7)]))
    context = context_factory(locale="de-DE")
    context.add_init_script("localStorage.setItem('botschaft.locale', 'de')")
    page = context.new_page()
    sign_in(page, server.url, "influencer")
    _open(page, server.url, "Beiträge aus meinem Datenarchiv übernehmen")
    page.get_by_label("Archiv (ZIP) oder Beitragsdatei").set_input_files(str(archive))
    page.get_by_role("button", name="Archiv lesen").click()
    page.get_by_text("2 Beiträge von Instagram gefunden.").wait_for()
    page.get_by_text("Grüße aus dem Rathaus").first.wait_for()
    page.get_by_role("button", name="1 Beitrag erfassen").click()
    page.get_by_text("Bitte fügen Sie den Link zum Beitrag ein.").wait_for()
    assert_accessible(page, "archive preview with a missing link (de, desktop)")
    page.get_by_label(re.compile("^Link zum Beitrag vom ")).fill(
        "https://www.instagram.com/p/CarchivTest1/"
    )
    page.get_by_role("button", name="1 Beitrag erfassen").click()
    page.locator(".toast").filter(has_text="1 Beitrag aus dem Archiv ist erfasst.").wait_for()
    bad = tmp_path / "notes.txt"
    bad.write_text("nur eine Notiz")
    _open(page, server.url, "Beiträge aus meinem Datenarchiv übernehmen")
    page.get_by_label("Archiv (ZIP) oder Beitragsdatei").set_input_files(str(bad))
    page.get_by_role("button", name="Archiv lesen").click()
    page.get_by_text("In dieser Datei sind keine Beiträge zu finden.").wait_for()
