"""`make dev` must stop on Ctrl-C / SIGTERM even when started where SIGINT is inherited as ignored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

# Stands in for `dg dev`: Python that, like dagster's dev command, maps SIGTERM onto its SIGINT handler
# and waits for KeyboardInterrupt.
CHILD = (
    "import signal, time\n"
    "signal.signal(signal.SIGTERM, signal.getsignal(signal.SIGINT))\n"
    "try:\n"
    "    print('ready', flush=True)\n"
    "    time.sleep(60)\n"
    "except KeyboardInterrupt:\n"
    "    print('clean shutdown', flush=True)\n"
)
WRAPPED = f"from pipelines.tools.dev_server import exec_with_default_signals as run; run([{sys.executable!r}, '-c', {CHILD!r}])"


def _start(code: str) -> subprocess.Popen:
    def ignore_sigint() -> None:  # what a non-interactive shell does to a background job
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.setsid()

    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True, preexec_fn=ignore_sigint
    )
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_dev_server_wrapper_restores_signals(signum: int) -> None:
    process = _start(WRAPPED)
    os.killpg(process.pid, signum)
    process.wait(timeout=10)
    assert process.stdout.read().strip() == "clean shutdown"


def test_without_the_wrapper_the_signal_is_ignored() -> None:
    # The failure this guards against: the same child, started directly, ignores both signals.
    process = _start(CHILD)
    try:
        os.killpg(process.pid, signal.SIGTERM)
        time.sleep(1)
        assert process.poll() is None
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_make_dev_goes_through_the_wrapper() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\ndev:", 1)[1].split("\n\n", 1)[0]
    assert "exec $(UV) run --frozen python -m pipelines.tools.dev_server" in recipe
