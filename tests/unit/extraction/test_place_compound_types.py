"""Districts whose GeoNames names end in a two-word type ("Vhembe District Municipality", "Offinso Municipal
District", "Oshodi-Isolo Local Government Area") are known by their bare names too, as news writes them
(`build_gazetteer.DISTRICT_AFFIXES`; a weak alias, so a town of the name still wins). Passages written for
these tests."""

from __future__ import annotations

from tasks.core.extraction.gazetteer import load_gazetteer
from tests.unit.extraction.helpers import figures_of


def test_bare_names_of_compound_typed_districts() -> None:
    gaz = load_gazetteer()
    for name, country in [("Vhembe", "ZA"), ("Capricorn", "ZA"), ("Offinso", "GH"), ("Oshodi-Isolo", "NG")]:
        found = [c.entry for c in gaz.lookup(name) if c.entry.kind == "B"]
        assert [e.country_code for e in found] == [country], name


def test_an_event_placed_by_its_district_alone() -> None:
    fig = figures_of("A taxi driver was stabbed to death in a robbery on the West Rand on Sunday.")
    assert (fig.event_country, fig.event_admin1) == ("ZA", "Gauteng")
