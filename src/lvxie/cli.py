"""The `lvxie` console command: Django's manage.py under the project's own name."""

import os
import sys


def main() -> None:
    # Production is the safe default; `make demo` and the tests pick their own settings module.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvxie.config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
