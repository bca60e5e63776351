"""Integrity checks for the bundled data in data/ (standard library csv only)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
REFERENCE = Path(__file__).parents[2] / "shared" / "reference"

HEADERS = {
    "units.csv": ["id", "symbol_zh", "symbol_en", "name_zh", "name_en", "dimension", "factor", "aliases"],
    "regions.csv": ["id", "name_zh", "name_en", "level", "parent", "aliases", "sort"],
    "indicators.csv": [
        "id",
        "name_zh",
        "name_en",
        "unit",
        "kind",
        "better",
        "theme",
        "description_zh",
        "description_en",
        "decimals",
        "headline",
    ],
    "sources.csv": ["source_id", "title", "publisher", "published", "url", "note", "reliability"],
    "observations.csv": [
        "indicator_id",
        "region_id",
        "year",
        "value",
        "status",
        "source_id",
        "as_of",
        "note",
        "quote",
    ],
    "alternatives.csv": [
        "indicator_id",
        "region_id",
        "year",
        "value",
        "status",
        "source_id",
        "as_of",
        "note",
        "quote",
        "chosen_source_id",
        "reason",
    ],
    "series_breaks.csv": [
        "indicator_id",
        "region_id",
        "first_year",
        "kind",
        "standard_after",
        "note_zh",
        "note_en",
    ],
}
KINDS = {"share", "amount", "count", "rate", "rank", "index"}
THEMES = {"digital_economy", "industry", "infrastructure", "government", "rankings", "context"}
STATUSES = {"reported", "derived", "target", "estimate"}
LEVELS = {"country", "province", "city"}
RELIABILITY = {"primary", "secondary", "weak"}
HEADLINE = {
    "digital_economy_scale",
    "digital_economy_gdp_share",
    "digital_economy_core_gdp_share",
    "fiveg_base_stations",
    "smart_factories",
    "data_center_standard_racks",
    "gdp",
    "ccid_city_rank",
}


def read(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by_id(name: str, key: str = "id") -> dict[str, dict[str, str]]:
    return {row[key]: row for row in read(name)}


def all_figures() -> list[tuple[str, dict[str, str]]]:
    return [("observations.csv", r) for r in read("observations.csv")] + [
        ("alternatives.csv", r) for r in read("alternatives.csv")
    ]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_has_exact_header_and_no_bom(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with a BOM"
    header = next(csv.reader(raw.decode("utf-8").splitlines()))
    assert header == HEADERS[name]
    for row in read(name):
        assert None not in row and None not in row.values(), f"{name}: ragged row {row}"


def test_units() -> None:
    units = read("units.csv")
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids))
    aliases_by_dim: dict[str, list[str]] = defaultdict(list)
    for u in units:
        assert u["name_zh"] and u["name_en"] and u["dimension"], u
        assert re.fullmatch(r"\d+(\.\d+)?", u["factor"]), f"factor must be plain decimal: {u}"
        assert Decimal(u["factor"]) > 0
        aliases = u["aliases"].split("|")
        assert all(a.strip() == a and a for a in aliases), u
        aliases_by_dim[u["dimension"]].extend(aliases)
    for dim, aliases in aliases_by_dim.items():
        if dim == "count":  # generic measure words (个, 家, 座) repeat; all count units convert 1:1
            assert {u["factor"] for u in units if u["dimension"] == "count"} == {"1"}
            continue
        dupes = [a for a, n in Counter(aliases).items() if n > 1]
        assert not dupes, f"aliases repeated within dimension {dim}: {dupes}"
    factors = {u["id"]: Decimal(u["factor"]) for u in units}
    assert factors["100m_yuan"] == 100_000_000 and factors["trillion_yuan"] == 10**12
    assert factors["10k_yuan"] == 10_000 and factors["billion_yuan"] == 10**9 and factors["yuan"] == 1


def test_regions_and_parents() -> None:
    regions = by_id("regions.csv")
    assert len(regions) == len(read("regions.csv"))
    sorts = [int(r["sort"]) for r in regions.values()]
    assert len(sorts) == len(set(sorts))
    for r in regions.values():
        assert r["level"] in LEVELS, r
        assert r["name_zh"] and r["name_en"] and r["aliases"], r
        if r["level"] == "country":
            assert r["parent"] == ""
        else:
            assert r["parent"] in regions, f"{r['id']}: parent {r['parent']!r} is not a region"
    cities = [r for r in regions.values() if r["level"] == "city"]
    assert len(cities) == 16 and all(c["parent"] == "shandong" for c in cities)
    assert regions["china"]["sort"] == "1" and regions["shandong"]["sort"] == "2"
    assert regions["qingdao"]["sort"] == "3" and regions["jinan"]["sort"] == "4"


def test_indicators() -> None:
    units = by_id("units.csv")
    indicators = read("indicators.csv")
    ids = [i["id"] for i in indicators]
    assert len(ids) == len(set(ids))
    for ind in indicators:
        assert ind["name_zh"] and ind["name_en"], ind["id"]
        assert ind["description_zh"] and ind["description_en"], ind["id"]
        assert ind["unit"] in units, f"{ind['id']}: unit {ind['unit']!r} not in units.csv"
        assert ind["kind"] in KINDS, ind["id"]
        assert ind["better"] in {"higher", "lower"}, ind["id"]
        assert ind["theme"] in THEMES, ind["id"]
        assert ind["decimals"].isdigit(), ind["id"]
        assert ind["headline"].isdigit(), ind["id"]
        if ind["kind"] == "rank":
            assert ind["better"] == "lower" and units[ind["unit"]]["dimension"] == "rank", ind["id"]
        if ind["kind"] == "share":
            assert units[ind["unit"]]["dimension"] == "percent", ind["id"]
    headline = sorted((int(i["headline"]), i["id"]) for i in indicators if i["headline"] != "0")
    assert [position for position, _ in headline] == list(range(1, len(HEADLINE) + 1))
    assert {i for _, i in headline} == set(HEADLINE)


def test_sources() -> None:
    sources = read("sources.csv")
    ids = [s["source_id"] for s in sources]
    assert len(ids) == len(set(ids))
    for s in sources:
        assert s["title"] and s["publisher"], s["source_id"]
        assert s["reliability"] in RELIABILITY, s["source_id"]
        assert s["published"] == "" or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s["published"]), s


def test_every_figure_references_known_ids() -> None:
    indicators, regions, sources = (
        by_id("indicators.csv"),
        by_id("regions.csv"),
        by_id("sources.csv", "source_id"),
    )
    for name, r in all_figures():
        where = f"{name}: {r['indicator_id']}/{r['region_id']}/{r['year']}"
        assert r["indicator_id"] in indicators, where
        assert r["region_id"] in regions, where
        assert r["source_id"] in sources, where
        assert r["status"] in STATUSES, where
        assert re.fullmatch(r"\d{4}", r["year"]), where
        Decimal(r["value"])  # parses as a number
        if name == "alternatives.csv":
            assert r["chosen_source_id"] in sources and r["reason"], where


def test_observation_keys_unique() -> None:
    keys = Counter(
        (r["indicator_id"], r["region_id"], r["year"], r["status"]) for r in read("observations.csv")
    )
    assert [k for k, n in keys.items() if n > 1] == []
    # at most one actual (non-target) value per indicator, region and year
    actual = Counter(
        (r["indicator_id"], r["region_id"], r["year"])
        for r in read("observations.csv")
        if r["status"] != "target"
    )
    assert [k for k, n in actual.items() if n > 1] == []


def test_alternatives_point_at_a_kept_observation() -> None:
    kept = {
        (r["indicator_id"], r["region_id"], r["year"], r["status"] == "target", r["source_id"])
        for r in read("observations.csv")
    }
    for r in read("alternatives.csv"):
        key = (r["indicator_id"], r["region_id"], r["year"], r["status"] == "target", r["chosen_source_id"])
        assert key in kept, f"alternative {r} has no kept observation from {r['chosen_source_id']}"


def test_as_of_dates() -> None:
    for name, r in all_figures():
        if not r["as_of"]:
            continue
        day = dt.date.fromisoformat(r["as_of"])
        year = int(r["year"])
        assert year - 1 <= day.year <= year + 1, f"{name}: as_of {r['as_of']} far from year {year}"


def test_values_fit_their_kind() -> None:
    indicators = by_id("indicators.csv")
    for name, r in all_figures():
        kind = indicators[r["indicator_id"]]["kind"]
        value = Decimal(r["value"])
        where = f"{name}: {r['indicator_id']}/{r['region_id']}/{r['year']} = {r['value']}"
        if kind == "share":
            assert 0 <= value <= 100, where
        elif kind == "rank":
            assert value == value.to_integral_value() and value >= 1, where
        elif kind == "count":
            assert value == value.to_integral_value() and value >= 0, where
        else:
            assert value >= 0, where


def _published_by(published: str) -> dt.date:
    """The last day a source dated 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' can have been published."""
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def test_as_of_never_later_than_publication() -> None:
    """A figure cannot refer to a day after its source was published ('about June 2025' in a report of
    5 June 2025 is as of 5 June at the latest); a year-end figure needs a source published after the year."""
    sources, indicators = by_id("sources.csv", "source_id"), by_id("indicators.csv")
    for name, r in all_figures():
        published = sources[r["source_id"]]["published"]
        if not published or r["status"] in ("target", "estimate"):
            continue
        where = f"{name}: {r['indicator_id']}/{r['region_id']}/{r['year']} ({r['source_id']}, {published})"
        if r["as_of"]:
            assert dt.date.fromisoformat(r["as_of"]) <= _published_by(published), where
        elif indicators[r["indicator_id"]]["theme"] != "rankings":  # ranks and list counts name an edition
            assert int(published[:4]) > int(r["year"]), f"{where}: year-end figure published within its year"


