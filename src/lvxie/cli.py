"""The `lvxie` console command: Django's manage.py under the project's own name."""

import os
import sys
from pathlib import Path

DEMO = "lvxie.config.settings.demo"
PRODUCTION = "lvxie.config.settings.production"


def settings_module() -> str:
    """DJANGO_SETTINGS_MODULE when set. Otherwise, in a checkout that `make demo` has set up (its var/
    holds the demo's generated secret key), the demo settings, so the README's commands work as shown;
    anywhere else production, the safe default."""
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return os.environ["DJANGO_SETTINGS_MODULE"]
    checkout = Path(__file__).resolve().parents[2]
    var = Path(os.environ.get("LVXIE_VAR_DIR") or checkout / "var")
    if (checkout / "pyproject.toml").is_file() and (var / "secret_key").is_file():
        return DEMO
    return PRODUCTION


def main() -> None:
    module = settings_module()
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 (loads the settings: a missing variable is said in one line)
    except ImproperlyConfigured as exc:
        sys.exit(
            f"lvxie: {str(exc).rstrip('.')} (settings {module}). "
            f"For the demo city run `make demo` first, or set DJANGO_SETTINGS_MODULE={DEMO}."
        )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
