"""Any user file to the tidy frame plus a validation report.

`read_upload(bytes, name, catalog)` accepts the long layout (`indicator, region, year, value` and optional
`unit, status, source, note, as_of`) and the wide one (`indicator, region, 2021, 2022年, ...`), headers in
English or Chinese, indicators and regions by id, name or alias, values as people write them. Every
problem is reported with its code, spreadsheet row, column and value; nothing is guessed.

The column-by-column checks live in `cells`, file formats in `reading`; what stays here (a little over 350
lines) is the one job of finding the table in a grid (header row, layout, merged ranges, totals rows) and
assembling the figures and their sources.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators import cells, settings, writing
from indicators.catalog import Catalog, Source, normalize_name
from indicators.frame import coerce
from indicators.frame import empty as empty_frame
from indicators.problems import Problem, problem
from indicators.reading import MAX_CELL_CHARS, UnreadableFile, read_grid
from indicators.units import is_missing, normalize_text

HEADER_ALIASES = {
    "indicator": ("indicator", "indicator_id", "indicatorid", "指标", "指标名称", "指标id", "指标代码"),
    "region": ("region", "region_id", "regionid", "地区", "区域", "城市", "地区名称", "地区id"),
    "year": ("year", "年份", "年度", "年"),
    "value": ("value", "数值", "值", "数据", "数值value"),
    "unit": ("unit", "单位"),
    "status": ("status", "状态", "类型", "数据状态"),
    "source": ("source", "source_id", "sourceid", "来源", "数据来源", "出处"),
    "note": ("note", "notes", "备注", "说明"),
    "as_of": ("as_of", "asof", "截至", "截至日期", "截止日期", "日期"),
}
HEADER_LOOKUP = {normalize_name(a): canon for canon, names in HEADER_ALIASES.items() for a in names}
HEADER_ZH = {
    "indicator": "指标",
    "region": "地区",
    "year": "年份",
    "value": "数值",
    "unit": "单位",
    "status": "状态",
    "source": "来源",
    "note": "备注",
    "as_of": "截至",
}
YEAR_HEADER = re.compile(r"^(\d{4})(?:年|\.0)?$")


@dataclass
class IngestResult:
    frame: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: int = 0
    new_sources: dict[str, Source] = field(default_factory=dict)
    file_name: str = ""
    sha256: str = ""
    has_source_column: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def report(self, lang: str = "zh") -> dict:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "errors": [p.as_dict(lang) for p in self.errors],
            "warnings": [p.as_dict(lang) for p in self.warnings],
        }


def upload_source_id(sha256: str) -> str:
    return f"upload_{sha256[:12]}"


def inherited_source(result: IngestResult) -> str:
    """The source id that means "keep the stored source where the value is unchanged".

    A file with a source column whose cell is left blank keeps the stored source, note and date of an
    unchanged figure (a filled-in template re-uploaded changes nothing but what was edited). A file with
    no source column at all restates every figure on its own authority: the file becomes the source.
    """
    return upload_source_id(result.sha256) if result.has_source_column else ""


def safe_file_name(name: object, limit: int = 200) -> str:
    """The last part of an uploaded file's name, as text only: no folders (`/` or `\\`, whatever the
    client's system), no control or bidirectional-override characters, at most `limit` characters.
    It is shown and recorded with the revision; it never becomes a path."""
    text = re.split(r"[/\\]", str(name or ""))[-1]
    text = writing.plain(text).strip()
    return "" if text in (".", "..") else text[:limit]


def read_upload(
    data: bytes,
    file_name: str,
    catalog: Catalog,
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> IngestResult:
    """Read and validate an upload. Never raises for bad content: problems go into the result."""
    sha = hashlib.sha256(data).hexdigest()
    result = IngestResult(empty_frame(), file_name=safe_file_name(file_name), sha256=sha)
    max_bytes = settings.max_upload_bytes() if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        result.errors.append(
            problem(
                "too_large",
                None,
                None,
                None,
                f"文件有{len(data) / 1048576:.1f} MB，超过上限{max_bytes / 1048576:.0f} MB：请拆分后分批上传",
                f"the file is {len(data) / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB "
                "limit: split it and upload the parts",
            )
        )
        return result
    max_rows = settings.max_upload_rows() if max_rows is None else max_rows
    try:
        grid = read_grid(data, file_name, max_rows=max_rows, is_header=_is_header)
    except UnreadableFile as err:
        result.errors.append(problem(err.code, None, None, None, err.zh, err.en))
        return result
    for zh, en in grid.notices:
        result.warnings.append(problem("cleaned_input", None, None, None, zh, en))
    skipped = [n for n, _ in grid.leading if n < grid.header_row]
    if skipped:
        result.warnings.append(
            problem(
                "cleaned_input",
                grid.header_row,
                None,
                None,
                f"表头在第{grid.header_row}行：上方{len(skipped)}行标题已跳过",
                f"the header is on row {grid.header_row}: the {len(skipped)} title "
                "row(s) above it were skipped",
            )
        )
    if len(grid.body) > max_rows:
        result.errors.append(
            problem(
                "too_large",
                None,
                None,
                None,
                f"文件有{len(grid.body):,}行，最多{max_rows:,}行：请拆分后分批上传",
                f"the file has {len(grid.body):,} rows; at most {max_rows:,}: split it",
            )
        )
        return result
    long = _to_long(grid, result)
    merged = _merged_ranges(grid, result)
    if long is None:
        return result
    default_source = Source(
        upload_source_id(sha),
        result.file_name or "upload",
        "",
        pd.Timestamp.now(tz="Asia/Shanghai").strftime("%Y-%m-%d"),
        "",
        "上传文件 / uploaded file",
        "upload",
    )
    result.frame = _validate(long, catalog, result, default_source, grid.spreadsheet)
    result.rows = len(long)
    if merged:
        _blame_merged_ranges(merged, result)
    return result


MERGED_REF = re.compile(r"([A-Z]+)(\d+):([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _merged_ranges(grid, result: IngestResult) -> list[tuple[int, int, set[str]]]:
    """One merged_cells problem per merged range from the header down (a merged title above it is fine).
    Returns each range's rows and the names its columns go by, for `_blame_merged_ranges`."""
    found = []
    for ref in grid.merged:
        m = MERGED_REF.fullmatch(ref)
        if not m or int(m.group(4)) < grid.header_row:
            continue
        first, last = int(m.group(2)), int(m.group(4))
        columns = range(_column_index(m.group(1)), _column_index(m.group(3)) + 1)
        headers = [grid.header[c] for c in columns if c < len(grid.header)]
        names = set(headers) | {HEADER_LOOKUP.get(normalize_name(normalize_text(h)), h) for h in headers}
        found.append((first, last, names))
        result.errors.append(
            problem(
                "merged_cells",
                first,
                headers[0] if headers else None,
                None,
                f"单元格{ref}是合并单元格，只有第一格有内容，其余各格读到的是空值：请取消合并，并在每一行（每一格）填上各自的值",
                f"cells {ref} are merged: only the first holds a value and the others read as empty. Unmerge them "
                "and fill in each row (each cell)",
            )
        )
    return found


