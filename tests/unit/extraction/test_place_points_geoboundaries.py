"""geoBoundaries units in the gazetteer (build_gazetteer.add_geoboundaries): a district no GeoNames place lies in
has its unit's centroid, and admin-3 units (sectors, communes, sub-districts) are places under their region and
district."""

from tasks.core.extraction.gazetteer import load_gazetteer

from .helpers import figures_of


def _rows(name: str, kind: str, country: str):
    return [c.entry for c in load_gazetteer().lookup(name) if c.entry.kind == kind and c.entry.country_code == country]


def _near(lat, lon, want_lat: float, want_lon: float, degrees: float = 0.25) -> bool:
    return lat is not None and lon is not None and abs(lat - want_lat) < degrees and abs(lon - want_lon) < degrees


def test_district_without_a_geonames_place_has_its_centroid():
    (lubutu,) = _rows("Lubutu", "B", "CD")  # a territory of Maniema in the DR Congo's eastern forest
    assert _near(lubutu.lat, lubutu.lon, -0.78, 26.81)
    assert load_gazetteer().admin1_of(lubutu).name == "Maniema"


def test_event_in_such_a_district_is_located_in_it_not_at_its_region():
    f = figures_of(
        "Mai-Mai fighters ambushed an army convoy on the road through Lubutu territory, in Maniema province, "
        "on Thursday, killing three soldiers, a local administrator said."
    )
    assert f.event_country == "CD"
    assert _near(f.event_lat, f.event_lon, -0.78, 26.81, 0.5)


def test_admin3_unit_is_a_place_under_its_region_and_district():
    gaz = load_gazetteer()
    (sector,) = _rows("Gashora", "P", "RW")
    assert sector.geonameid is None and sector.population == 0  # not a GeoNames place
    assert _near(sector.lat, sector.lon, -2.24, 30.25)
    assert gaz.admin1_of(sector).name == "Eastern"
    assert gaz.admin2_of(sector).name == "Bugesera District"


def test_admin3_unit_named_in_a_passage_is_the_event_place():
    f = figures_of(
        "Rwandan police said three men were arrested in Gashora sector on Monday after residents were attacked "
        "with machetes during a land dispute."
    )
    assert f.event_country == "RW"
    assert f.event_admin1 == "Eastern"
    assert f.event_admin2 == "Bugesera District"
    assert _near(f.event_lat, f.event_lon, -2.24, 30.25)


def test_commune_in_a_sahel_cercle_is_located():
    f = figures_of(
        "Armed men on motorbikes stormed the weekly market of Somasso, in the Bla cercle of the Segou region, "
        "on Saturday, killing four traders, local officials said."
    )
    assert f.event_country == "ML"
    assert _near(f.event_lat, f.event_lon, 12.84, -5.65, 0.08)  # the commune, not Bla town (15 km off)
