"""The statements the product writes about its numbers: a chart's one-sentence takeaway, a headline card,
progress to a plan target, rank changes, a city's share of its province (a headline card is in `cards`).
Pure functions.

Every comparison goes through `comparability` first and is worded with `writing`, so each sentence says
what its numbers are (period, status, qualifier) and compares only what may be compared. The fixed words
of each sentence are templates in `i18n` (keys `s_*`).
"""

from __future__ import annotations

import pandas as pd

from indicators import analysis, writing
from indicators import comparability as cmp
from indicators.catalog import Catalog
from indicators.comparability import Figure, Verdict
from indicators.i18n import t


# -- how one figure is said ---------------------------------------------------------------------------------
def figure_value(catalog: Catalog, f: Figure, lang: str, *, qualified: bool = True) -> str:
    """'超过3.9万亿元', '47%', '第13位', 'over 3.9 trillion yuan': the value with its unit and qualifier."""
    ind = catalog.indicators[f.indicator_id]
    return writing.value(
        f.value, catalog.unit_of(f.indicator_id), lang, ind.decimals, f.qualifier if qualified else ""
    )


def when(f: Figure, lang: str) -> str:
    """The period a figure refers to, as a heading: '2024年' / 'in 2024', '截至2025年6月5日' / 'as of 5 June 2025'."""
    if f.year_end:
        return t("s_in_year", lang, year=f.year)
    return t("s_as_of", lang, date=writing.date(f.as_of, lang))


def period_of(f: Figure, lang: str) -> str:
    """The period of a figure in a table cell: '2024年' / '2024', '截至2025年6月5日' / 'as of 5 June 2025'."""
    return writing.year(f.year, lang) if f.year_end else t("s_as_of", lang, date=writing.date(f.as_of, lang))


def reference_point(catalog: Catalog, f: Figure, lang: str, dated: bool) -> str:
    """A figure as the point a change is measured from: '2024年' / '2024', or with dates named
    '2024年底' / 'end-2024' (a stock) and '2024年12月13日' / '13 December 2024'."""
    if not f.year_end:
        return writing.date(f.as_of, lang)
    if dated and cmp.kind(catalog, f.indicator_id) == "count":
        return writing.year_end(f.year, lang)
    return writing.year(f.year, lang)


def _verb_zh(f: Figure) -> str:
    verb = {"estimate": "预计", "derived": "推算"}.get(f.status, "")
    return verb if f.qualifier else verb + "为"


def _status_en(f: Figure) -> str:
    return {"estimate": " (expected)", "derived": " (derived)"}.get(f.status, "")


def head(catalog: Catalog, f: Figure, lang: str) -> str:
    """'2023年山东省数字经济规模超过3.9万亿元' / 'Digital economy size (Shandong): over 3.9 trillion yuan in 2023'."""
    region = catalog.regions[f.region_id].name(lang) if f.region_id in catalog.regions else f.region_id
    name = catalog.indicators[f.indicator_id].name(lang)
    key = "s_head_year" if f.year_end else "s_head_date"
    date = writing.date(f.as_of, lang) if f.as_of else ""
    return t(
        key,
        lang,
        year=f.year,
        date=date,
        region=region,
        indicator=name,
        value=figure_value(catalog, f, lang),
        verb=_verb_zh(f) if lang == "zh" else "",
        status=_status_en(f) if lang != "zh" else "",
    )


# -- a change between two figures of one series ---------------------------------------------------------------
def direction(catalog: Catalog, indicator_id: str, amount: float) -> str:
    """'up' or 'down' in the reader's terms: a rank that falls in number moves up."""
    rank = cmp.kind(catalog, indicator_id) == "rank"
    return "up" if (amount < 0 if rank else amount > 0) else "down"


def change_mode(catalog: Catalog, indicator_id: str) -> str:
    if cmp.kind(catalog, indicator_id) == "rank":
        return "rank"
    return "points" if cmp.by_points(catalog, indicator_id) else "unit"


def limit(base: Figure, other: Figure, amount: float) -> str:
    """How a computed amount from `base` to `other` is bounded, in the words `writing.limited` takes: a
    lower bound on the change reads 'more than' when the amount is a rise and 'at most' when it is a fall."""
    known = cmp.bound(base, other)
    if known in ("", "about"):
        return known
    rising = amount > 0
    return "more" if (known == "at_least") == rising else "less"


