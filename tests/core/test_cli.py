"""The `lvxie` command as a user runs it (a subprocess, the installed console script): given a checkout
that `make demo` set up, when the README's first command runs with no settings chosen, then it works on
the demo's database; given no demo and no production environment, then one line says what to set."""

import os
import subprocess
import sys
from pathlib import Path

LVXIE = Path(sys.executable).with_name("lvxie")


def _run(*args: str, var_dir: Path) -> subprocess.CompletedProcess:
    # As after `make demo` in a fresh shell: no settings chosen, the demo's own SQLite database
    unset = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "DATABASE_URL", "CACHE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["LVXIE_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [str(LVXIE), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_after_make_demo_audit_verify_uses_the_demo_settings(tmp_path):
    # What `make demo` leaves in var/: the generated secret key and the migrated database
    (tmp_path / "secret_key").write_text("demo-key-for-this-test")
    assert _run("migrate", "--noinput", var_dir=tmp_path).returncode == 0
    result = _run("audit", "verify", var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Audit chain whole" in result.stdout
    assert (tmp_path / "lvxie.sqlite3").exists()  # the demo's database, not another one


def test_without_a_demo_or_production_environment_one_line_says_what_to_set(tmp_path):
    result = _run("audit", "verify", var_dir=tmp_path / "none")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and "lvxie.config.settings.demo" in lines[0]
