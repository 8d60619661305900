"""`python -m exports`: converts workshop files and workbooks, and leaves nothing behind when it fails."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from exports.demo import DEMO_FILE, load_demo
from exports.workshop_file import from_json, to_json
from workshop.domain.model import Decision

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exports", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_to_xlsx_writes_a_workbook_and_exits_zero(tmp_path):
    out = tmp_path / "demo.xlsx"
    result = _run("to-xlsx", DEMO_FILE, out)
    assert result.returncode == 0, result.stderr
    assert "Overview" in openpyxl.load_workbook(out).sheetnames


def test_from_xlsx_writes_the_workshop_file_back(tmp_path):
    assert _run("to-xlsx", DEMO_FILE, tmp_path / "demo.xlsx").returncode == 0
    result = _run("from-xlsx", tmp_path / "demo.xlsx", tmp_path / "back.json")
    assert result.returncode == 0, result.stderr
    back, demo = from_json((tmp_path / "back.json").read_bytes()), load_demo()
    assert (back.personas, back.ideas) == (demo.personas, demo.ideas)


def test_bad_input_gives_one_line_on_stderr_a_failing_exit_and_no_file(tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    result = _run("from-xlsx", bad, tmp_path / "out.json")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not an Excel workbook" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.xlsx"]


def test_a_failed_conversion_leaves_an_existing_output_untouched(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "love-hate-workshop", "version": 1, "title": ""}')
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"previous")
    result = _run("to-xlsx", bad, out)
    assert result.returncode != 0 and "title: cannot be empty" in result.stderr
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "out.xlsx"]


def test_a_missing_input_file_is_reported_in_one_line(tmp_path):
    result = _run("to-xlsx", tmp_path / "nowhere.json", tmp_path / "out.xlsx")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.xlsx").exists()


def _small_workshop_file(tmp_path: Path) -> Path:
    """Two personas and no attributes: a report without charts, made in a moment."""
    demo = load_demo()
    personas = tuple(replace(p, stances={}) for p in demo.personas[:2])
    ideas = tuple(replace(i, effects={}) for i in demo.ideas[:2])
    small = replace(
        demo,
        attributes=(),
        personas=personas,
        ideas=ideas,
        votes=(),
        ratings=(),
        promise_ratings=(),
        decision=Decision(),
    )
    path = tmp_path / "small.json"
    path.write_bytes(to_json(small))
    return path


def test_to_pdf_writes_the_report_on_the_paper_asked_for(tmp_path):
    out = tmp_path / "report.pdf"
    result = _run("to-pdf", "--paper", "letter", _small_workshop_file(tmp_path), out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as doc:
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (612, 792)
        assert load_demo().title in doc.pages[0].extract_text()


def test_to_pdf_of_a_file_that_is_not_a_workshop_fails_in_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2]")
    result = _run("to-pdf", bad, tmp_path / "report.pdf")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"{bad}: file: must be an object"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_get_the_permissions_the_users_umask_gives(tmp_path, umask, mode):
    out = tmp_path / "demo.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "exports", "to-xlsx", str(DEMO_FILE), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_an_output_folder_that_does_not_exist_is_named_as_the_user_wrote_it(tmp_path):
    out = tmp_path / "missing" / "demo.xlsx"
    result = _run("to-xlsx", DEMO_FILE, out)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"{out}: cannot write: the folder {out.parent} does not exist"
    ]
    assert ".tmp" not in result.stderr


def test_an_output_that_is_a_folder_is_named_and_left_alone(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    result = _run("to-xlsx", DEMO_FILE, folder)
    assert result.returncode != 0
    assert result.stderr.strip() == f"{folder}: cannot write: is a folder, not a file"
    assert folder.is_dir() and not any(folder.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_an_oversized_workshop_file_is_reported_with_its_real_size(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 6_304_481)
    result = _run("to-xlsx", big, tmp_path / "out.xlsx")
    assert result.returncode != 0
    assert "The workshop file is 6.0 MB; at most 5 MB can be uploaded." in result.stderr


def test_an_oversized_workbook_is_reported_with_its_real_size(tmp_path):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + bytes(int(7.5 * 1024 * 1024)))
    result = _run("from-xlsx", big, tmp_path / "out.json")
    assert result.returncode != 0
    assert "The workbook is 7.5 MB; at most 5 MB can be uploaded." in result.stderr


def test_an_oversized_stream_of_unknown_size_is_said_to_be_more_than_5_mb(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "exports", "to-xlsx", "/dev/stdin", str(tmp_path / "out.xlsx")],
        cwd=ROOT,
        input=b" " * 6_304_481,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert b"The workshop file is more than 5 MB; at most 5 MB can be uploaded." in result.stderr


def test_from_xlsx_refuses_a_workbook_of_ten_million_cells_in_one_line(tmp_path):
    from tests.support.hostile_xlsx import dense_workbook

    dense = tmp_path / "dense.xlsx"
    dense.write_bytes(dense_workbook(40, 1292, 200))
    result = _run("from-xlsx", dense, tmp_path / "out.json")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "more than 150,000 cells" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dense.xlsx"]
