"""The city a country's national news is made in: its seat of government, where that is not its capital.

The capital convention (`place_capital.py`) puts an event that names only its country at the national capital,
because a country's national news (a march of the opposition, a government ban, a strike at a ministry, a
trial, piracy reported by the port authority) happens where its government, parliament, press and main port
are. In a few countries the constitutional capital, which GeoNames flags, is not that city: the government
sits, and the national news is made, in a larger city elsewhere, which news calls "the economic capital" or
"the main city". Event datasets code such an event there. `SEATS` lists them: the country's ISO code and the
city's English name, a fact of each country's government, not of any report.

- Benin: the capital is Porto-Novo; the presidency, most ministries and the port are in Cotonou.
- Côte d'Ivoire: the capital is Yamoussoukro; the government and embassies sit in Abidjan.
- Bolivia: the capital is Sucre (the judiciary); the government and parliament sit in La Paz.
- Tanzania: the capital is Dodoma (parliament); the ministries long sat, and the press sits, in Dar es Salaam.
- Burundi: the capital is Gitega (since 2019); the government sat, and most ministries sit, in Bujumbura.

The city is the seat's name in the gazetteer: the most populous populated place of that name in the country.
A country not listed, or a seat the gazetteer does not know, keeps its capital.
"""

from __future__ import annotations

from functools import lru_cache

from tasks.core.extraction.gazetteer import GazEntry, load_gazetteer

SEATS = {
    "BJ": "Cotonou",
    "CI": "Abidjan",
    "BO": "La Paz",
    "TZ": "Dar es Salaam",
    "BI": "Bujumbura",
}


@lru_cache(maxsize=256)
def national_seat(code: str) -> GazEntry | None:
    """The city a country-only event of `code` is coded to: its seat of government, else its capital."""
    gaz = load_gazetteer()
    name = SEATS.get(code)
    if name is not None:
        towns = [c.entry for c in gaz.lookup(name) if c.entry.kind == "P" and c.entry.country_code == code]
        if towns:
            return max(towns, key=lambda e: e.population)
    return gaz.capital_of(code)