# The reference README's changes of measure and census revisions, each a break of the curated data.
KNOWN_BREAKS = {
    ("gdp", "shandong", "2019", "census_revision"),
    ("digital_economy_core_gdp_share", "china", "2023", "census_revision"),
    (
        "fiveg_base_stations",
        "qingdao",
        "2023",
        "change_of_measure",
    ),  # built (建设) in 2023, opened (开通) around it
    ("fiveg_base_stations", "qingdao", "2024", "change_of_measure"),
    ("data_center_standard_racks", "qingdao", "2024", "change_of_measure"),  # all racks, then racks in use
    ("smart_communities", "shandong", "2022", "change_of_measure"),  # first provincial batch, then cumulative
    ("top100_digital_cities_count", "shandong", "2022", "different_list"),
    ("top100_digital_cities_count", "shandong", "2025", "different_list"),
}


def test_series_breaks() -> None:
    indicators, regions = by_id("indicators.csv"), by_id("regions.csv")
    breaks = read("series_breaks.csv")
    for b in breaks:
        assert b["indicator_id"] in indicators and b["region_id"] in regions, b
        assert b["first_year"].isdigit() and b["note_zh"] and b["note_en"], b
        assert b["kind"] in {"census_revision", "change_of_measure", "different_list"}, b
        # a change of measure says whether the new segment follows the indicator's definition; a census
        # revision re-estimates the same measure
        expected = ("",) if b["kind"] == "census_revision" else ("yes", "no")
        assert b["standard_after"] in expected, b
    keys = {(b["indicator_id"], b["region_id"], b["first_year"], b["kind"]) for b in breaks}
    assert keys >= KNOWN_BREAKS, KNOWN_BREAKS - keys
    assert len(keys) == len(breaks)


