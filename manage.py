#!/usr/bin/env python
"""Same as the `lvxie` command, for those who expect a manage.py."""

from lvxie.cli import main

if __name__ == "__main__":
    main()
