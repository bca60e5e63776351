"""The catalog: indicators, units, regions and sources, loaded from the curated CSVs in `data/`.

Metadata is data: names, units, directions and sources live in `data/*.csv` and load into frozen
dataclasses. Nothing here knows about Shandong or Qingdao in particular.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from indicators import settings

KINDS = ("share", "amount", "count", "rate", "rank", "index")
STATUSES = ("reported", "derived", "estimate", "target")
THEMES = ("digital_economy", "industry", "infrastructure", "government", "rankings", "context")


def normalize_name(text: str) -> str:
    """Fold a name for lookup: full-width to ASCII, case, spaces and underscores."""
    folded = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "_-·")


@dataclass(frozen=True)
class Unit:
    id: str
    symbol_zh: str
    symbol_en: str
    name_zh: str
    name_en: str
    dimension: str
    factor: float
    aliases: tuple[str, ...] = ()

    def symbol(self, lang: str) -> str:
        return self.symbol_zh if lang == "zh" else self.symbol_en

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    better: str
    theme: str
    description_zh: str
    description_en: str
    decimals: int
    headline: int  # position on the Overview; 0 = not a headline indicator

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" else self.description_en

    @property
    def higher_is_better(self) -> bool:
        return self.better != "lower"


@dataclass(frozen=True)
class Region:
    id: str
    name_zh: str
    name_en: str
    level: str
    parent: str
    aliases: tuple[str, ...] = ()
    sort: int = 999

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    published: str = ""
    url: str = ""
    note: str = ""
    reliability: str = ""


BREAK_KINDS = ("census_revision", "change_of_measure", "different_list")


@dataclass(frozen=True)
class SeriesBreak:
    """Where a series changes basis: values before `first_year` and from it on are never compared."""

    indicator_id: str
    region_id: str
    first_year: int
    kind: str  # one of BREAK_KINDS
    note_zh: str
    note_en: str
    standard_after: bool | None = None  # a change of measure: whether the figures from first_year on follow
    # the indicator's own definition (None for a census revision)

    def note(self, lang: str) -> str:
        return self.note_zh if lang == "zh" else self.note_en


@dataclass(frozen=True)
class Catalog:
    units: dict[str, Unit]
    indicators: dict[str, Indicator]
    regions: dict[str, Region]
    sources: dict[str, Source]
    series_breaks: tuple[SeriesBreak, ...] = ()
    note_translations: dict[str, str] = field(default_factory=dict, repr=False)  # English note -> Chinese
    _indicator_names: dict[str, str] = field(default_factory=dict, repr=False)
    _region_names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for ind in self.indicators.values():
            for name in (ind.id, ind.name_zh, ind.name_en):
                self._indicator_names.setdefault(normalize_name(name), ind.id)
        for reg in self.regions.values():
            for name in (reg.id, reg.name_zh, reg.name_en, *reg.aliases):
                self._region_names.setdefault(normalize_name(name), reg.id)

    def find_indicator(self, text: str) -> Indicator | None:
        """An indicator by id, Chinese or English name, in any case and spacing."""
        ind_id = self._indicator_names.get(normalize_name(text))
        return self.indicators.get(ind_id) if ind_id else None

    def find_region(self, text: str) -> Region | None:
        """A region by id, name or alias (山东, 山东省, Shandong)."""
        reg_id = self._region_names.get(normalize_name(text))
        return self.regions.get(reg_id) if reg_id else None

    def unit_of(self, indicator_id: str) -> Unit:
        return self.units[self.indicators[indicator_id].unit]

    def headline_indicators(self) -> list[str]:
        return [i.id for i in sorted(self.indicators.values(), key=lambda i: i.headline) if i.headline]

    def ordered_regions(self) -> list[Region]:
        return sorted(self.regions.values(), key=lambda r: (r.sort, r.id))

    def note(self, text: object, lang: str) -> str:
        """A figure's note in the reader's language: the curated Chinese translation of a curated note
        (data/notes_zh.csv) in the Chinese interface; anything else as it was written."""
        text = "" if text is None or text != text else str(text)
        return self.note_translations.get(text, text) if lang == "zh" else text

    def breaks_for(self, indicator_id: str, region_id: str) -> list[SeriesBreak]:
        return [b for b in self.series_breaks if b.indicator_id == indicator_id and b.region_id == region_id]

    def with_sources(self, extra: dict[str, Source]) -> Catalog:
        """This catalog with sources added by uploads (kept in the store)."""
        if not extra:
            return self
        return Catalog(
            self.units,
            self.indicators,
            self.regions,
            {**extra, **self.sources},
            self.series_breaks,
            self.note_translations,
        )


def load_curated_extras(folder: Path | None = None) -> tuple[dict[tuple, str], list[dict[str, str]]]:
    """The quotes of the curated figures (by indicator, region, year, status) and the other sources'
    figures that were not used (`alternatives.csv`), for the Sources page."""
    folder = Path(folder) if folder else settings.data_dir()
    quotes = {
        (r["indicator_id"], r["region_id"], int(r["year"]), r["status"]): r.get("quote", "")
        for r in _rows(folder / "observations.csv")
    }
    return quotes, _rows(folder / "alternatives.csv")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split("|") if a.strip())


def load_catalog(folder: Path | None = None) -> Catalog:
    folder = Path(folder) if folder else settings.data_dir()
    return _load_catalog(folder.resolve())


@cache
def _load_catalog(folder: Path) -> Catalog:
    units = {
        r["id"]: Unit(
            r["id"],
            r["symbol_zh"],
            r["symbol_en"],
            r["name_zh"],
            r["name_en"],
            r["dimension"],
            float(r["factor"]),
            _aliases(r.get("aliases", "")),
        )
        for r in _rows(folder / "units.csv")
    }
    indicators = {
        r["id"]: Indicator(
            r["id"],
            r["name_zh"],
            r["name_en"],
            r["unit"],
            r["kind"],
            r["better"] or "higher",
            r["theme"],
            r["description_zh"],
            r["description_en"],
            int(r["decimals"] or 0),
            int(r.get("headline") or 0),
        )
        for r in _rows(folder / "indicators.csv")
    }
    regions = {
        r["id"]: Region(
            r["id"],
            r["name_zh"],
            r["name_en"],
            r["level"],
            r["parent"],
            _aliases(r.get("aliases", "")),
            int(r.get("sort") or 999),
        )
        for r in _rows(folder / "regions.csv")
    }
    sources = {
        r["source_id"]: Source(
            r["source_id"],
            r["title"],
            r["publisher"],
            r["published"],
            r["url"],
            r["note"],
            r.get("reliability", ""),
        )
        for r in _rows(folder / "sources.csv")
    }
    breaks = tuple(
        SeriesBreak(
            r["indicator_id"],
            r["region_id"],
            int(r["first_year"]),
            r.get("kind") or "change_of_measure",
            r["note_zh"],
            r["note_en"],
            {"yes": True, "no": False}.get(r.get("standard_after", "")),
        )
        for r in _rows(folder / "series_breaks.csv")
    )
    notes = {r["en"]: r["zh"] for r in _rows(folder / "notes_zh.csv") if r.get("en") and r.get("zh")}
    return Catalog(units, indicators, regions, sources, breaks, notes)
