"""`cmo serve` in a real browser: token, coding, two coders, clean stop."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def open_first_transcript(tab) -> None:
    tab.wait_for("cirkel-client1")
    tab.page.click("#terminal")
    tab.keys("Enter", pause=400)
    tab.wait_for("Hoe ben je bij De Cirkel")


def code_selection(tab, code: str) -> None:
    tab.keys("c", pause=400)
    tab.type(code)
    tab.keys("Enter", pause=600)


def wait_for_codings(served, count: int, timeout: float = 10.0) -> list:
    started = time.perf_counter()
    while len(rows := served.codings()) < count and time.perf_counter() - started < timeout:
        time.sleep(0.1)
    return rows


def test_code_a_sentence_in_the_browser(serve, open_tab):
    served = serve("--coder", "anna")
    tab = open_tab(served.address)
    open_first_transcript(tab)
    assert "coder anna" in tab.text()  # the workbench names its coder on screen
    tab.keys("j")
    code_selection(tab, "m3b")
    ((code, coder, text),) = wait_for_codings(served, 1)
    assert (code, coder) == ("M3b", "anna")
    assert text.strip() and text == text.strip()  # a whole sentence, not a stray span
    assert text in served.project.joinpath("..", "cirkel-client1.txt").read_text("utf-8")


def test_without_the_token_nothing_is_served_and_no_workbench_starts(serve, open_tab):
    served = serve("--coder", "anna")
    for path in ["/", "/static/js/textual.js", "/ws/anything", "/download/x", "/?token=wrong"]:
        assert status_of(served.base + path) == 403, path
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    assert status_of(served.base + "/ws/anything", upgrade) == 403
    tab = open_tab(served.base + "/")
    assert tab.responses[:1] == [403]
    tab.page.wait_for_timeout(1500)
    assert tab.frames == [] and served.workbenches() == []
    # With the token the page is served and sets a cookie; the address bar loses the token.
    tab.page.goto(served.address)
    assert "token" not in tab.page.url
    tab.wait_for("cirkel-client1")
    assert len(served.workbenches()) == 1


def test_a_websocket_from_another_origin_is_refused(serve, open_tab):
    served = serve("--coder", "anna")
    tab = open_tab(served.address)
    tab.wait_for("cirkel-client1")
    cookie = next(c for c in tab.context.cookies() if c["name"] == "cmo_serve_token")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Origin": "http://evil.example",
        "Cookie": f"cmo_serve_token={cookie['value']}",
    }
    assert status_of(served.base + "/ws/anything", upgrade) == 403


def test_two_tabs_two_coders_see_each_other(serve, open_tab):
    served = serve()  # no --coder: each tab asks
    anna = open_tab(served.address)
    anna.page.fill("#coder", "anna")
    anna.page.click("button[type=submit]")
    bram = open_tab(served.address)
    bram.page.fill("#coder", "bram")
    bram.page.click("button[type=submit]")
    for tab in (anna, bram):
        open_first_transcript(tab)
        tab.keys("j")
    assert "codes here: M1c" not in bram.repaint()
    code_selection(anna, "m1c")
    wait_for_codings(served, 1)
    bram.page.wait_for_timeout(4000)  # the workbench looks for others' changes every 3 s
    assert "codes here: M1c" in bram.repaint()
    code_selection(bram, "m2a")
    rows = wait_for_codings(served, 2)
    assert sorted((code, coder) for code, coder, _ in rows) == [("M1c", "anna"), ("M2a", "bram")]
    assert rows[0][2] == rows[1][2]  # the same sentence, coded by each


def test_ctrl_c_ends_every_workbench_and_keeps_the_codings(serve, open_tab):
    served = serve("--coder", "anna")
    tabs = [open_tab(served.address) for _ in range(2)]
    for tab in tabs:
        open_first_transcript(tab)
    tabs[0].keys("j")
    code_selection(tabs[0], "m4")
    assert wait_for_codings(served, 1)
    assert len(served.workbenches()) == 2
    assert served.stop() == 0
    assert served.workbenches() == []
    assert [(code, coder) for code, coder, _ in served.codings()] == [("M4", "anna")]


def test_upload_a_corrected_transcript_and_replace_it_from_the_page(serve, open_tab, tmp_path):
    served = serve("--coder", "anna")
    tab = open_tab(served.address)
    open_first_transcript(tab)
    corrected = tmp_path / "upload" / "cirkel client1 (gecorrigeerd).txt"
    corrected.parent.mkdir()
    original = served.project.joinpath("..", "cirkel-client1.txt").read_text("utf-8")
    corrected.write_text(original.replace("laagdrempelig", "heel laagdrempelig"), "utf-8")
    tab.page.set_input_files("#upload", str(corrected))
    tab.page.wait_for_function("document.getElementById('uploaded').textContent.length > 0")
    note = tab.page.inner_text("#uploaded")
    stored = served.project / "uploads" / "cirkel-client1-gecorrigeerd-.txt"
    assert str(stored) in note
    assert stored.read_bytes() == corrected.read_bytes()
    assert stored.stat().st_mode & 0o777 == 0o600
    tab.page.click("#terminal")
    tab.keys("Control+r", pause=600)
    tab.wait_for("path on the server")
    tab.type(str(stored))
    tab.keys("Enter", pause=1500)
    import sqlite3

    with sqlite3.connect(served.project / "cmo.db") as db:
        (text,) = db.execute("SELECT text FROM transcript").fetchone()
    assert "heel laagdrempelig" in text


def test_an_upload_of_another_kind_is_refused(serve, open_tab, tmp_path):
    served = serve("--coder", "anna")
    tab = open_tab(served.address)
    tab.wait_for("cirkel-client1")
    script = tmp_path / "evil.sh"
    script.write_text("echo hi\n")
    tab.page.set_input_files("#upload", str(script))
    tab.page.wait_for_function("document.getElementById('uploaded').textContent.length > 0")
    assert "use one of" in tab.page.inner_text("#uploaded")
    assert not (served.project / "uploads").exists() or not any(
        (served.project / "uploads").iterdir()
    )
