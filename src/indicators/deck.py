"""What a meeting pack holds, whatever its format (the offline HTML briefing, the slide pack, Present): the
default storyline, the rows and takeaway of each chart (with the national reference only where it compares),
and the pack's title lines (regions, years, reference, date, data revision). `pack.build_pack` puts it together
once; `briefing`, `slides` and `document` render that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from indicators import sentences, writing
from indicators.catalog import THEMES, Catalog
from indicators.comparability import chart_regions
from indicators.i18n import t

DEFAULT_REGIONS = ("shandong", "qingdao")
REFERENCE_REGION = (
    "china"  # drawn beside the chosen regions where it compares (`comparability.chart_regions`)
)
Years = tuple[int, int] | None


def select_rows(
    frame: pd.DataFrame, indicator_ids: list[str], region_ids: list[str], years: Years
) -> pd.DataFrame:
    """The rows with a value of these indicators and regions within the years (a (first, last) pair)."""
    rows = frame[
        frame["indicator_id"].isin(list(indicator_ids))
        & frame["region_id"].isin(list(region_ids))
        & frame["value"].notna()
    ]
    if years:
        rows = rows[(rows["year"] >= int(min(years))) & (rows["year"] <= int(max(years)))]
    return rows


@dataclass(frozen=True)
class ChartContent:
    """What one chart of a pack shows, the same in Present, the briefing and the slide pack: the regions
    drawn (the chosen ones, plus the national reference where it compares), their rows, and the takeaway
    about the chosen regions."""

    indicator_id: str
    regions: list[str]
    rows: pd.DataFrame
    takeaway: str


def chart_content(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_id: str,
    region_ids: list[str],
    reference: str | None,
    years: Years,
    lang: str,
) -> ChartContent:
    regions = chart_regions(catalog, indicator_id, region_ids, reference)
    rows = select_rows(frame, [indicator_id], regions, years)
    return ChartContent(
        indicator_id, regions, rows, sentences.takeaway(rows, catalog, indicator_id, list(region_ids), lang)
    )


def default_deck(
    frame: pd.DataFrame, catalog: Catalog, region_ids: list[str], years: Years = None
) -> list[str]:
    """The default storyline: the headline indicators that have data for the regions and years, theme by
    theme (digital economy first), the one with the most figures first within a theme."""
    counts = select_rows(frame, list(catalog.indicators), region_ids, years)["indicator_id"].value_counts()
    ids = [i for i, ind in catalog.indicators.items() if ind.headline and counts.get(i, 0)]
    order = {theme: n for n, theme in enumerate(THEMES)}
    return sorted(ids, key=lambda i: (order.get(catalog.indicators[i].theme, len(order)), -counts[i]))


def years_text(years: Years, lang: str) -> str:
    return t("brief_years", lang, first=min(years), last=max(years)) if years else ""


def reference_text(catalog: Catalog, reference: str | None, region_ids: list[str], lang: str) -> str:
    """'全国数据作参考，仅用于比重、比率和指数类图表' when a national reference is drawn beside the regions."""
    if not reference or reference in region_ids or reference not in catalog.regions:
        return ""
    return t("brief_reference", lang, name=catalog.regions[reference].name(lang))


def revision_text(revision: int | None, revision_time: str | None, lang: str) -> str:
    if revision is None:
        return ""
    when = writing.timestamp(revision_time or "", lang)
    return (
        t("data_revision", lang, rev=revision, when=when) if when else t("brief_revision", lang, rev=revision)
    )


def day_text(generated_at: dt.date | dt.datetime | str | None, lang: str) -> str:
    """The day a pack is made, in Beijing time like every time the product shows (a pack made at 05:00 in
    Beijing is not dated the day before because the server's clock is on UTC)."""
    when = generated_at or dt.datetime.now(dt.UTC)
    if isinstance(when, dt.datetime) and when.tzinfo is not None:
        when = when.astimezone(writing.BEIJING)
    return writing.day(when, lang)


# -- what a pack is asked for -------------------------------------------------------------------------------
class PackError(ValueError):
    """A pack asked for with unknown regions or indicators, years outside the data, or nothing to show; the
    message is in the user's language."""


@dataclass(frozen=True)
class PackRequest:
    """The regions, years and indicators of a pack, resolved against the store."""

    indicator_ids: list[str]
    region_ids: list[str]
    years: tuple[int, int]
    reference: str | None


def _ids(text: str | None, known: dict, find, key: str, lang: str) -> list[str]:
    wanted = [p.strip() for p in str(text or "").split(",") if p.strip()]
    found = [p if p in known else getattr(find(p), "id", None) for p in wanted]
    unknown = [p for p, f in zip(wanted, found, strict=True) if f is None]
    if unknown:
        raise PackError(t(key, lang, ids=", ".join(unknown), known=", ".join(known)))
    return list(dict.fromkeys(found))


def parse_years(text: str | None, frame: pd.DataFrame, lang: str) -> tuple[int, int]:
    """'2018-2023' or '2023' within the data's years; empty means all of them."""
    low, high = (int(frame["year"].min()), int(frame["year"].max())) if len(frame) else (2012, 2030)
    text = str(text or "").strip()
    if not text:
        return low, high
    try:
        parts = [int(p) for p in text.replace("–", "-").replace("—", "-").split("-")]
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or parts[0] > parts[-1] or parts[-1] < low or parts[0] > high:
        raise PackError(t("report_bad_years", lang, value=text, low=low, high=high))
    return parts[0], parts[-1]


def request(
    frame: pd.DataFrame,
    catalog: Catalog,
    regions: str | None,
    years: str | None,
    indicators: str | None,
    lang: str,
) -> PackRequest:
    """Resolve comma-separated ids or names (empty: the defaults, with the national reference) into a
    `PackRequest`; raises `PackError`."""
    region_ids = _ids(regions, catalog.regions, catalog.find_region, "report_unknown_region", lang)
    reference = None if region_ids else REFERENCE_REGION
    region_ids = region_ids or list(DEFAULT_REGIONS)
    span = parse_years(years, frame, lang)
    ids = _ids(indicators, catalog.indicators, catalog.find_indicator, "report_unknown_indicator", lang)
    ids = ids or default_deck(frame, catalog, region_ids, span)
    if not ids:
        raise PackError(t("report_no_data", lang))
    return PackRequest(ids, region_ids, span, reference)
