"""Whether two figures may be compared, and on what terms: the one rule behind every number the product
computes (change, growth rate, CAGR, index, gap, lead, share of the parent region, pace to a target).

A `Figure` is one stored number with what it takes to judge it: its status, qualifier, as-of date and
basis segment. The checks return a `Verdict`: refused with a reason, or allowed with the terms the wording
must keep (approximate when a qualifier is involved, both dates named when one is not a year-end figure,
"expected" when an estimate is involved). `sentences` and `analysis` word and compute only what passes.

The rules, from the reference README's known traps:
- basis: nothing across a series break (census revision, change of measure, different list); a figure
  off the indicator's own definition (a segment a change of measure marks so) is never compared with
  another region's, and figures either side of a census revision are not compared with each other;
- containment: no gap or lead between a region and one that contains it for counts and amounts: the share
  of the parent is said instead, and only when both figures refer to the same date;
- dates: a change involving a figure not dated at year-end names both dates; a growth rate needs both
  figures at the same point of their years; gaps, leads and shares need the same date;
- status: a plan target is never an actual; an estimate is said to be expected;
- qualifiers: a change from an exact figure to a lower bound ("over") is a lower bound itself, from a lower
  bound to an exact figure an upper bound, and between two bounds or with an approximation approximate
  (`bound`);
- ranks: compared only within one list (one indicator, regions of one level);
- prices: an amount of money is stored as published, at current prices, so a rate computed from two of its
  figures (a growth rate, a CAGR, an index, the pace a target needs) is nominal and is said so
  (`at_current_prices`); officials publish GDP's growth at constant prices, which is a different number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from indicators.catalog import Catalog, SeriesBreak
from indicators.writing import qualifier_of

ACTUAL = ("reported", "derived", "estimate")
# Reasons a comparison is refused (stable codes; `sentences` words them).
SERIES_BREAK = "series_break"
TARGET = "target"
CONTAINS = "contains"
DATES_DIFFER = "dates_differ"
PART_YEAR = "part_year"
MEASURE = "measure"
OTHER_LIST = "other_list"
NOT_POSITIVE = "not_positive"
NOT_PARENT = "not_parent"
SAME_REGION = "same_region"
RANK = "rank"
INEXACT = "inexact"
FLOW_KINDS = ("count", "amount")  # a region's count or amount includes its parts'
MONEY = "money"  # the dimension of the units of money in data/units.csv (元, 亿元, 万亿元)


@dataclass(frozen=True)
class Figure:
    """One stored number and what it takes to compare it."""

    indicator_id: str
    region_id: str
    year: int
    value: float
    status: str = "reported"
    source_id: str = ""
    as_of: str = ""
    note: str = ""

    @property
    def qualifier(self) -> str:
        """'over', 'about', 'nearly' or ''."""
        return qualifier_of(self.note)

    @property
    def date(self) -> dt.date:
        """The day the figure refers to: its as-of date, else the last day of its year."""
        return dt.date.fromisoformat(self.as_of) if self.as_of else dt.date(int(self.year), 12, 31)

    @property
    def year_end(self) -> bool:
        return self.date == dt.date(int(self.year), 12, 31)

    @property
    def point_in_year(self) -> tuple[int, int]:
        return self.date.month, self.date.day


def figure(row) -> Figure:
    """A Figure from a row of the tidy frame (a namedtuple from itertuples, or a mapping)."""
    get = row.get if hasattr(row, "get") else lambda k, d="": getattr(row, k, d)
    as_of = get("as_of", "")
    note = get("note", "")
    return Figure(
        str(get("indicator_id")),
        str(get("region_id")),
        int(get("year")),
        float(get("value")),
        str(get("status", "reported") or "reported"),
        str(get("source_id", "") or ""),
        "" if as_of is None or as_of != as_of else str(as_of),
        "" if note is None or note != note else str(note),
    )


@dataclass(frozen=True)
class Verdict:
    """Whether a comparison may be made (`ok`), and if so on what terms."""

    ok: bool
    reason: str = ""
    approximate: bool = False  # a lower bound or an approximation on either side: say 约 / about
    dated: bool = False  # one side is not a year-end figure: name both dates
    estimate: bool = False  # an expected value is involved: say 预计 / expected
    series_break: SeriesBreak | None = None

    def __bool__(self) -> bool:
        return self.ok


def _refuse(reason: str, brk: SeriesBreak | None = None) -> Verdict:
    return Verdict(False, reason, series_break=brk)


def _terms(*figs: Figure) -> Verdict:
    return Verdict(
        True,
        approximate=any(f.qualifier for f in figs),
        dated=not all(f.year_end for f in figs),
        estimate=any(f.status == "estimate" for f in figs),
    )


def bound(base: Figure, other: Figure) -> str:
    """What is known of `other` against `base` (their difference or ratio) when qualifiers are involved:
    'at_least' when only `other` is a lower bound ('over'), 'at_most' when only `base` is, 'about' when both
    are or an approximation ('about', 'nearly') is involved, '' when both are exact."""
    qb, qo = base.qualifier, other.qualifier
    if not qb and not qo:
        return ""
    if qo == "over" and not qb:
        return "at_least"
    if qb == "over" and not qo:
        return "at_most"
    return "about"


# -- the catalog's facts ------------------------------------------------------------------------------------
def kind(catalog: Catalog, indicator_id: str) -> str:
    ind = catalog.indicators.get(indicator_id)
    return ind.kind if ind else ""


def breaks(catalog: Catalog, indicator_id: str, region_id: str) -> tuple[SeriesBreak, ...]:
    return _breaks_index(catalog.series_breaks).get((indicator_id, region_id), ())


@cache
def _breaks_index(series_breaks: tuple[SeriesBreak, ...]) -> dict[tuple[str, str], tuple[SeriesBreak, ...]]:
    index: dict[tuple[str, str], list[SeriesBreak]] = {}
    for b in series_breaks:
        index.setdefault((b.indicator_id, b.region_id), []).append(b)
    return {k: tuple(sorted(v, key=lambda b: b.first_year)) for k, v in index.items()}


def segment(catalog: Catalog, indicator_id: str, region_id: str, year: int) -> int:
    """How many breaks of the series lie at or before `year`: two years compare only with equal segments."""
    return sum(1 for b in breaks(catalog, indicator_id, region_id) if b.first_year <= int(year))


def break_between(
    catalog: Catalog, indicator_id: str, region_id: str, year_a: int, year_b: int
) -> SeriesBreak | None:
    """The first break after the earlier year and at or before the later one."""
    lo, hi = sorted((int(year_a), int(year_b)))
    return next((b for b in breaks(catalog, indicator_id, region_id) if lo < b.first_year <= hi), None)


def off_standard(catalog: Catalog, f: Figure) -> bool:
    """Whether the figure lies in a segment of its series that does not follow the indicator's own
    definition (Qingdao's 5G stations *built* in 2023, racks *in use* from 2024; a first provincial batch
    before a cumulative count). Such a figure is compared only within its own segment."""
    changes = [b for b in breaks(catalog, f.indicator_id, f.region_id) if b.kind != "census_revision"]
    if not changes:
        return False
    started = [b for b in changes if b.first_year <= f.year]
    if started:
        return started[-1].standard_after is False
    return changes[0].standard_after is True  # the first change returns to the definition: before it, off it


def _vintage(catalog: Catalog, f: Figure) -> int | None:
    """Which side of a census revision the figure is on (None when its series records no revision)."""
    census = [b for b in breaks(catalog, f.indicator_id, f.region_id) if b.kind == "census_revision"]
    return sum(1 for b in census if b.first_year <= f.year) if census else None


def contains(catalog: Catalog, outer: str, inner: str) -> bool:
    """Whether region `outer` contains region `inner` (China contains Shandong and Qingdao)."""
    seen, region = set(), catalog.regions.get(inner)
    while region is not None and region.parent and region.id not in seen:
        seen.add(region.id)
        if region.parent == outer:
            return True
        region = catalog.regions.get(region.parent)
    return False


def nested(catalog: Catalog, a: str, b: str) -> bool:
    return contains(catalog, a, b) or contains(catalog, b, a)


def _level(catalog: Catalog, region_id: str) -> str:
    region = catalog.regions.get(region_id)
    return region.level if region else ""


# -- within one series --------------------------------------------------------------------------------------
def change(catalog: Catalog, earlier: Figure, later: Figure) -> Verdict:
    """May the change from `earlier` to `later` (one indicator and region) be stated?"""
    if earlier.status == "target" or later.status == "target":
        return _refuse(TARGET)
    brk = break_between(catalog, later.indicator_id, later.region_id, earlier.year, later.year)
    if brk is not None:
        return _refuse(SERIES_BREAK, brk)
    return _terms(earlier, later)


def annual(catalog: Catalog, earlier: Figure, later: Figure) -> Verdict:
    """May a change be read per year (year on year, per year over several years, an index to a base year)?
    Both figures must be on one basis and at the same point of their years: no annual rate over a part year."""
    verdict = change(catalog, earlier, later)
    if not verdict:
        return verdict
    if earlier.point_in_year != later.point_in_year or later.year <= earlier.year:
        return _refuse(PART_YEAR)
    return verdict


def growth(catalog: Catalog, earlier: Figure, later: Figure) -> Verdict:
    """May a growth rate in percent (year on year, CAGR) be computed? As `annual`, and both positive; a rank
    moves by places, it does not grow."""
    verdict = annual(catalog, earlier, later)
    if not verdict:
        return verdict
    if kind(catalog, later.indicator_id) == "rank":
        return _refuse(RANK)
    if not (earlier.value > 0 and later.value > 0):
        return _refuse(NOT_POSITIVE)
    return verdict


def by_points(catalog: Catalog, indicator_id: str) -> bool:
    """Changes of this indicator are read in percentage points (shares, and rates measured in %)."""
    ind = catalog.indicators.get(indicator_id)
    unit = catalog.units.get(ind.unit) if ind else None
    return ind is not None and (ind.kind == "share" or (unit is not None and unit.dimension == "percent"))


def at_current_prices(catalog: Catalog, indicator_id: str) -> bool:
    """Whether the indicator's figures are amounts of money at current prices (GDP in 亿元, revenue in 万亿元),
    read from its unit's dimension. A rate computed from two of them (growth, CAGR, an index, the pace a target
    needs) is then nominal, price changes included, and every sentence, card and label says so: the official
    growth of GDP is real, at constant prices, and differs. A change or gap said as an amount of money is a
    difference of levels, not a rate, and needs no such word."""
    ind = catalog.indicators.get(indicator_id)
    unit = catalog.units.get(ind.unit) if ind else None
    return unit is not None and unit.dimension == MONEY


def linear_pace(catalog: Catalog, indicator_id: str) -> bool:
    """Whether progress is measured per year in points or places (shares, ranks) rather than as growth."""
    return by_points(catalog, indicator_id) or kind(catalog, indicator_id) == "rank"


# -- between regions ----------------------------------------------------------------------------------------
def across(catalog: Catalog, a: Figure, b: Figure) -> Verdict:
    """May two regions' figures of one indicator be set against each other (gap, lead, ratio)?"""
    if a.region_id == b.region_id:
        return _refuse(SAME_REGION)
    if a.status == "target" or b.status == "target":
        return _refuse(TARGET)
    ind_kind = kind(catalog, a.indicator_id)
    if ind_kind == "rank" and _level(catalog, a.region_id) != _level(catalog, b.region_id):
        return _refuse(OTHER_LIST)  # provinces and cities are ranked on separate lists
    if ind_kind in FLOW_KINDS and nested(catalog, a.region_id, b.region_id):
        return _refuse(CONTAINS)
    return _same_basis(catalog, a, b)


