"""``plansat notify`` as separate processes: ``preview`` renders without
the MCP SDK installed, and ``send --watch`` delivers a message queued
while it runs to a real HTTP receiver on loopback, then stops cleanly on
SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from plansat.store import NewMessage, Store
from tests.notify.conftest import Receiver, solved, team_project

ROOT = Path(__file__).resolve().parents[2]

#: ``python -c`` with the MCP SDK made unimportable, then the CLI.
WITHOUT_MCP = ("import sys; sys.modules['mcp'] = None; "
               "from plansat.cli.app import main; main()")


def env() -> dict[str, str]:
    """This checkout's plansat first."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def make_store(path: Path, channel: str) -> None:
    with Store.open(path) as store:
        project = team_project()
        store.create_project(project, "shop")
        store.save_plan("shop", solved(project))  # the plan, checked
        store.add_channel("hook", channel)


def test_preview_renders_without_the_mcp_package(
    tmp_path: Path, receiver: Receiver
) -> None:
    db = tmp_path / "team.db"
    make_store(db, receiver.url())
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_MCP, "notify", "--store", str(db),
         "preview", "shop", "--type", "milestone", "--to", "bob"],
        capture_output=True, text=True, env=env(), cwd=tmp_path,
        timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "--- preview: bob on hook" in done.stdout
    assert "Subject: [Small] Next milestone: M on 2025-06-06" in done.stdout
    assert "Your next tasks:\n- B: 2025-06-05 to 2025-06-06" in done.stdout
    assert "would go to bob on hook" in done.stderr
    # the MCP SDK really is unimportable that way
    check = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['mcp'] = None; "
         "import mcp"], capture_output=True, text=True, timeout=60,
        check=False)
    assert "ModuleNotFoundError" in check.stderr or "ImportError" in \
        check.stderr


def test_send_watch_delivers_and_stops_on_sigint(
    tmp_path: Path, receiver: Receiver
) -> None:
    db = tmp_path / "team.db"
    make_store(db, receiver.url())
    proc = subprocess.Popen(
        [sys.executable, "-m", "plansat.cli", "notify", "--store", str(db),
         "send", "--watch", "--interval", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env(), cwd=tmp_path)
    try:
        with Store.open(db) as store:
            [queued] = store.queue_messages("shop", [NewMessage(
                kind="custom", recipient="bob", subject="hello",
                body="hi", channel="hook")])
        arrived = threading.Event()

        def delivered() -> None:
            while proc.poll() is None and not arrived.is_set():
                with Store.open(db) as store:
                    [row] = store.outbox(ids=[queued.id])
                if row.status == "delivered":
                    arrived.set()
                arrived.wait(0.2)

        delivered()
        assert arrived.is_set(), proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert receiver.keys() == [queued.key]
    assert receiver.requests[0].json["subject"] == "hello"
    assert out == "delivered 1, retrying 0, dead 0; 0 waiting\n"
    assert "Traceback" not in err
