"""LibreOffice for tests that print or re-save a workbook as people do (`soffice --headless --convert-to`)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_NAMES = ("soffice", "libreoffice")


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(files: list[Path], to: str, outdir: Path, timeout: float = 240) -> list[Path]:
    """Convert every file in one LibreOffice run (it starts slowly); returns the converted files.

    A private profile keeps this run apart from any other LibreOffice on the machine.
    """
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    made = [outdir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    missing = [p.name for p in made if not p.exists()]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}")
    return made
