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
