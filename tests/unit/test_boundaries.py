"""The architecture's boundaries hold: Streamlit only in the UI, SQL only in storage, charts outside the
domain, arrows between packages that point one way, no raw HTML from users."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = re.compile(r"^\s*(import streamlit|from streamlit)", re.M)
SQLALCHEMY = re.compile(r"^\s*(import sqlalchemy|from sqlalchemy)", re.M)


def python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


# What each layer may not import, by module name (a name forbids its submodules too). The pages
# (workshop/ui), app.py and server.py sit on top and may import any of them; the composition root
# (workshop/store.py, workshop/services.py) wires storage, the live stream and the use cases.
OUTSIDE = ("streamlit", "sqlalchemy", "altair", "pandas", "exports", "charts")
ABOVE_CASES = ("workshop.storage", "workshop.ui", "workshop.live", "workshop.services", "workshop.store")
MAY_NOT_IMPORT = {
    "personas": (*OUTSIDE, "workshop"),
    "workshop.domain": (*OUTSIDE, *ABOVE_CASES, "workshop.cases", "workshop.ports", "workshop.board_cache"),
    "workshop.ports": (*OUTSIDE, *ABOVE_CASES, "workshop.cases"),
    "workshop.board_cache": (*OUTSIDE, *ABOVE_CASES, "workshop.cases", "workshop.ports"),
    "workshop.cases": (*OUTSIDE, *ABOVE_CASES),
    "workshop.storage": (
        "streamlit",
        "altair",
        "pandas",
        "exports",
        "charts",
        "workshop.cases",
        "workshop.ui",
        "workshop.live",
        "workshop.services",
        "workshop.store",
    ),
    "charts": ("streamlit", "sqlalchemy", "workshop.storage", "workshop.ui", "exports"),
    "exports": ("streamlit", "sqlalchemy", "workshop.storage", "workshop.ui"),
}


def layer(path: Path) -> str:
    """personas, charts, exports, or the workshop's folder or top-level module (workshop.cases,
    workshop.domain, workshop.ports, workshop.services ...)."""
    parts = path.parts
    if parts[0] == "workshop" and len(parts) > 2:
        return f"workshop.{parts[1]}"
    if parts[0] == "workshop" and len(parts) == 2:
        return f"workshop.{Path(parts[1]).stem}"
    return parts[0]


def test_every_module_of_the_workshop_has_a_layer_with_its_rules():
    # A new folder or top-level module in workshop/ must say what it may import.
    composition = {"workshop.__init__", "workshop.store", "workshop.services", "workshop.ui", "workshop.live"}
    found = {layer(p.relative_to(ROOT)) for p in (ROOT / "workshop").rglob("*.py")}
    assert found - composition <= set(MAY_NOT_IMPORT), sorted(found - composition - set(MAY_NOT_IMPORT))


def test_every_folder_says_what_lives_there_and_what_it_may_import():
    for init in [
        *(ROOT / "workshop").rglob("__init__.py"),
        *(ROOT / p / "__init__.py" for p in ("personas", "charts", "exports")),
    ]:
        text = init.read_text()
        assert text.startswith('"""') and "import" in text, f"{init.relative_to(ROOT)} says nothing"


def imported_modules(source: str) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            if "." not in node.module:  # `from workshop import ui` imports workshop.ui
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def wrong_imports(root: Path) -> list[str]:
    wrong = []
    packages = sorted({name.split(".")[0] for name in MAY_NOT_IMPORT})
    for path in sorted(p for package in packages for p in (root / package).rglob("*.py")):
        relative = path.relative_to(root)
        forbidden = MAY_NOT_IMPORT.get(layer(relative))
        if forbidden is None:
            continue
        for module in sorted(imported_modules(path.read_text())):
            if any(module == name or module.startswith(f"{name}.") for name in forbidden):
                wrong.append(f"{relative} imports {module}")
    return wrong


def test_every_package_imports_only_what_its_layer_may():
    # The domain stays plain Python (no Altair, pandas, Streamlit or SQL); exports depend on the
    # workshop and never the other way; charts serve pages and exports without Streamlit or storage.
    assert wrong_imports(ROOT) == []


def test_the_layer_check_notices_the_workshop_importing_exports(tmp_path):
    (tmp_path / "workshop" / "cases").mkdir(parents=True)
    (tmp_path / "workshop" / "cases" / "rounds.py").write_text(
        "def keep():\n    from exports.workshop_file import to_json\n"
    )
    assert wrong_imports(tmp_path) == ["workshop/cases/rounds.py imports exports.workshop_file"]


