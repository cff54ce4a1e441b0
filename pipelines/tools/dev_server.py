"""`make dev`: start `dg dev` so that Ctrl-C and SIGTERM stop it cleanly.

A process started in the background by a non-interactive shell (a supervisor, CI, `make dev &`) inherits
SIGINT as *ignored*. Python then never raises KeyboardInterrupt, and `dg dev`, which maps SIGTERM onto
its SIGINT handler, ignores both: only SIGKILL stopped it, leaving its webserver and daemon behind.
Restoring the default dispositions before exec'ing `dg dev` lets it shut its children down on either.
"""

from __future__ import annotations

import os
import signal
import sys


def exec_with_default_signals(argv: list[str]) -> None:
    """Replace this process with `argv`, SIGINT and SIGTERM back to their defaults (never returns)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)
    os.execvp(argv[0], argv)


def main() -> None:
    exec_with_default_signals(["dg", "dev", *sys.argv[1:]])


if __name__ == "__main__":
    main()
