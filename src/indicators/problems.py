"""Typed problems found in an upload: a stable code, where it is, and how to fix it, in zh and en."""

from __future__ import annotations

from dataclasses import dataclass

ERROR_CODES = (
    "empty_file",
    "unreadable_file",
    "too_large",
    "missing_column",
    "duplicate_column",
    "unknown_indicator",
    "unknown_region",
    "bad_year",
    "bad_value",
    "missing_value",
    "unit_mismatch",
    "out_of_range",
    "duplicate_key",
    "totals_row",
    "merged_cells",
)
WARNING_CODES = ("tenfold_change", "curated_change", "city_exceeds_province", "cleaned_input")


@dataclass(frozen=True)
class Problem:
    code: str
    row: int | None
    column: str | None
    value: str | None
    message_zh: str
    message_en: str
    detail_zh: str = ""  # what is wrong and how to fix it, without where it is (the message's tail)
    detail_en: str = ""

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def detail(self, lang: str = "zh") -> str:
        """What is wrong and how to fix it, for a table whose other columns say where and which value."""
        text = (self.detail_zh if lang == "zh" else self.detail_en) or self.message(lang)
        return text if lang == "zh" else text[:1].upper() + text[1:]

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "code": self.code,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message(lang),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def where(row: int | None, column: str | None) -> tuple[str, str]:
    """'第3行「地区」列' / 'Row 3, column region' — the start of a message."""
    zh = (f"第{row}行" if row else "") + (f"「{column}」列" if column else "")
    en = ", ".join(p for p in (f"Row {row}" if row else "", f"column {column}" if column else "") if p)
    return zh, en


def problem(code: str, row: int | None, column: str | None, value: object, zh: str, en: str) -> Problem:
    """A problem whose message starts with where it is and the offending value, then what to do."""
    at_zh, at_en = where(row, column)
    shown = None if value is None else str(value)
    shown_msg = shown[:57] + "…" if shown is not None and len(shown) > 60 else shown
    zh_value = f"的值「{shown_msg}」" if shown_msg not in (None, "") else ""
    en_value = f": '{shown_msg}'" if shown_msg not in (None, "") else ""
    zh_msg = f"{at_zh}{zh_value}{'：' if at_zh or zh_value else ''}{zh}"
    en_msg = f"{at_en}{en_value}{': ' if at_en or en_value else ''}{en}"
    return Problem(code, row, column, shown if shown is None else shown[:200], zh_msg, en_msg, zh, en)
