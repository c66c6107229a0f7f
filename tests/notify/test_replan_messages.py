"""What a re-plan tells each person, written with the plan in one
transaction; calendars keep their UIDs and raise SEQUENCE."""

from __future__ import annotations

import icalendar
import pytest

from plansat.analysis.risk.simulation import simulate
from plansat.models import Project
from plansat.notify import Dispatcher, Secrets
from plansat.notify.calendars import calendar_text
from plansat.notify.compose import change_drafts, late_lines
from plansat.notify.routing import plan_change_messages
from plansat.store import NotFound, Store
from tests.notify.conftest import Clock, SmtpServer, solved, team_project


def longer_a() -> Project:
    """A takes 5 days: A 06-02..06-06 (alice), B after the 06-09 holiday
    on 06-10..06-11 (bob): both finish two working days later."""
    data = team_project().model_dump(mode="json", exclude_defaults=True)
    data["tasks"][0]["duration"] = 5
    return Project.model_validate(data)


def events(text: str) -> dict[str, tuple[str, str, int]]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): (str(e["DTSTART"].dt), str(e["DTEND"].dt),
                            int(e["SEQUENCE"])) for e in cal.walk("VEVENT")}


def test_the_change_per_person_from_the_plan_diff(team: Project) -> None:
    before, after = solved(team), solved(longer_a())
    drafts = {d.recipient: d for d in change_drafts(longer_a(), before,
                                                    after)}
    assert set(drafts) == {"alice", "bob"}
    assert ("B B moves: 2025-06-05 to 2025-06-06 -> 2025-06-10 to "
            "2025-06-11 (+2 working days at the finish)") \
        in drafts["bob"].body
    assert "A A moves: 2025-06-02 to 2025-06-04 -> 2025-06-02 to " \
        "2025-06-06" in drafts["alice"].body
    assert "B" not in drafts["alice"].body.split("changes:")[1]
    assert drafts["bob"].subject == "[Small] Plan changed: 1 change(s) " \
        "for you"
    # nothing changed: nothing to say
    assert change_drafts(team, before, solved(team)) == []


def test_the_replan_messages_are_stored_with_the_plan(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url)
    record = store.update_project("shop", longer_a(), 1)
    before = store.latest_plan("shop")
    assert before is not None
    after = solved(record.project)
    messages = plan_change_messages(
        "shop", record.project, before.result, after,
        store.list_channels("shop"), store.plan_count("shop") + 1)
    assert [(m.recipient, m.address) for m in messages] == [
        ("alice", "alice@example.com"), ("bob", "Bob@Example.com")]
    # a failed write stores neither the plan nor its messages
    with pytest.raises(NotFound):
        store.save_plan("shop", after, "replan", revision=9,
                        messages=messages)
    assert store.outbox() == [] and store.plan_count("shop") == 1
    store.save_plan("shop", after, "replan", messages=messages)
    assert [m.status for m in store.outbox()] == ["pending", "pending"]
    Dispatcher(store, Secrets(), clock=clock).run_once()
    bob = next(m for m in smtp_server.mailbox.messages
               if m["To"] == "Bob@Example.com")
    [part] = list(bob.iter_attachments())
    assert events(part.get_content()) == {
        "B.bob.shop@plansat": ("2025-06-10", "2025-06-12", 2)}


def test_uids_stay_and_sequence_rises_across_replans(team: Project) -> None:
    first = events(calendar_text("shop", team, solved(team), sequence=1))
    second = events(calendar_text("shop", longer_a(), solved(longer_a()),
                                  sequence=2))
    assert set(first) == set(second) == {"A.alice.shop@plansat",
                                         "B.bob.shop@plansat"}
    assert first["B.bob.shop@plansat"] == ("2025-06-05", "2025-06-07", 1)
    assert second["B.bob.shop@plansat"] == ("2025-06-10", "2025-06-12", 2)


def test_a_person_calendar_and_an_unknown_person(team: Project) -> None:
    plan = solved(team)
    assert set(events(calendar_text("k", team, plan, "alice"))) == {
        "A.alice.k@plansat"}
    with pytest.raises(ValueError, match="--person 'carol': no such"):
        calendar_text("k", team, plan, "carol")


def test_milestones_whose_p80_passes_the_deadline(team: Project) -> None:
    # A takes 3 days as planned, but its estimate runs to 12: M, planned
    # on Tue 06-10 with that deadline, is late in most samples; the
    # project's deadline 06-30 is met in every sample (at most A 12 + B 2
    # days + the holiday: 06-19).
    data = team.model_dump(mode="json", exclude_defaults=True)
    data["tasks"][0]["estimate"] = {"optimistic": 3, "likely": 5,
                                    "pessimistic": 12}
    data["tasks"][2]["deadline"] = "2025-06-10"
    data["deadline"] = "2025-06-30"
    project = Project.model_validate(data)
    risk = simulate(project, solved(project), iterations=500, seed=0)
    [line] = late_lines(project, risk)
    assert line.startswith("milestone M: its P80 is after the deadline "
                           "2025-06-10 (")
    relaxed = project.model_copy(update={"tasks": [
        t.model_copy(update={"deadline": None}) for t in project.tasks]})
    assert late_lines(relaxed, simulate(relaxed, solved(relaxed),
                                        iterations=500, seed=0)) == []


def test_a_new_overload_alerts_the_person(team: Project) -> None:
    before = solved(team)
    loads = [x.model_copy(update={"load": 1.25}) if x.person == "bob"
             else x for x in before.loads]
    after = before.model_copy(update={"loads": loads})
    [draft] = change_drafts(team, before, after)
    assert (draft.recipient, draft.kind) == ("bob", "alert")
    assert draft.subject == "[Small] Overload: Bob at 125.0%"
    assert change_drafts(team, after, after) == []  # not new: no alert
