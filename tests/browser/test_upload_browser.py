"""In a real browser: an upload shows its progress; a hostile workbook is refused with a message and costs the app nothing."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from exports.demo import load_demo
from exports.workbook import to_xlsx
from tests.browser.conftest import shot
from tests.support import hostile_xlsx as hostile

MB = 1024 * 1024

# Records every text the page shows under "Checking the file", however briefly.
_WATCH_PROGRESS = """() => {
  window.__progress = [];
  new MutationObserver(() => {
    for (const bar of document.querySelectorAll("[data-testid='stProgress']")) {
      const text = bar.innerText.trim();
      if (text && !window.__progress.includes(text)) window.__progress.push(text);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def _rss(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))


def _children(pid: int) -> list[str]:
    return [
        c for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()
    ]


def _upload(page, path: Path) -> None:
    page.locator("[data-testid='stFileUploader'] input[type=file]").first.set_input_files(str(path))


def test_hostile_workbooks_are_refused_on_the_start_page_and_the_app_stays_as_it_was(
    new_page, app_server, tmp_path
):
    page = new_page(app_server.url)
    page.get_by_text("Open a workshop file").wait_for()
    pid = app_server.proc.pid
    before = _rss(pid)
    dense = tmp_path / "persona sheets.xlsx"
    dense.write_bytes(hostile.dense_workbook())
    _upload(page, dense)
    refusal = page.get_by_text("Nothing was imported")
    refusal.wait_for(timeout=60_000)
    expect(page.get_by_text("more than 150,000 cells")).to_be_visible()
    shot(page, "upload-refused-dense")

    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(
        hostile.lying_bomb(to_xlsx(load_demo(), charts=False), "xl/worksheets/sheet2.xml", 2200 * MB)
    )
    _upload(page, bomb)
    page.get_by_text("inflates to more than its header says").wait_for(timeout=60_000)
    shot(page, "upload-refused-bomb")
    # Gigabytes in the files; the server grew by what holding two small uploads costs, and no reader is left.
    assert _rss(pid) - before < 60 * MB
    assert _children(pid) == []

    demo = tmp_path / "demo.xlsx"
    demo.write_bytes(to_xlsx(load_demo(), charts=False))
    _upload(page, demo)
    page.get_by_role("button", name="Open as a new workshop").click()
    page.get_by_text("The new workshop is open").wait_for(timeout=60_000)


def test_reading_a_large_workbook_shows_its_progress(new_page, app_server, tmp_path):
    from bench.export_bench import large_workshop

    page = new_page(app_server.url)
    page.get_by_text("Open a workshop file").wait_for()
    page.evaluate(_WATCH_PROGRESS)
    large = tmp_path / "large.xlsx"
    large.write_bytes(to_xlsx(large_workshop(), charts=False))
    _upload(page, large)
    page.get_by_role("button", name="Open as a new workshop").wait_for(timeout=60_000)
    seen = page.evaluate("window.__progress")
    assert any(text.startswith("Checking the file: ") for text in seen), seen
    shot(page, "upload-read-large")