def test_reference_statuses_and_dates_of_the_known_traps() -> None:
    """Qingdao's 2025 GDP is expected (预计), not reported; the seed article's manufacturing figures are
    as of end-2022 (截至去年底) and win over the March 2022 ones; part-year figures keep their dates."""
    kept = {(r["indicator_id"], r["region_id"], r["year"], r["status"]): r for r in read("observations.csv")}
    assert ("gdp", "qingdao", "2025", "estimate") in kept and (
        "gdp",
        "qingdao",
        "2025",
        "reported",
    ) not in kept
    for ind in (
        "equipment_digitization_rate",
        "key_process_nc_rate",
        "rd_design_tool_penetration",
        "smart_factories",
        "digital_workshops",
        "automated_lines",
    ):
        row = kept[(ind, "qingdao", "2022", "reported")]
        assert row["source_id"] == "seed_qdnews_20230505" and row["as_of"] == "", row
    assert kept[("fiveg_base_stations", "qingdao", "2025", "reported")]["as_of"] == "2025-06-05"
    assert kept[("fiveg_base_stations", "shandong", "2024", "reported")]["as_of"] == "2024-06-18"
    assert kept[("city_cloud_brain_cross_dept_apps", "qingdao", "2022", "reported")]["value"] == "16"
    assert kept[("fiveg_base_stations_rank_in_province", "qingdao", "2022", "reported")]["value"] == "1"


def test_data_matches_reference_exactly() -> None:
    """Every reference figure is kept (in observations or alternatives) and nothing else was added."""
    if not (REFERENCE / "observations.csv").exists():
        pytest.skip(f"reference figures not found at {REFERENCE}")
    indicators = by_id("indicators.csv")

    def key(r: dict[str, str]) -> tuple:
        return (
            r["indicator_id"],
            r["region_id"],
            r["year"],
            r["status"],
            r["source_id"],
            Decimal(r["value"]),
        )

    reference = Counter(key(r) for r in read("observations.csv", REFERENCE))
    ours = Counter(key(r) for _, r in all_figures())
    missing = reference - ours
    invented = ours - reference
    assert not missing, f"reference figures lost from data/: {sorted(missing)}"
    assert not invented, f"figures in data/ without a reference row: {sorted(invented)}"
    for r in read("observations.csv", REFERENCE):
        assert indicators[r["indicator_id"]]["unit"] == r["unit"], r
    ref_sources = {s["source_id"] for s in read("sources.csv", REFERENCE)}
    assert ref_sources == set(by_id("sources.csv", "source_id"))