def difference(catalog: Catalog, indicator_id: str, amount: float, lang: str, *, bounded: str = "") -> str:
    """A difference in the indicator's own terms: '4位', '2个百分点', '6.4万个', '4 places', '2 percentage
    points', within its bound ('约5,000架', '1.7%以上')."""
    ind, mode = catalog.indicators[indicator_id], change_mode(catalog, indicator_id)
    if mode == "rank":
        text = writing.places(amount, lang)
    elif mode == "points":
        text = writing.points(amount, lang, ind.decimals)
    else:
        text = writing.value(abs(amount), catalog.unit_of(indicator_id), lang, ind.decimals)
    return writing.limited(text, bounded, lang)


def is_zero(catalog: Catalog, indicator_id: str, amount: float, pct: float | None) -> bool:
    digits = 1 if pct is not None else max(catalog.indicators[indicator_id].decimals, 1)
    return round(abs(pct if pct is not None else amount), digits) == 0


def nominal_rate(catalog: Catalog, indicator_id: str, pct: float | None) -> bool:
    """Whether a change is said as a growth rate of an amount of money at current prices, and so is nominal
    (`comparability.at_current_prices`). A change said as an amount ('增加5,000亿元') is not a rate."""
    return (
        pct is not None
        and change_mode(catalog, indicator_id) == "unit"
        and cmp.at_current_prices(catalog, indicator_id)
    )


def change_clause(catalog: Catalog, info: dict, lang: str) -> str:
    """', 比2022年增长40%' / ', up 40% compared with 2022'; '，按现价计算，比2024年增长4.7%' / ', up 4.7% compared
    with 2024 in nominal terms' for an amount of money; both dates named when one is not a year-end figure;
    the break named instead when the two figures are on different bases. '' without an earlier figure."""
    prev, last, verdict = info.get("previous"), info["figure"], info.get("verdict")
    if prev is None or verdict is None:
        return ""
    if not verdict:
        if verdict.series_break is None:
            return ""
        brk = verdict.series_break
        return t("s_break", lang, first=brk.first_year, prev=prev.year, what=t(f"s_break_{brk.kind}", lang))
    ref = reference_point(catalog, prev, lang, verdict.dated)
    amount, pct = info["change"], info.get("change_pct")
    nominal = nominal_rate(catalog, last.indicator_id, pct)
    if is_zero(catalog, last.indicator_id, amount, pct):
        return t("s_unchanged_nominal" if nominal else "s_unchanged", lang, ref=ref)
    mode, up = change_mode(catalog, last.indicator_id), direction(catalog, last.indicator_id, amount) == "up"
    bounded = limit(prev, last, amount)
    if mode == "unit" and pct is not None:
        text = writing.limited(writing.percent(pct, lang, approximate=bool(bounded)), bounded, lang)
        verb = "s_grew" if up else "s_fell"
    else:
        text = difference(catalog, last.indicator_id, amount, lang, bounded=bounded)
        verb = {
            "rank": ("s_rose_places", "s_fell_places"),
            "points": ("s_rose_points", "s_fell_points"),
            "unit": ("s_more", "s_less"),
        }[mode][0 if up else 1]
    return t("s_change_nominal" if nominal else "s_change", lang, ref=ref, verb=t(verb, lang), amount=text)


# -- figures of several regions -------------------------------------------------------------------------------
def names(catalog: Catalog, region_id: str, lang: str) -> str:
    return catalog.regions[region_id].name(lang) if region_id in catalog.regions else region_id


def _period(f: Figure, lang: str) -> str:
    """The shared period of two comparable figures, opening a clause: '2023年' / 'in 2023', or a date."""
    if f.year_end:
        return t("s_in_year", lang, year=f.year)
    return t("s_as_of_clause", lang, date=writing.date(f.as_of, lang))


def _lead_clause(catalog: Catalog, group: list[Figure], lang: str) -> str:
    ind = catalog.indicators[group[0].indicator_id]
    ordered = sorted(group, key=lambda f: f.value, reverse=ind.better != "lower")
    top, second = ordered[0], ordered[1]
    label = {f.region_id: names(catalog, f.region_id, lang) for f in ordered}
    period = _period(top, lang)
    diff = top.value - second.value
    tail = _status_tail(ordered, lang)
    if is_zero(catalog, ind.id, diff, None):
        return t("s_pair_level", lang, when=period, a=label[top.region_id], b=label[second.region_id]) + tail
    mode = change_mode(catalog, ind.id)
    amount = difference(catalog, ind.id, diff, lang, bounded=limit(second, top, diff))
    style = {"rank": "rank", "points": "points", "unit": "more" if ind.kind in cmp.FLOW_KINDS else "points"}[
        mode
    ]
    key = f"s_{'pair' if len(ordered) == 2 else 'many'}_{style}"
    return (
        t(
            key,
            lang,
            when=period,
            a=label[top.region_id],
            b=label[second.region_id],
            amount=amount,
            n=len(ordered),
        )
        + tail
    )


