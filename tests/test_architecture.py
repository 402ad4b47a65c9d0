"""The layering (docs/architecture.md) holds: the import-linter contracts of pyproject.toml are kept, and
they cover every app, and every app's pages and API."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "src" / "lvxie"
PAGE_MODULES = ("views", "forms", "api", "urls")


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _apps() -> set[str]:
    packages = {p.name for p in APPS.iterdir() if (p / "__init__.py").exists()}
    return {f"lvxie.{name}" for name in packages - {"locale", "static", "templates"}} | {"lvxie.cli"}


def test_the_import_contracts_are_kept():
    # lint-imports sits beside the interpreter running the tests (the project's virtualenv).
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_has_its_place_in_the_layers():
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    placed = {name.strip() for row in layers["layers"] for name in row.split("|")}
    assert placed == _apps(), "put a new app in the layers contract of pyproject.toml"


def test_every_apps_pages_and_api_are_protected():
    protected = {m for c in _contracts() if c["type"] == "protected" for m in c["protected_modules"]}
    found = {
        f"{app}.{module}"
        for app in _apps() - {"lvxie.cli", "lvxie.config", "lvxie.core"}  # core's are shared on purpose
        for module in PAGE_MODULES
        if (APPS / app.removeprefix("lvxie.") / f"{module}.py").exists()
    }
    assert found <= protected, f"add a protected contract for {sorted(found - protected)}"
