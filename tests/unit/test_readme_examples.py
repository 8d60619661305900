"""The README's examples run as written: the command line, the workshop-file example and the defaults
in the configuration table. Each is read from README.md itself, so the README cannot drift from the code."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl

from exports.workshop_file import FORMAT, VERSION, from_json, to_json
from workshop import services

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def section(heading: str) -> str:
    """The README's text from a `## heading` (matched at its start) to the next heading of its level."""
    match = re.search(rf"^## {re.escape(heading)}.*?(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section '## {heading}'"
    return match.group(0)


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )


# ---- the workshop file (JSON) ----


def readme_workshop_file() -> str:
    [example] = fenced(section("The workshop file"), "json")
    return example


def test_the_workshop_file_example_opens_with_the_apps_reader():
    example = readme_workshop_file()
    snapshot = from_json(example.encode())
    assert snapshot.title == "Tidewater Ferries: winter service review"
    assert [p.name for p in snapshot.personas] == ["Daily Dara"]
    assert snapshot.personas[0].stance("speed").score == 2
    assert [i.key for i in snapshot.ideas] == ["tap_on"] and snapshot.votes[0].by == "Aisha"
    assert snapshot.decision.chosen[0].owner == "Ben"
    # It is the format and version the app writes, and what it writes reads back the same.
    header = re.search(r'"format": "([^"]+)", "version": (\d+)', example)
    assert header and (header.group(1), int(header.group(2))) == (FORMAT, VERSION)
    assert from_json(to_json(snapshot)) == snapshot


def test_the_workshop_file_section_names_the_version_the_app_writes():
    assert re.search(rf"^## The workshop file \(JSON, version {VERSION}\)$", README, re.M)


# ---- the command line ----


def readme_commands() -> list[list[str]]:
    """Each `python -m exports ...` line of the README, as words after `-m exports`."""
    lines = [
        line
        for block in fenced(README, "sh")
        for line in block.splitlines()
        if re.search(r"python -m exports\b", line)
    ]
    return [shlex.split(line.split("-m exports", 1)[1]) for line in lines]


def test_every_command_of_the_command_line_is_in_the_readme():
    usage = run("-m", "exports", "--help").stdout
    offered = set(re.search(r"\{([^}]+)\}", usage).group(1).split(","))
    assert {words[0] for words in readme_commands()} == offered


def test_the_readme_command_line_examples_run_on_the_readme_workshop_file(tmp_path):
    workshop = tmp_path / "WORKSHOP.json"
    workshop.write_text(readme_workshop_file())
    written: dict[str, Path] = {}

    def path(word: str) -> str:
        # WORKSHOP.json is the README's example file; OUT.x is written here; IN.x is what an
        # earlier example wrote.
        if word == "WORKSHOP.json":
            return str(workshop)
        name, _, ext = word.partition(".")
        if name == "OUT":
            written[ext] = tmp_path / f"out-{len(written)}.{ext}"
            return str(written[ext])
        if name == "IN":
            return str(written[ext])
        return word

    ran = []
    for words in readme_commands():
        plain, _, optional = " ".join(words).partition(" [")
        args = [path(word) for word in plain.split()]
        option = re.fullmatch(r"--(\w+) ([\w|]+)\]", optional)
        if option:  # `[--paper a4|letter]`: given, with its last choice, so the option runs as written
            args += [f"--{option.group(1)}", option.group(2).split("|")[-1]]
        result = run("-m", "exports", *args)
        assert result.returncode == 0, (args, result.stderr)
        ran.append(args[0])
    assert ran == ["to-xlsx", "from-xlsx", "to-pdf"]
    assert "Daily Dara" in openpyxl.load_workbook(written["xlsx"]).sheetnames[1]
    assert from_json(written["json"].read_bytes()).personas == from_json(workshop.read_bytes()).personas
    assert written["pdf"].read_bytes().startswith(b"%PDF")


# ---- the configuration table ----


def configuration_rows() -> dict[str, str]:
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \| .+ \|$", section("Configuration"), re.M)
    return dict(rows)


def test_the_configuration_table_says_the_defaults_the_code_has(monkeypatch):
    rows = configuration_rows()
    assert set(rows) == {"DATABASE_URL", ".streamlit/config.toml"}, "a new row needs its check here"

    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert rows["DATABASE_URL"] == f"`{services.database_url_from_environment()}`"

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    said = rows[".streamlit/config.toml"]
    upload = re.search(r"upload limit (\d+) MB", said)
    assert upload and int(upload.group(1)) == config["server"]["maxUploadSize"]
    assert "XSRF protection on" in said and config["server"]["enableXsrfProtection"] is True
    assert "no garbage collection after every script run" in said
    assert config["runner"]["postScriptGC"] is False
    assert "no source watching" in said and config["server"]["fileWatcherType"] == "none"
