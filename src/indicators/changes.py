"""What changed in the data since a revision, in plain sentences: the first section of a pack ("自第3版以来，
3项数据有变动：…" / "Since revision 3, three figures changed: …") and the Data page's "changes since".

`since_revision` reads what the analyst typed (a revision number, or a day meaning the last revision on or
before it); `changes_since` words what `diffing.compare` finds between the data then and now. Numbers, dates
and statuses are worded by `writing`; text from the data passes through `writing.plain`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from indicators import writing
from indicators.catalog import Catalog
from indicators.deck import PackError
from indicators.diffing import compare
from indicators.i18n import t

MAX_LISTED = 60  # sentences in a pack; the rest are counted (the Data page lists up to PAGE_LISTED)
PAGE_LISTED = 500
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class SinceError(PackError):
    """`--since` names no revision: unknown, before the first, or not a number or a date."""


@dataclass(frozen=True)
class Changes:
    """The figures added, changed and removed since revision `since` (up to `head`), as sentences."""

    since: int
    head: int
    summary: str  # the opening sentence, with the count
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    more: str  # '另有N项变动未列出……' when more than MAX_LISTED, else ''
    total: int  # every figure added, changed or removed, listed or not

    @property
    def lines(self) -> tuple[str, ...]:
        return self.added + self.changed + self.removed


def since_revision(text: object, revisions: Sequence, lang: str) -> int:
    """The revision that `--since` names: a revision number ('3'), or a day ('2026-05-01': the last revision
    made on or before that day, Beijing time). Raises `SinceError` in the user's language."""
    value = str(text if text is not None else "").strip()
    known = sorted(r.id for r in revisions)
    if value.isdigit():
        if int(value) not in known:
            raise SinceError(
                t(
                    "since_unknown",
                    lang,
                    value=value,
                    first=known[0] if known else 0,
                    last=known[-1] if known else 0,
                )
            )
        return int(value)
    if _DAY.fullmatch(value):
        try:
            day = dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in value.split("-")))
        except ValueError:
            day = None
        if day is not None:
            made = [(r.id, _beijing_day(r.created_at)) for r in revisions]
            before = [rid for rid, when in made if when is not None and when <= day]
            if not before:
                first = min(made, key=lambda m: m[0])
                raise SinceError(
                    t("since_before_first", lang, value=value, day=writing.day(first[1] or day, lang))
                )
            return max(before)
    raise SinceError(t("since_bad", lang, value=writing.plain(value)[:40]))


def _beijing_day(created_at: str) -> dt.date | None:
    text = str(created_at or "").strip()
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(writing.BEIJING).date()


def count_text(n: int, lang: str) -> str:
    """'3' in Chinese; 'three' in English (words up to nine, as a statistics office writes them)."""
    return str(n) if lang == "zh" or n >= len(NUMBER_WORDS) else NUMBER_WORDS[n]


def _subject(row, catalog: Catalog, lang: str) -> str:
    """'青岛市2024年数字经济核心产业增加值' / 'Qingdao, digital economy core industries value added, 2024'."""
    ind, region = catalog.indicators[row.indicator_id], catalog.regions.get(row.region_id)
    status = writing.status_word(row.status, lang)
    return t(
        "since_subject",
        lang,
        region=region.name(lang) if region else writing.plain(row.region_id),
        year=int(row.year),
        indicator=ind.name(lang),
        status=t("s_paren", lang, text=status) if status else "",
    )


def _value(row, catalog: Catalog, lang: str, suffix: str = "") -> str:
    ind = catalog.indicators[row.indicator_id]
    note, amount = getattr(row, "note" + suffix), getattr(row, "value" + suffix)
    if pd.isna(amount):
        return "—"
    return writing.value(
        float(amount), catalog.unit_of(row.indicator_id), lang, ind.decimals, writing.qualifier_of(note)
    )


def _source(row, catalog: Catalog, lang: str, suffix: str = "") -> str:
    """'来源：山东省统计公报，截至2025年6月底' / 'source: …, as of end-June 2025'."""
    sid = str(getattr(row, "source_id" + suffix) or "")
    src = catalog.sources.get(sid)
    title = writing.plain(src.title if src else sid) or t("since_no_source", lang)
    as_of = str(getattr(row, "as_of" + suffix) or "")
    when = t("since_as_of", lang, date=writing.date(as_of, lang)) if _DAY.fullmatch(as_of) else ""
    return title + when


def _added(row, catalog: Catalog, lang: str) -> str:
    return t(
        "since_added_line",
        lang,
        subject=_subject(row, catalog, lang),
        value=_value(row, catalog, lang),
        source=_source(row, catalog, lang),
    )


def _removed(row, catalog: Catalog, lang: str) -> str:
    return t(
        "since_removed_line",
        lang,
        subject=_subject(row, catalog, lang),
        value=_value(row, catalog, lang),
        source=_source(row, catalog, lang),
    )


def _changed(row, catalog: Catalog, lang: str) -> str:
    old, new = _value(row, catalog, lang, "_old"), _value(row, catalog, lang)
    old_source, new_source = _source(row, catalog, lang, "_old"), _source(row, catalog, lang)
    sources = (
        t("since_source", lang, source=new_source)
        if old_source == new_source
        else t("since_sources", lang, old=old_source, new=new_source)
    )
    key = "since_changed_line" if old != new else "since_restated_line"
    return t(key, lang, subject=_subject(row, catalog, lang), old=old, new=new, sources=sources)


def _in_order(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    order = {i: n for n, i in enumerate(catalog.indicators)}
    regions = {r: n for n, r in enumerate(catalog.regions)}
    return rows.assign(
        _i=rows["indicator_id"].map(order).fillna(len(order)),
        _r=rows["region_id"].map(regions).fillna(len(regions)),
    ).sort_values(["_i", "_r", "year", "status"], kind="stable")


def changes_since(
    then: pd.DataFrame,
    now: pd.DataFrame,
    catalog: Catalog,
    since: int,
    head: int,
    lang: str,
    *,
    limit: int | None = MAX_LISTED,
) -> Changes:
    """The figures of `now` (the data at `head`) added, changed and removed compared with `then` (the data
    at revision `since`), one sentence each; at most `limit` sentences, the rest counted in `more`."""
    diff = compare(then, now, head, exact=True)
    found = [
        (_in_order(rows[rows["indicator_id"].isin(list(catalog.indicators))], catalog), word)
        for rows, word in ((diff.added, _added), (diff.changed, _changed), (diff.removed, _removed))
    ]
    total = sum(len(rows) for rows, _ in found)
    counts = [
        t(key, lang, n=count_text(len(rows), lang))
        for key, (rows, _) in zip(("since_n_added", "since_n_changed", "since_n_removed"), found, strict=True)
        if len(rows)
    ]
    parts, left = [], total if limit is None else limit  # only the sentences listed are written
    for rows, word in found:
        parts.append(
            [writing.sentence(word(r, catalog, lang), lang) for r in rows.head(left).itertuples(index=False)]
        )
        left = max(0, left - len(rows))
    if total:
        summary = t(
            "since_summary",
            lang,
            rev=since,
            n=count_text(total, lang),
            figures=t("since_figure" if total == 1 else "since_figures", lang),
            parts=("，" if lang == "zh" else ", ").join(counts),
        )
    else:
        summary = t("since_none", lang, rev=since)
    more = t("since_more", lang, n=total - limit) if limit is not None and total > limit else ""
    return Changes(since, head, writing.sentence(summary, lang), *map(tuple, parts), more, total)
