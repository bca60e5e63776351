"""LibreOffice as a reader's office suite: convert a pack to PDF and count its pages. In CI a missing
soffice fails the test (.ci/run installs it); on a developer's machine it is skipped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_pages(blob: bytes, name: str, folder: Path) -> int:
    """Write `blob` as `folder/name`, convert it with LibreOffice headless, return the PDF's page count."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed: .ci/run must install it")
        pytest.skip("LibreOffice (soffice) is not installed")
    path = folder / name
    path.write_bytes(blob)
    profile = (folder / "lo-profile").as_uri()  # its own profile: no clash with another soffice
    p = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = path.with_suffix(".pdf")
    assert p.returncode == 0 and pdf.exists(), p.stdout + p.stderr
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