def _share_text(part: Figure, whole: Figure, lang: str) -> str:
    """'20.0%', or within its bound: a part given as a lower bound holds at least that share ('16.5%以上')."""
    bounded = limit(whole, part, 1.0)
    return writing.limited(
        writing.percent(part.value / whole.value * 100, lang, 1, approximate=bool(bounded)), bounded, lang
    )


def _status_tail(figs: list[Figure], lang: str) -> str:
    """'（含预计数）' when an expected figure is involved, '（含推算数）' when a derived one is."""
    statuses = {f.status for f in figs}
    return (
        t("s_with_expected", lang)
        if "estimate" in statuses
        else t("s_with_derived", lang)
        if "derived" in statuses
        else ""
    )


def _share_clause(catalog: Catalog, part: Figure, whole: Figure, verdict: Verdict, lang: str) -> str:
    share = _share_text(part, whole, lang)
    tail = _status_tail([part, whole], lang)
    return (
        t(
            "s_share",
            lang,
            when=_period(part, lang),
            part=names(catalog, part.region_id, lang),
            whole=names(catalog, whole.region_id, lang),
            share=share,
        )
        + tail
    )


def regions_clause(
    catalog: Catalog, best: dict[tuple[str, int], Figure], first: str, region_ids: list[str], lang: str
) -> str:
    """How the first region compares with the others, in the latest year where a fair comparison exists:
    by how much it is above or below regions of the same standing, or its share of a region containing
    it (or theirs of it). '' when no comparison is fair."""
    years = sorted({y for (r, y) in best if r == first}, reverse=True)
    others = [r for r in region_ids if r != first]
    for year in years:
        mine = best[(first, year)]
        theirs = [best[(r, year)] for r in others if (r, year) in best]
        group = [mine]
        for f in theirs:
            if all(cmp.across(catalog, g, f) for g in group):
                group.append(f)
        if len(group) > 1:
            return _lead_clause(catalog, group, lang)
        for f in theirs:
            part, whole = (mine, f) if cmp.contains(catalog, f.region_id, first) else (f, mine)
            verdict = cmp.share(catalog, part, whole)
            if verdict:
                return _share_clause(catalog, part, whole, verdict, lang)
    return ""


def takeaway(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str
) -> str:
    """One sentence from the data: the latest figure of the first region with data (period, status and
    qualifier said), its change since the previous figure where that is fair, and how it compares with the
    other regions where that is fair."""
    ind = catalog.indicators.get(indicator_id)
    name = ind.name(lang) if ind else indicator_id
    rows = frame[(frame["indicator_id"] == indicator_id) & frame["region_id"].isin(list(region_ids))]
    best_rows = analysis.actuals(rows)
    present = [r for r in region_ids if (best_rows["region_id"] == r).any()]
    if ind is None or not present:
        return t("s_no_data", lang, name=name)
    first = present[0]
    info = analysis.latest_with_change(rows, catalog, indicator_id, first)
    text = head(catalog, info["figure"], lang)
    text += change_clause(catalog, info, lang) if info["previous"] is not None else t("s_only_one", lang)
    best = {(f.region_id, f.year): f for f in map(cmp.figure, best_rows.itertuples(index=False))}
    text += regions_clause(catalog, best, first, present, lang)
    return writing.sentence(text, lang)


# -- progress to plan targets ---------------------------------------------------------------------------------
def _pace_text(catalog: Catalog, indicator_id: str, per_year: float, lang: str, bounded: str = "") -> str:
    """'年均提高2个百分点' / 'a rise of 2 percentage points a year', '年均增长5.4%' / 'growth of 5.4% a year'."""
    mode, up = change_mode(catalog, indicator_id), per_year > 0
    if mode == "unit":
        key = "s_pace_grow" if up else "s_pace_shrink"
        amount = writing.limited(writing.percent(per_year, lang, approximate=bool(bounded)), bounded, lang)
    else:
        if mode == "rank":
            up = per_year < 0
        key = f"s_pace_{'rise' if up else 'fall'}_{mode}"
        amount = difference(catalog, indicator_id, per_year, lang, bounded=bounded)
    return t(key, lang, amount=amount)


