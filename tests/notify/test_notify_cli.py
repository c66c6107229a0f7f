"""``plansat notify`` and ``plansat export --to ics`` through click's
CliRunner, against a real SMTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result

from plansat.cli import cli
from plansat.store import Store
from tests.notify.conftest import SmtpServer, solved, team_project


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    with Store.open(path) as store:
        project = team_project()
        store.create_project(project, "shop")
        store.save_plan("shop", solved(project))
    return path


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["notify", "--store", str(db), *args],
                              env=env)


def test_channels_add_list_remove(db: Path) -> None:
    added = run(db, "channel", "add", "mail",
                "smtp://pm@127.0.0.1:2525?from=pm@example.com",
                "--allow", "ops@example.com")
    assert added.exit_code == 0, added.output
    assert added.output == "channel mail: smtp 127.0.0.1\n"
    listed = run(db, "channel", "list", "--format", "json")
    [row] = json.loads(listed.output)
    assert (row["name"], row["allow"], row["project_id"]) == (
        "mail", ["ops@example.com"], None)
    assert run(db, "channel", "remove", "mail").exit_code == 0
    gone = run(db, "channel", "remove", "mail")
    assert gone.exit_code == 2 and "no channel 'mail'" in gone.output


@pytest.mark.parametrize(("args", "match"), [
    (("channel", "add", "x", "smtp://pm:hunter2@h"), "must not hold a "
     "password"),
    (("channel", "add", "x", "webhook+http://example.com/h"),
     "only to a loopback host"),
    (("channel", "add", "x", "smtp://h", "--allow", "nobody"),
     "'nobody' is no e-mail address"),
    (("channel", "add", "x", "smtp://h", "--project", "nope"),
     "no project nope"),
    (("queue", "shop", "--to", "cfo@example.org"), "sends only to the team"),
    (("queue", "nope"), "no project nope"),
    (("preview", "shop", "--type", "custom"), "needs custom_message"),
])
def test_bad_input_is_one_error_line(db: Path, args: tuple[str, ...],
                                     match: str) -> None:
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert match in result.output
    assert "Traceback" not in result.output and "hunter2" not in \
        result.output


def test_preview_queue_send_list(db: Path, smtp_server: SmtpServer) -> None:
    assert run(db, "channel", "add", "mail", smtp_server.url).exit_code == 0
    shown = run(db, "preview", "shop", "--type", "milestone", "--to", "bob")
    assert shown.exit_code == 0, shown.output
    assert "--- preview: bob <Bob@Example.com> on mail" in shown.output
    assert "would go to bob on mail" in shown.output
    with Store.open(db) as store:
        assert store.outbox() == []  # a preview stores nothing
    queued = run(db, "queue", "shop", "--type", "milestone", "--format",
                 "json")
    assert queued.exit_code == 0, queued.output
    answer = json.loads(queued.stdout)
    assert [m["status"] for m in answer["messages"]] == ["pending"] * 2
    sent = run(db, "send")
    assert sent.exit_code == 0, sent.output
    assert sent.output == "delivered 2, retrying 0, dead 0; 0 waiting\n"
    assert len(smtp_server.mailbox.messages) == 2
    listed = run(db, "list", "--format", "json")
    rows = json.loads(listed.output)
    assert [(r["recipient"], r["status"], r["attempts"]) for r in rows] == [
        ("alice", "delivered", 1), ("bob", "delivered", 1)]
    assert json.loads(run(db, "list", "--failed", "--format",
                          "json").output) == []


def test_failed_messages_are_listed(db: Path) -> None:
    run(db, "channel", "add", "mail", "smtp://127.0.0.1:9?from=a@b.cd")
    run(db, "queue", "shop", "--type", "milestone", "--to", "alice")
    sent = run(db, "send", "--timeout", "0.5")
    assert sent.output == "delivered 0, retrying 1, dead 0; 1 waiting\n"
    listed = run(db, "list", "--failed")
    assert listed.output.startswith("#1 pending (1 attempt(s)) alice on "
                                    "mail: [Small] Next milestone")
    assert "last error: attempt 1: ConnectionRefusedError" in listed.output


def test_export_ics(db: Path, tmp_path: Path) -> None:
    project = team_project()
    (tmp_path / "p.json").write_text(project.model_dump_json())
    (tmp_path / "r.json").write_text(solved(project).model_dump_json())
    out = tmp_path / "bob.ics"
    result = CliRunner().invoke(cli, [
        "export", str(tmp_path / "p.json"), "--result",
        str(tmp_path / "r.json"), "--to", "ics", "--person", "bob", "-o",
        str(out)])
    assert result.exit_code == 0, result.output
    [event] = icalendar.Calendar.from_ical(out.read_text()).walk("VEVENT")
    assert str(event["UID"]) == "B.bob.small@plansat"
    assert str(event["SUMMARY"]) == "B B"
    missing = CliRunner().invoke(cli, [
        "export", str(tmp_path / "p.json"), "--to", "ics", "-o", str(out)])
    assert missing.exit_code == 2
    assert "--to ics needs --result" in missing.output


def test_rate_limits_are_configured_in_the_store(db: Path) -> None:
    shown = run(db, "config")
    assert shown.output == ("per recipient\t20\nper store\t500\n"
                            "window\t1:00:00\n")
    changed = run(db, "config", "--per-recipient", "1", "--window", "30m",
                  "--format", "json")
    assert json.loads(changed.output) == {
        "per_recipient": 1, "per_store": 500, "window_seconds": 1800.0}
    assert run(db, "channel", "add", "hook",
               "webhook+http://127.0.0.1:9/h").exit_code == 0
    assert run(db, "queue", "shop", "--to", "bob", "--type",
               "milestone").exit_code == 0
    again = run(db, "queue", "shop", "--to", "bob", "--type", "milestone")
    assert again.exit_code == 2
    assert "error: rate limit: bob may get 1 messages per 0:30:00; 1 " \
        "already queued" in again.output
    with Store.open(db) as store:
        assert len(store.outbox()) == 1


@pytest.mark.parametrize(("args", "match"), [
    (("--per-store", "0"), "rate limits must allow at least 1 message"),
    (("--window", "soon"), "'soon' is not a duration"),
    (("--window", "0s"), "window must be positive"),
])
def test_bad_rate_limits(db: Path, args: tuple[str, ...],
                         match: str) -> None:
    result = run(db, "config", *args)
    assert result.exit_code == 2, result.output
    assert match in result.output and "Traceback" not in result.output