# Quotes with a lower-bound word that is not about the figure itself (another figure of the same sentence).
BOUND_WORD_ELSEWHERE = {
    ("admin_village_5g_coverage_rate", "qingdao", "2022"),  # 乡镇以上: townships and above
    ("digital_economy_gdp_share", "jinan", "2022"),  # 'more than 17%' is the core-industry share
    ("digital_economy_scale", "china", "2012"),  # 超50.2 is the 2022 figure of the same sentence
    ("digital_economy_scale", "china", "2017"),  # 超45 is the 2021 figure of the same sentence
    ("digital_economy_scale", "shandong", "2023"),  # 超过47% is the share of GDP
    ("digital_economy_scale_rank_china", "shandong", "2021"),  # 超过6% is the core-industry share
    ("fiveg_base_stations_new", "shandong", "2020"),  # '40,000 new ... will be built': a target's wording
    ("it_industry_revenue", "shandong", "2025"),  # 突破 in a target: the goal itself
    ("key_business_digitalization_rate", "shandong", "2025"),  # 以上 in 规模以上: above-scale firms
}


def test_lower_bounds_keep_over() -> None:
    """A figure its source states as a lower bound (突破, 超, 以上, 余, 'more than') carries the 'over'
    qualifier at the start of its note, so that every place showing it says 超过 / over."""
    for r in read("observations.csv"):
        key = (r["indicator_id"], r["region_id"], r["year"])
        bound = re.search(r"突破|超过|超|以上|余|逾|more than|exceed", r["quote"], re.IGNORECASE)
        if bound and key not in BOUND_WORD_ELSEWHERE:
            assert re.match(r"over\b", r["note"]), (key, r["quote"], r["note"])


CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
ZH_ORDINALS = {
    "1": "一",
    "2": "二",
    "3": "三",
    "4": "四",
    "5": "五",
    "6": "六",
    "7": "七",
    "8": "八",
    "9": "九",
    "10": "十",
    "11": "十一",
    "12": "十二",
    "13": "十三",
    "14": "十四",
    "15": "十五",
}
QUALIFIER_ZH = {"over": "超过", "about": "约", "nearly": "近"}


def test_every_note_has_a_chinese_translation() -> None:
    """data/notes_zh.csv gives the Chinese interface a translation of every English note and reason (build_data.py
    does not write it: a changed or new note needs its row here). The numbers of the English carry over (a date's
    leading zeros may go: 2023-05-05 -> 2023年5月5日; "100m yuan" is 亿元, "per 10,000 people" 每万人; an ordinal may be a Chinese numeral: 4th -> 第四次, 14th FYP
    -> 十四五), a qualifier note opens with its Chinese word, and Chinese text takes full-width punctuation."""
    raw = (DATA / "notes_zh.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "notes_zh.csv starts with a BOM"
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert rows[0] == ["en", "zh"], rows[0]
    body = rows[1:]
    assert all(len(r) == 2 for r in body), [r for r in body if len(r) != 2]
    counts = Counter(en for en, _ in body)
    assert not [en for en, n in counts.items() if n > 1], "notes translated twice"
    wanted = {r[col] for _, r in all_figures() for col in ("note", "reason") if r.get(col, "").strip()}
    assert not wanted - set(counts), (
        f"notes without a translation in notes_zh.csv: {sorted(wanted - set(counts))}"
    )
    assert not set(counts) - wanted, (
        f"rows of notes_zh.csv for no current note: {sorted(set(counts) - wanted)}"
    )
    for en, zh in body:
        assert zh.strip() and re.search(f"[{CJK}]", zh), (en, zh)
        facts = en.replace("100m yuan", "亿元").replace("per 10,000 people", "每万人")  # units, not figures
        for match in re.finditer(r"\d+", facts):
            digits = match.group().lstrip("0") or "0"
            ordinal = re.match(r"st|nd|rd|th", facts[match.end() :])
            assert digits in zh or (ordinal and ZH_ORDINALS.get(digits, "?") in zh), (en, zh, match.group())
        assert not re.search(f"[{CJK}][,;][{CJK}]", zh), (en, zh)
        qualifier = re.match(r"\s*(over|about|nearly)\s*(?=$|[;,(])", en, re.IGNORECASE)
        if qualifier:
            assert zh.startswith(QUALIFIER_ZH[qualifier.group(1).lower()]), (en, zh)
