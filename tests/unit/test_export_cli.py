"""`python -m exports`: converts workshop files and workbooks, and leaves nothing behind when it fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from exports.demo import DEMO_FILE, load_demo
from exports.workshop_file import from_json

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
