#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhdistystori.settings")
    # A checkout with no database configured is a development machine: commands run
    # with DEBUG on and the embedded PostgreSQL. A server sets DATABASE_URL (and
    # DEBUG=0), and gunicorn, which does not pass through here, never gets this default.
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