def test_the_layer_check_notices_an_arrow_pointing_up_inside_the_workshop(tmp_path):
    for folder, source in {
        "domain": "from workshop.cases.sessions import join\n",
        "cases": "from workshop.storage.tables import links\nfrom workshop import services\n",
        "storage": "from workshop.cases import board\n",
    }.items():
        (tmp_path / "workshop" / folder).mkdir(parents=True)
        (tmp_path / "workshop" / folder / "sample.py").write_text(source)
    assert wrong_imports(tmp_path) == [
        "workshop/cases/sample.py imports workshop.services",
        "workshop/cases/sample.py imports workshop.storage.tables",
        "workshop/domain/sample.py imports workshop.cases.sessions",
        "workshop/storage/sample.py imports workshop.cases",
    ]


def test_the_layer_check_notices_charts_in_the_domain_and_streamlit_in_charts(tmp_path):
    for folder, source in {
        "personas": "import altair as alt\nimport pandas\n",
        "workshop/domain": "from workshop import ui\n",
        "charts": "import streamlit as st\nfrom workshop.storage import store\n",
    }.items():
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "sample.py").write_text(source)
    assert wrong_imports(tmp_path) == [
        "charts/sample.py imports streamlit",
        "charts/sample.py imports workshop.storage",
        "personas/sample.py imports altair",
        "personas/sample.py imports pandas",
        "workshop/domain/sample.py imports workshop.ui",
    ]


def test_streamlit_is_imported_only_by_app_server_and_the_ui_package():
    leaks = [
        str(p.relative_to(ROOT))
        for p in python_files("personas", "workshop", "exports", "charts")
        if "ui" not in p.relative_to(ROOT).parts and STREAMLIT.search(p.read_text())
    ]
    assert leaks == []


def test_sqlalchemy_is_imported_only_by_the_storage_package():
    files = [*python_files("personas", "workshop", "exports", "charts"), ROOT / "app.py", ROOT / "server.py"]
    leaks = [
        str(p.relative_to(ROOT))
        for p in files
        if "storage" not in p.relative_to(ROOT).parts and SQLALCHEMY.search(p.read_text())
    ]
    assert leaks == []


STORAGE = re.compile(
    r"^\s*(from workshop\.storage\b|import workshop\.storage\b|from workshop import storage\b)", re.M
)
ENVIRONMENT = re.compile(r"os\.environ|os\.getenv|getenv\(")


def test_the_pages_reach_storage_only_through_the_services():
    leaks = [str(p.relative_to(ROOT)) for p in python_files("workshop/ui") if STORAGE.search(p.read_text())]
    assert leaks == []


def test_the_live_stream_runs_without_streamlit_and_knows_nothing_of_the_app():
    leaks = [
        str(p.relative_to(ROOT))
        for p in python_files("workshop/live")
        if STREAMLIT.search(p.read_text())
        or re.search(r"^\s*(from|import) (workshop\.(?!live)|personas|exports)", p.read_text(), re.M)
    ]
    assert leaks == []


def test_only_the_composition_root_reads_the_database_url_from_the_environment():
    files = [*python_files("personas", "workshop", "exports"), ROOT / "app.py", ROOT / "server.py"]
    readers = [
        str(p.relative_to(ROOT))
        for p in files
        if "DATABASE_URL" in p.read_text() and ENVIRONMENT.search(p.read_text())
    ]
    assert readers == ["workshop/services.py"]


def test_the_boundary_scanners_would_notice_a_leak():
    assert STORAGE.search("from workshop.storage.database import backend\n")
    assert STORAGE.search("    from workshop import storage\n")
    assert not STORAGE.search("from workshop.store import Store\n")
    assert ENVIRONMENT.search('url = os.environ.get("DATABASE_URL")')


def test_no_code_passes_anything_to_unsafe_allow_html():
    offenders = [
        str(p.relative_to(ROOT))
        for p in [
            *python_files("personas", "workshop", "exports", "charts"),
            ROOT / "app.py",
            ROOT / "server.py",
        ]
        if re.search(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1\.html", p.read_text())
    ]
    assert offenders == []


def test_the_scanner_would_notice_a_leak(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("import streamlit as st\nst.markdown(x, unsafe_allow_html=True)\n")
    text = sample.read_text()
    assert STREAMLIT.search(text) and re.search(r"unsafe_allow_html\s*=\s*True", text)


def test_streamlit_keeps_xsrf_protection_on_and_limits_uploads():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^enableXsrfProtection\s*=\s*true", config, re.M)
    size = int(re.search(r"^maxUploadSize\s*=\s*(\d+)", config, re.M).group(1))
    assert 1 <= size <= 10
