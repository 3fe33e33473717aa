"""What the generator works out once for a context and keeps with it (issue 15)."""

from __future__ import annotations

import dataclasses

from gensec_quiz.generation.context import Context
from gensec_quiz.generation.giveaways import SetFacts

_NO_TITLES: frozenset[str] = frozenset()


def set_facts(ctx: Context, titles: frozenset[str] = _NO_TITLES) -> SetFacts:
    """`giveaways.SetFacts.of(ctx.records, titles)`, worked out once for the context (the
    standing, stories and years of every record: 10 ms at 10,000 tenures) and kept with it,
    for the candidates (`matching_pairs`) and every quiz's selection (`api`). Other `titles`
    only add to the office's titles (tests/test_generation_speed_memo.py checks it is
    `SetFacts.of` exactly)."""
    made = ctx.set_facts_made
    found = made.get(titles)
    if found is None:
        base = made.get(_NO_TITLES)
        if base is None:
            base = made[_NO_TITLES] = SetFacts.of(ctx.records)
        found = made[titles] = dataclasses.replace(base, titles=base.titles | titles)
    return found
