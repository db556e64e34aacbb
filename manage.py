#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(sys.argv)
    except (OperationalError, InterfaceError) as error:
        # One clear line instead of a 90-line traceback (DATABASE_URL's password is not
        # in it: the driver's message names the host and port only).
        from django.db import connection

        where = connection.settings_dict
        target = f"{connection.vendor} {where.get('HOST') or 'local'}"
        target += f":{where['PORT']}" if where.get("PORT") else ""
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        sys.exit(f"Cannot use the database ({target}, «{where.get('NAME')}»): {reason}")


if __name__ == "__main__":
    main()