def target_lines(
    frame: pd.DataFrame, catalog: Catalog, indicator_ids: list[str], region_ids: list[str], lang: str
) -> list[str]:
    """One sentence per indicator × region with a later plan target: how far the latest figure is from it,
    and, where `comparability.pace` allows, the pace it needs against the recent pace."""
    lines = []
    for ind_id in indicator_ids:
        ind = catalog.indicators[ind_id]
        for region_id in region_ids:
            p = analysis.progress_to_target(frame, catalog, ind_id, region_id)
            if p is None:
                continue
            latest, target = p["latest"], p["target"]
            fields = dict(
                region=names(catalog, region_id, lang),
                indicator=ind.name(lang),
                when=when(latest, lang),
                verb=_verb_zh(latest) if lang == "zh" else "",
                status=_status_en(latest) if lang != "zh" else "",
                latest=figure_value(catalog, latest, lang),
                target_year=target.year,
                target=figure_value(catalog, target, lang),
            )
            if p["achieved"]:
                text = t("s_target_met", lang, **fields)
            else:
                bounded = limit(latest, target, p["gap"])
                gap = difference(catalog, ind_id, p["gap"], lang, bounded=bounded)
                text = t("s_target_gap", lang, gap=gap, **fields)
                if p["on_track"] is not None:
                    nominal = nominal_rate(catalog, ind_id, p["required_per_year"])
                    text += t(
                        "s_target_pace_nominal" if nominal else "s_target_pace",
                        lang,
                        required=_pace_text(catalog, ind_id, p["required_per_year"], lang, bounded),
                        first=p["recent_from_year"],
                        last=latest.year,
                        recent=_pace_text(catalog, ind_id, p["recent_per_year"], lang),
                        verdict=t("s_on_track" if p["on_track"] else "s_off_track", lang),
                    )
            lines.append(writing.sentence(text, lang))
    return lines


# -- ranks ------------------------------------------------------------------------------------------------------
def rank_lines(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str
) -> list[str]:
    """'青岛市2022年第13位，比2021年上升4位。' for each year with a rank, per region: ranks only (a count of a
    list's members is a count), and a change only within one list."""
    if cmp.kind(catalog, indicator_id) != "rank":
        return []
    unit = catalog.unit_of(indicator_id)
    lines = []
    for region_id in region_ids:
        changes = analysis.rank_changes(frame, catalog, indicator_id, region_id)
        name = names(catalog, region_id, lang)
        previous = None
        for row in changes.itertuples(index=False):
            fields = dict(
                region=name, year=row.year, rank=writing.value(row.value, unit, lang), prev=previous
            )
            if previous is None:
                text = t("s_rank_first", lang, **fields)
            elif row.series_break is not None:
                text = t("s_rank_other_list", lang, **fields)
            elif row.change > 0:
                text = t("s_rank_up", lang, n=writing.places(row.change, lang), **fields)
            elif row.change < 0:
                text = t("s_rank_down", lang, n=writing.places(row.change, lang), **fields)
            else:
                text = t("s_rank_same", lang, **fields)
            lines.append(writing.sentence(text, lang))
            previous = row.year
    return lines


# -- a region's share of the region containing it ---------------------------------------------------------------
def share_lines(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """A city's share of its province for `indicator_id`: the shares `comparability` allows, and a sentence
    for each year in which both have a figure (the share, or why none is computed)."""
    actual = frame[(frame["indicator_id"] == indicator_id) & (frame["status"] != "target")]
    shares = analysis.share_of_parent(actual, catalog)
    shares = shares[shares["region_id"].isin(region_ids)] if not shares.empty else shares
    lines = []
    for pair in analysis.parent_pairs(actual, catalog, indicator_id, region_ids):
        part, whole, verdict = pair["part"], pair["whole"], pair["verdict"]
        fields = dict(
            year=part.year,
            part=names(catalog, part.region_id, lang),
            whole=names(catalog, whole.region_id, lang),
        )
        if verdict:
            period = (
                writing.year(part.year, lang)
                if part.year_end
                else t("s_as_of", lang, date=_date_of(part, lang))
            )
            text = t(
                "s_share_line",
                lang,
                period=period,
                share=_share_text(part, whole, lang),
                part_value=_with_status(catalog, part, lang),
                whole_value=_with_status(catalog, whole, lang),
                **fields,
            )
        elif verdict.reason == cmp.DATES_DIFFER:
            text = t(
                "s_share_dates",
                lang,
                part_date=_date_of(part, lang),
                whole_date=_date_of(whole, lang),
                **fields,
            )
        else:
            text = t("s_share_basis", lang, **fields)
        lines.append(writing.sentence(text, lang))
    return shares, lines


def _with_status(catalog: Catalog, f: Figure, lang: str) -> str:
    status = writing.status_word(f.status, lang)
    return figure_value(catalog, f, lang) + (t("s_paren", lang, text=status) if status else "")


def _date_of(f: Figure, lang: str) -> str:
    return writing.date(f.as_of, lang) if f.as_of else writing.year_end(f.year, lang)
