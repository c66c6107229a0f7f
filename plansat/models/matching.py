"""Fill need slots with distinct people (bipartite matching).

Used by validation (can a task's needs be filled at all?) and by the
constructive schedule (who is free to fill them now?).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def match_slots(
    candidates: Sequence[Sequence[str]],
    pinned: Collection[str] = (),
) -> dict[str, int]:
    """Match slots to distinct candidates, placing pinned people first.

    Parameters
    ----------
    candidates
        For each slot, the people who may fill it, in order of preference.
    pinned
        People who must fill a slot if at all possible.

    Returns
    -------
    dict
        A maximum matching, person -> slot.  Kuhn's augmenting paths from
        the slot side never unmatch a person, so pinned people placed in
        the first pass stay placed; check the size and the pinned people
        against the result.

    Examples
    --------
    >>> match_slots([["a", "b"], ["a"]])
    {'a': 1, 'b': 0}
    """
    match_of: dict[str, int] = {}
    filled: set[int] = set()

    def augment(slot: int, seen: set[str], allowed: Collection[str] | None
                ) -> bool:
        for person in candidates[slot]:
            if person in seen or (allowed is not None
                                  and person not in allowed):
                continue
            seen.add(person)
            if person not in match_of or augment(
                match_of[person], seen, allowed
            ):
                match_of[person] = slot
                return True
        return False

    for allowed in (pinned, None):
        if allowed is not None and not allowed:
            continue
        for slot in range(len(candidates)):
            if slot not in filled and augment(slot, set(), allowed):
                filled.add(slot)
    return match_of
