"""axe-core (the copy pinned with axe-playwright-python) run inside the page: WCAG 2.2 A and AA rules."""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

from tests.browser.helpers import settled

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
GRAVE = ("serious", "critical")

#: Violations Streamlit itself causes and the app cannot change: rule id -> why. Each is listed in
#: the README ("Accessibility"), which a test checks.
STREAMLIT_OWN: dict[str, str] = {}


def violations(page: Page, where: str) -> list[str]:
    """Serious and critical WCAG violations on the page as it is now, one readable line per element."""
    settled(page, 600)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    result = page.evaluate(f"() => axe.run(document, {json.dumps(options)})")
    found = []
    for rule in result["violations"]:
        if rule["impact"] not in GRAVE or rule["id"] in STREAMLIT_OWN:
            continue
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            found.append(f"{where}: {rule['id']} ({rule['impact']}) {node['html'][:160]} — {summary[:240]}")
    return found
