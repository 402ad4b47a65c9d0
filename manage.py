#!/usr/bin/env python
"""The `lvxie` command for developers in the checkout: the same commands, but with the demo settings
(SQLite in var/, a generated secret key) unless DJANGO_SETTINGS_MODULE says otherwise. The installed
`lvxie` command defaults to production settings."""

import os

from lvxie.cli import main

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvxie.config.settings.demo")
    main()
