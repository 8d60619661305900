"""The README shows the nginx configuration the tests run, word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_shows_deploy_nginx_conf_verbatim():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks == [(ROOT / "deploy" / "nginx.conf").read_text()]