def _blame_merged_ranges(merged: list[tuple[int, int, set[str]]], result: IngestResult) -> None:
    """The empty cells of a merged range are said once, by its merged_cells problem: their own
    "empty" problems go, and none of the range's rows is read."""

    def covered(p: Problem) -> bool:
        return p.code == "missing_value" and any(
            first < (p.row or 0) <= last and p.column in names for first, last, names in merged
        )

    result.errors[:] = [p for p in result.errors if not covered(p)]
    result.errors.sort(key=lambda p: (p.row or 0, p.column or ""))
    if "row" not in result.frame.columns:
        return
    rows = result.frame["row"].to_numpy()
    keep = np.ones(len(rows), dtype=bool)
    for first, last, _names in merged:
        keep &= (rows < first) | (rows > last)
    result.frame = result.frame[keep].reset_index(drop=True)


def _to_long(grid, result: IngestResult) -> pd.DataFrame | None:
    """Map headers; melt a wide table. Columns: the canonical names plus `row` and `value_column`."""
    mapped: dict[str, int] = {}
    year_columns: list[tuple[int, int, str]] = []
    for i, raw in enumerate(grid.header):
        text = normalize_text(raw)
        canon = HEADER_LOOKUP.get(normalize_name(text))
        year = YEAR_HEADER.match(text.replace(" ", ""))
        if canon:
            if canon in mapped:
                result.errors.append(
                    problem(
                        "duplicate_column",
                        grid.header_row,
                        raw,
                        raw,
                        "这一列在表头中出现了两次：请删除或重命名其中一列",
                        "this column appears twice in the header: delete or rename one",
                    )
                )
                continue
            mapped[canon] = i
        elif year:
            year_columns.append((i, int(year.group(1)), raw))
    wide = "value" not in mapped and "year" not in mapped and bool(year_columns)
    if not _is_header(grid.header):
        result.errors.append(_no_header(grid))
    if result.errors:
        return None
    body = grid.body
    rows = np.asarray(grid.row_numbers)

    def col(name: str) -> pd.Series:
        return body[mapped[name]] if name in mapped else pd.Series([""] * len(body), dtype=object)

    extras = {name: col(name) for name in ("unit", "status", "source", "note", "as_of")}
    result.has_source_column = "source" in mapped
    headers = {canon: grid.header[i] for canon, i in mapped.items()}
    if not wide:
        frame = pd.DataFrame(
            {
                "indicator": col("indicator"),
                "region": col("region"),
                "year": col("year"),
                "value": col("value"),
                **extras,
                "row": rows,
                "value_column": grid.header[mapped["value"]],
            }
        )
        frame["year_column"] = grid.header[mapped["year"]]
        frame = frame.reset_index(drop=True)
        frame.attrs["headers"] = headers
        return frame
    parts = []
    for index, year, header in year_columns:
        values = body[index]
        keep = ~values.map(is_missing).to_numpy(dtype=bool)
        if keep.any():
            parts.append(
                pd.DataFrame(
                    {
                        "indicator": col("indicator")[keep],
                        "region": col("region")[keep],
                        "year": str(year),
                        "value": values[keep],
                        **{k: v[keep] for k, v in extras.items()},
                        "row": rows[keep],
                        "value_column": header,
                        "year_column": header,
                    }
                )
            )
    if not parts:
        result.errors.append(
            problem(
                "empty_file",
                None,
                None,
                None,
                "表格中没有任何年份的数值：请在年份列中填写数据",
                "the table holds no values in any year column: fill in the year columns",
            )
        )
        return None
    frame = (
        pd.concat(parts, ignore_index=True).sort_values(["row", "year"], kind="stable").reset_index(drop=True)
    )
    frame.attrs["headers"] = headers
    return frame