def _same_basis(catalog: Catalog, a: Figure, b: Figure) -> Verdict:
    if a.date != b.date:
        return _refuse(DATES_DIFFER)
    if off_standard(catalog, a) or off_standard(catalog, b):
        return _refuse(MEASURE)
    va, vb = _vintage(catalog, a), _vintage(catalog, b)
    if va is not None and vb is not None and va != vb:
        return _refuse(SERIES_BREAK)
    return _terms(a, b)


def share(catalog: Catalog, part: Figure, whole: Figure) -> Verdict:
    """May `part` be said as a share of `whole`, the region that contains it (a city's share of its
    province)? Counts and amounts only, at the same date and on the same basis."""
    if part.status == "target" or whole.status == "target":
        return _refuse(TARGET)
    if kind(catalog, part.indicator_id) not in FLOW_KINDS:
        return _refuse(MEASURE)
    if not contains(catalog, whole.region_id, part.region_id):
        return _refuse(NOT_PARENT)
    if not whole.value > 0 or part.value < 0:
        return _refuse(NOT_POSITIVE)
    return _same_basis(catalog, part, whole)


# -- a plan target ------------------------------------------------------------------------------------------
def to_target(catalog: Catalog, latest: Figure, target: Figure) -> Verdict:
    """May the distance from the latest actual figure to a later plan target be stated?"""
    if latest.status == "target" or target.status != "target":
        return _refuse(TARGET)
    brk = break_between(catalog, latest.indicator_id, latest.region_id, latest.year, target.year)
    if brk is not None:
        return _refuse(SERIES_BREAK, brk)
    return _terms(latest, target)


