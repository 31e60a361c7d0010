"""Outside checkers from the npm registry (Nu HTML checker, axe-core, Lighthouse), installed once
into the git-ignored data folder. A machine without npm (or Java) skips the test with the reason;
CI has both, so there the checks run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / ".data" / "npm"


def npm_file(package: str, path: str) -> Path:
    """`path` inside the npm package `package` (a name with an optional @version), installed if missing."""
    name = package.rsplit("@", 1)[0] if package.count("@") > (1 if package.startswith("@") else 0) else package
    target = NPM_DIR / "node_modules" / name / path
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"npm is not installed: this check needs {name} from the npm registry")
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund", package],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return target


def vnu_jar() -> Path:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML checker (vnu.jar) runs on Java")
    return npm_file("vnu-jar", "build/dist/vnu.jar")
