"""Gun stories where nobody was hit report no casualty count. Passages written for these tests (invented names,
places and wording; none from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties


@pytest.mark.parametrize(
    "text",
    [
        # a gun shown, never fired: a fall while fleeing
        "Two men were arrested after one waved a revolver at a clerk on Pellham Road. One of them slipped on wet "
        "pavement while running from officers. He was treated at the scene for a scraped chin.",
        # the cause two sentences before the injury
        "A man pointed a handgun at his neighbour on Orrin Street. The neighbour wrestled him to the ground and "
        "stabbed him with a kitchen knife. Officers arrived minutes later. The gunman is expected to recover.",
        # a vehicle hit the officer (active voice)
        "Officers fired at a stolen sedan in the Kestrel Mart car park on Friday. The sedan reversed and struck an "
        "officer standing behind it. The injured officer was taken to hospital.",
        # a blade in a gun story
        "Police found a BB gun in the car. Earlier the driver had slashed a man with a box cutter outside a "
        "Wendmoor pub. The man was treated for his wounds.",
        # drunk, not shot
        "A homeowner on Ashcombe Lane held a burglar at gunpoint until police came. The burglar appeared to be "
        "intoxicated and confused. He was taken to a hospital and treated.",
    ],
)
def test_injury_with_another_cause_in_a_gun_story(text: str) -> None:
    assert casualties(text) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gunshot hit between the cause and the injury: the injury may be the shot one
        (
            "The two men got into a fistfight outside a Dorrow Street bakery. One drew a pistol and fired a shot "
            "that struck the other in the hip. He was listed in fair condition.",
            1,
        ),
        # the text says a bullet hit someone: every injury stays the shooting's
        (
            "A man playing with his pistol in a parked car fired it by accident. The bullet pierced the man's knee. "
            "A clerk in the shop was taken to hospital with cuts from broken glass.",
            1,
        ),
    ],
)
def test_gunshot_injuries_still_count(text: str, expected: int) -> None:
    assert casualties(text)[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a related-story headline after a label, the article's prose resuming without a full stop
        (
            "Shots were fired at a parked van on Gorsley Avenue late Tuesday, police said. Nobody was hit. "
            "READ MORE: Three wounded in drive-by outside Halvern nightclub The van's owner said he heard four "
            "bangs.",
            (None, None),
        ),
        # a list of headlines at the end of the page, then a video caption
        (
            "A Marlow Heights man was charged with carrying a pistol without a licence. Also in Tressby County "
            "Council approves new library budget WATCH: Deputies seek two in barn fire CLOSE A bus that overturned "
            "on the coast road Saturday, killing four passengers, is towed away.",
            (None, None),
        ),
        # the headline's count is another story's; the article's own stays
        (
            "A 31-year-old woman was shot in the arm on Penrith Street on Sunday. RELATED: Two killed in Fairholm "
            "crash The woman was taken to hospital in stable condition.",
            (None, 1),
        ),
    ],
)
def test_other_stories_headlines_carry_no_count(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


def test_a_lower_case_read_more_is_prose() -> None:
    text = "You can read more: two men were shot on Calder Road and taken to the hospital."
    assert casualties(text) == (None, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dead carried along: their death is an earlier event
        (
            "Youths from Karuva marched on the district office with the body of a herder who was killed in "
            "Sunday's clash and set two cars alight.",
            None,
        ),
        (
            "Mourners blocked the Odesso highway carrying the bodies of two students killed by soldiers.",
            None,
        ),
        # a death in the event itself stays
        (
            "Protesters carried a coffin through Maribel town, and police opened fire, killing two of them.",
            2,
        ),
    ],
)
def test_dead_carried_along_died_earlier(text: str, expected: int | None) -> None:
    assert casualties(text)[0] == expected