def pace(catalog: Catalog, earlier: Figure, latest: Figure, target: Figure) -> Verdict:
    """May the recent pace (from `earlier` to `latest`) be set against the pace the target needs, and an
    'on track' verdict given? Only on one basis, over whole years, from exact reported or derived figures."""
    verdict = to_target(catalog, latest, target)
    if not verdict:
        return verdict
    step = annual if linear_pace(catalog, latest.indicator_id) else growth
    target_as_actual = Figure(target.indicator_id, target.region_id, target.year, target.value, "reported")
    for check in (step(catalog, earlier, latest), step(catalog, latest, target_as_actual)):
        if not check:
            return check
    if any(f.qualifier or f.status == "estimate" for f in (earlier, latest)):
        return _refuse(INEXACT)  # a bound or an expectation cannot carry a verdict
    return verdict


# -- charts -------------------------------------------------------------------------------------------------
def reference_fits(catalog: Catalog, indicator_id: str) -> bool:
    """Whether the national reference is drawn beside provinces and cities: for shares, rates and indices.
    A national count or amount contains them and is tens of times larger: it would flatten their lines."""
    return kind(catalog, indicator_id) not in FLOW_KINDS


def chart_regions(
    catalog: Catalog, indicator_id: str, regions: list[str], reference: str | None
) -> list[str]:
    """The regions one chart draws: the chosen ones, plus the national reference where it fits. Pages,
    Present, the briefing and the slide pack all ask this one question."""
    out = list(dict.fromkeys(regions))
    if reference and reference not in out and reference_fits(catalog, indicator_id):
        out.append(reference)
    return out