def _header_names(row: list[str]) -> tuple[set[str], bool]:
    """The columns a row names (canonical names, any accepted spelling) and whether it has a year column."""
    texts = [normalize_text(str(c)) for c in row]
    names = {HEADER_LOOKUP[normalize_name(t)] for t in texts if normalize_name(t) in HEADER_LOOKUP}
    return names, any(YEAR_HEADER.match(t.replace(" ", "")) for t in texts)


def _is_header(row: list[str]) -> bool:
    """A long table's header (indicator, region, year, value) or a wide one's (indicator, region, 2023...)."""
    names, years = _header_names(row)
    return {"indicator", "region"} <= names and (
        {"year", "value"} <= names or years and not names & {"year", "value"}
    )


def _no_header(grid) -> Problem:
    """One problem for a file without a header: the columns expected, and the row that came closest."""

    def missing(row: list[str]) -> list[str]:
        names, years = _header_names(row)
        wide = years and not names & {"year", "value"}
        return [
            n
            for n in (("indicator", "region") if wide else ("indicator", "region", "year", "value"))
            if n not in names
        ]

    leading = grid.leading or [(grid.header_row, grid.header)]
    row, cells_ = min(leading, key=lambda item: len(missing(item[1])))  # the first of the closest rows
    lacks = missing(cells_)
    shown = "、".join(c for c in cells_ if c.strip())[:60]
    shown_en = ", ".join(c for c in cells_ if c.strip())[:60]
    return problem(
        "missing_column",
        row,
        None,
        None,
        f"没有找到表头：前{len(leading)}行中没有一行同时包含所需的列。最接近的是第{row}行（{shown}），缺少"
        + "、".join(f"「{HEADER_ZH[n]}」" for n in lacks)
        + "列。长表需要 指标、地区、年份、数值 四列；宽表需要 指标、地区 两列加上每年一列（如2023或2023年）",
        f"no header row found: none of the first {len(leading)} rows names the columns needed. The closest is "
        f"row {row} ({shown_en}), which lacks "
        + ", ".join(f"'{n}'" for n in lacks)
        + ". A long table needs indicator, region, year, value; a wide table needs indicator, region and one "
        "column per year (2023 or 2023年)",
    )


