"""An influencer downloads everything Botschaft holds about them from the profile (phone)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.browser.helpers import assert_accessible, sign_in


def test_an_influencer_downloads_their_data_on_a_phone(live_server, context_factory):
    page = context_factory(phone=True).new_page()
    sign_in(page, live_server.url, "influencer")
    page.goto(f"{live_server.url}/profile")
    section = page.get_by_role("region", name="Meine Daten herunterladen")
    assert_accessible(page, "profile with my data")
    with page.expect_download() as info:
        section.get_by_role("link", name="Meine Daten herunterladen (ZIP)").click()
    archive = zipfile.ZipFile(Path(info.value.path()))
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["email"] == "sophie.wagner@musterstadt.example"
    assert "posts.csv" in archive.namelist() and data["posts"]
