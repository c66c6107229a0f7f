"""What a re-plan tells each person, written with the plan in one
transaction; calendars keep their UIDs and raise SEQUENCE."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from plansat.models import Project
from plansat.notify import Dispatcher, Secrets
from plansat.notify.calendars import calendar_text
from plansat.notify.compose import change_drafts, deadline_drafts
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


def test_milestones_past_their_deadline_alert_everyone(
    team: Project,
) -> None:
    day = team.start
    drafts = deadline_drafts(team, {"M": day + timedelta(days=9)},
                             {"M": day + timedelta(days=7)})
    assert [d.recipient for d in drafts] == ["alice", "bob"]
    assert "M: P80 2025-06-11 after the deadline 2025-06-09" \
        in drafts[0].body
    assert deadline_drafts(team, {"M": day}, {"M": day}) == []


def test_a_new_overload_alerts_the_person(team: Project) -> None:
    before = solved(team)
    loads = [x.model_copy(update={"load": 1.25}) if x.person == "bob"
             else x for x in before.loads]
    after = before.model_copy(update={"loads": loads})
    [draft] = change_drafts(team, before, after)
    assert (draft.recipient, draft.kind) == ("bob", "alert")
    assert draft.subject == "[Small] Overload: Bob at 125.0%"
    assert change_drafts(team, after, after) == []  # not new: no alert
