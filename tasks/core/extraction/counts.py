"""Extract numeric claims about people (killed, injured, arrested, ...) from news sentences.

Pure Python + `re`. Sentences without a trigger word are skipped by one compiled regex.

How a trigger finds its figure, in order:
1. active object: "killing 12 soldiers", "arrested 40 people", "shot dead a policeman" (-> 1);
   not when the trigger is passive ("were killed").
2. subject / modifier: "30 militants were killed", "left at least 40 dead", "12 deaths",
   "hundreds of civilian casualties"; subjects joined by "and" ("3 soldiers and 2 civilians were
   killed") and parts in a parenthesis (", including 5 children,") give one Count each.
3. link: "the death toll rose to 40", "casualties stood at 12".
4. implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds"
   -> 1; `number_start/number_end` then span the noun phrase ("a man"), as for zeros ("no one").
"another 25 injured" / "25 others" / "12 of them" inherit the previous Count's victims in the
sentence. A count is `historical` when its clause (or the clause a relative "in which ..." hangs
from) carries a past-time cue (a year, "last year", "since 2011", "civil war", "the conflict has
killed"), unless the clause also names a current day ("on Tuesday", "today").

`estimate_totals` (best figure per kind for the main current event):
- uses current, uncontested counts; contested (claim_source from opposition, rebels, activists,
  "the group", unverified) and vague counts are used only when nothing better exists;
- a figure's point value is its lower bound, or the upper bound for "up to N";
- restatements are never added: the best is max(largest total, sum over victim groups of each
  group's largest figure), so "at least 40 dead" + 30 militants + 12 officers -> 42;
- 0 only when every claim for the kind is an explicit zero; None when nothing was reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tasks.core.extraction.counts_lexicon import (
    BLOCK_WORDS, FILLER, GROUP_WORDS, NON_PERSON, SINGULAR, TRIGGERS)
from tasks.core.extraction.model import Count, CountKind, Sentence, VictimGroup
from tasks.core.extraction.numbers import Quantity, find_quantities