def _known(names: list[str]) -> str:
    return "、".join(names[:8]) + ("…" if len(names) > 8 else "")


def _validate(
    long: pd.DataFrame,
    catalog: Catalog,
    result: IngestResult,
    default_source: Source,
    spreadsheet: bool = True,
) -> pd.DataFrame:
    _unescape = cells.unescape_cell if spreadsheet else str
    n = len(long)
    bad = np.zeros(n, dtype=bool)
    errors = result.errors
    for name in ("indicator", "region", "note", "source", "value"):
        too_long = (long[name].astype(str).str.len() > MAX_CELL_CHARS).to_numpy(dtype=bool)
        for i in np.flatnonzero(too_long):
            errors.append(
                problem(
                    "bad_value",
                    int(long.at[i, "row"]),
                    long.attrs.get("headers", {}).get(name, name),
                    long.at[i, name][:40],
                    f"单元格过长（{len(long.at[i, name]):,}个字符，最多{MAX_CELL_CHARS:,}）：请删减内容",
                    f"the cell is too long ({len(long.at[i, name]):,} characters; at most "
                    f"{MAX_CELL_CHARS:,}): shorten it",
                )
            )
            long.at[i, name] = ""
        bad |= too_long

    headers = long.attrs.get("headers", {})
    bad |= cells.totals_rows(long, catalog, errors, headers)
    ind_map = {t: catalog.find_indicator(_unescape(t)) for t in long["indicator"].unique()}
    reg_map = {t: catalog.find_region(_unescape(t)) for t in long["region"].unique()}
    ind_names = [i.name_zh for i in catalog.indicators.values()]
    reg_names = [r.name_zh for r in catalog.ordered_regions()]
    indicator_ids = cells.map_unique(long["indicator"], lambda t: ind_map[t].id if ind_map[t] else None)
    region_ids = cells.map_unique(long["region"], lambda t: reg_map[t].id if reg_map[t] else None)
    ind_column, reg_column = headers.get("indicator", "indicator"), headers.get("region", "region")
    for i in np.flatnonzero(indicator_ids.isna().to_numpy() & ~bad):
        text = long.at[i, "indicator"]
        if is_missing(text):
            errors.append(
                problem(
                    "missing_value",
                    int(long.at[i, "row"]),
                    ind_column,
                    "",
                    "指标为空：请填写指标ID或名称",
                    "the indicator is empty: fill in its id or name",
                )
            )
        else:
            near = cells.suggestion(text, catalog.indicators, cells.indicator_names(catalog))
            errors.append(
                problem(
                    "unknown_indicator",
                    int(long.at[i, "row"]),
                    ind_column,
                    text,
                    f"不是已知指标。{near[0]}请使用指标ID或名称，例如：{_known(ind_names)}（完整列表见「来源」页或下载模板）",
                    f"is not a known indicator. {near[1]}Use an id or name, e.g. "
                    f"{', '.join(list(catalog.indicators)[:6])} (see the Sources page or the template)",
                )
            )
    for i in np.flatnonzero(region_ids.isna().to_numpy() & ~bad):
        text = long.at[i, "region"]
        if is_missing(text):
            errors.append(
                problem(
                    "missing_value",
                    int(long.at[i, "row"]),
                    reg_column,
                    "",
                    "地区为空：请填写地区名称",
                    "the region is empty: fill in a region name",
                )
            )
        else:
            near = cells.suggestion(text, catalog.regions, cells.region_names(catalog))
            errors.append(
                problem(
                    "unknown_region",
                    int(long.at[i, "row"]),
                    reg_column,
                    text,
                    f"不是已知地区。{near[0]}可用：{_known(reg_names)}",
                    f"is not a known region. {near[1]}Known: "
                    f"{', '.join(r.name_en for r in catalog.ordered_regions()[:8])}, ...",
                )
            )
    bad |= indicator_ids.isna().to_numpy() | region_ids.isna().to_numpy()

    years = cells.years(long, errors)
    bad |= np.isnan(years)
    statuses = cells.statuses(long, errors)
    bad |= statuses.isna().to_numpy()
    values, qualifiers = cells.values(long, indicator_ids, catalog, errors)
    bad |= np.isnan(values)
    as_of = cells.dates(long, errors)
    bad |= as_of.isna().to_numpy()

    sources = _sources(long, catalog, default_source, result, _unescape)
    notes = cells.map_unique(
        long["note"], lambda t: "" if is_missing(t) else cells.note_text(_unescape(str(t).strip()))
    )
    controls = (
        long["note"].astype(str).str.contains(cells.CONTROL_CHARS.pattern, regex=True).to_numpy(dtype=bool)
    )
    if controls.any():
        result.warnings.append(
            problem(
                "cleaned_input",
                int(long["row"].to_numpy()[controls][0]),
                "note",
                None,
                f"{int(controls.sum())}个备注含有控制字符，已删除",
                f"control characters were removed from "
                f"{int(controls.sum())} note(s): spreadsheets cannot hold them",
            )
        )
    notes = notes.where((notes != "") | (qualifiers == ""), qualifiers)
    frame = pd.DataFrame(
        {
            "indicator_id": indicator_ids,
            "region_id": region_ids,
            "year": years,
            "status": statuses,
            "value": values,
            "source_id": sources,
            "as_of": as_of.fillna(""),
            "note": notes,
            "row": long["row"].to_numpy(),
        }
    )
    ok = ~bad
    cells.check_ranges(frame, ok, catalog, errors, long["value_column"].to_numpy(dtype=object))
    cells.check_duplicates(frame, ok, errors, long["year_column"].to_numpy(dtype=object))
    errors.sort(key=lambda p: (p.row or 0, p.column or ""))
    return coerce(frame[ok], extra=["row"]).reset_index(drop=True)


def _sources(
    long: pd.DataFrame, catalog: Catalog, default_source: Source, result: IngestResult, _unescape=str
) -> pd.Series:
    cache: dict[str, str] = {}

    def resolve(text: object) -> str:
        if is_missing(text):
            result.new_sources.setdefault(default_source.id, default_source)
            return default_source.id
        clean = _unescape(normalize_text(str(text)))
        if clean in cache:
            return cache[clean]
        if clean in catalog.sources:
            cache[clean] = clean
            return clean
        source_id = "upload_" + hashlib.sha256(clean.encode()).hexdigest()[:12]
        result.new_sources.setdefault(
            source_id,
            Source(
                source_id,
                clean,
                default_source.publisher,
                default_source.published,
                "",
                f"来自上传文件{result.file_name}",
                "upload",
            ),
        )
        cache[clean] = source_id
        return source_id

    return cells.map_unique(long["source"], resolve)
