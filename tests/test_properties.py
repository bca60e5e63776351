"""Properties that hold for every input, checked on hundreds of generated ones (hypothesis):

- validation never raises, whatever the bytes: random bytes, and text tables in UTF-8, GB18030, UTF-16,
  even mixed line by line, with commas, quotes and newlines where they should not be;
- exporting a store and importing the export changes nothing (CSV, XLSX and Parquet), for any valid store:
  observations over the real catalog whose values respect each indicator's kind, with notes full of
  formula starters, quotes, markup and Chinese punctuation;
- a number written the way people write it (2.8万, 45%, 1,234, full-width digits, 3.9万亿元, 超过…, −5)
  reads back as the same number.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from indicators.catalog import STATUSES, load_catalog
from indicators.cells import note_text
from indicators.export import export_bytes
from indicators.frame import COLUMNS, KEY
from indicators.frame import COLUMNS as OBS_COLUMNS
from indicators.ingest import IngestResult, read_upload
from indicators.problems import ERROR_CODES, WARNING_CODES
from indicators.store import Store
from indicators.units import clean_float, is_missing, parse_value, to_unit
from indicators.updates import preview_upload

pytestmark = pytest.mark.slow  # searches many generated inputs

CATALOG = load_catalog()
KNOWN_CODES = set(ERROR_CODES) | set(WARNING_CODES)
FAST = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
FULL_WIDTH = str.maketrans("0123456789.,%-", "０１２３４５６７８９．，％－")


def check(result: IngestResult) -> None:
    """What every result promises: known codes, messages in both languages, and a clean frame when valid."""
    assert isinstance(result, IngestResult)
    for p in result.errors + result.warnings:
        assert p.code in KNOWN_CODES, p
        assert p.message_zh and p.message_en
    assert list(result.frame.columns[: len(COLUMNS)]) == list(COLUMNS)
    if result.ok:
        frame = result.frame
        assert np.isfinite(frame["value"].to_numpy(float)).all()
        assert frame["year"].between(1949, 2100).all()
        assert frame["indicator_id"].isin(list(CATALOG.indicators)).all()
        assert frame["region_id"].isin(list(CATALOG.regions)).all()
        assert not frame.duplicated(KEY).any()
        assert not (np.signbit(frame["value"].to_numpy(float)) & (frame["value"] == 0)).any(), "no -0.0"


# -- 1. validation never raises ----------------------------------------------------------------------------
@FAST
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_result_not_an_exception(data):
    check(read_upload(data, "upload.csv", CATALOG))


CELLS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "smart_factories",
            "5G基站",
            "fiveg_base_stations",
            "青岛",
            "Qingdao",
            "山东省",
            "2023",
            "2023年",
            "２０２２",
            "60",
            "2.8万",
            "45%",
            "1,234",
            "-0",
            "1e309",
            "nan",
            "inf",
            "=1+1",
            "'=x",
            '"',
            '""',
            "\r",
            "\n",
            ",",
            ";",
            "\t",
            "--",
            "目标",
            "target",
            "2024-09",
            "2024年9月",
            "超过3.9万亿元",
            "亿元",
            "个",
            "万个",
            "<script>",
            "\x00",
            "\ufeff",
            "0",
            "0.5",
            "101",
        ]
    ),
)
HEADERS = st.sampled_from(
    [
        "indicator",
        "region",
        "year",
        "value",
        "unit",
        "status",
        "source",
        "note",
        "as_of",
        "指标",
        "地区",
        "年份",
        "数值",
        "单位",
        "2021",
        "2022年",
        "x",
        "",
        "value",
    ]
)


@st.composite
def text_tables(draw) -> bytes:
    header = draw(st.lists(HEADERS, min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=8))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if draw(st.booleans()):  # written by a CSV writer: quotes where needed
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=sep, lineterminator=newline).writerows([header, *rows])
        lines = buffer.getvalue().split(newline)
    else:  # pasted together: delimiters and newlines inside cells break the table
        lines = [sep.join(row) for row in [header, *rows]]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "mixed"]))
    if encoding == "mixed":
        return newline.encode().join(
            line.encode("utf-8" if i % 2 else "gb18030") for i, line in enumerate(lines)
        )
    return newline.join(lines).encode(encoding)


@FAST
@given(text_tables())
def test_any_text_table_gives_a_result_not_an_exception(data):
    check(read_upload(data, "table.csv", CATALOG))


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PAR1"]), st.binary(max_size=2048)
)
def test_bytes_that_start_like_a_workbook_or_parquet_give_a_result(magic, rest):
    data = magic + rest + (b"PAR1" if magic == b"PAR1" else b"")
    check(read_upload(data, "book.xlsx", CATALOG))


WORKBOOK = (Path(__file__).parent / "uploads" / "good" / "long.xlsx").read_bytes()


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=6),
    st.integers(30, len(WORKBOOK)),
)
def test_a_damaged_workbook_gives_a_result(changes, length):
    """Bytes flipped anywhere in a real workbook (its ZIP headers, directory, compressed XML), or cut short."""
    data = bytearray(WORKBOOK)
    for position, value in changes:
        data[position] = value
    check(read_upload(bytes(data[:length]), "damaged.xlsx", CATALOG))


# -- 2. export then import changes nothing -------------------------------------------------------------------
IND_IDS = sorted(CATALOG.indicators)
REG_IDS = sorted(CATALOG.regions)
SOURCE_IDS = sorted(CATALOG.sources)[:12] + [""]
NOTE_CHARS = st.sampled_from(
    list("ab 中文（初步）：，。'\"=+-@,;\t\r\n<>/&％＝")
    + ["<script>", "=HYPERLINK(", "''", "−", "\u3000", "é"]
)


def value_for(kind: str) -> st.SearchStrategy[float]:
    """Values as the store holds them: within the kind's range, at most 12 significant digits."""
    real = {
        "share": st.floats(0, 100),
        "amount": st.floats(0, 1e12),
        "rate": st.floats(0, 1e4),
        "index": st.floats(-1e6, 1e6),
    }
    if kind == "count":
        return st.integers(0, 10**9).map(float)
    if kind == "rank":
        return st.integers(1, 1000).map(float)
    return real.get(kind, st.floats(0, 1e9)).map(clean_float)


@st.composite
def stores(draw) -> pd.DataFrame:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(IND_IDS),
                st.sampled_from(REG_IDS),
                st.integers(1949, 2100),
                st.sampled_from(STATUSES),
            ),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    rows = []
    for ind, reg, year, status in keys:
        note = note_text("".join(draw(st.lists(NOTE_CHARS, max_size=12))))
        as_of = draw(
            st.one_of(
                st.just(""),
                st.dates(pd.Timestamp("1949-01-01").date(), pd.Timestamp("2100-12-31").date()).map(str),
            )
        )
        rows.append(
            {
                "indicator_id": ind,
                "region_id": reg,
                "year": year,
                "status": status,
                "value": draw(value_for(CATALOG.indicators[ind].kind)),
                "source_id": draw(st.sampled_from(SOURCE_IDS)),
                "as_of": as_of,
                "note": "" if is_missing(note) else note,
            }
        )
    return pd.DataFrame(rows)[OBS_COLUMNS]


@pytest.fixture(scope="module")
def empty_store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("roundtrip") / "empty.sqlite"
    Store(str(path), CATALOG, apply_baseline=False).close()
    return path


@settings(
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(frame=stores())
def test_export_then_import_changes_nothing(frame, empty_store_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    shutil.copy(empty_store_file, path)
    store = Store(str(path), CATALOG, apply_baseline=False)
    try:
        store.commit(frame, author="property", message="generated", kind="upload")
        current = store.current()
        assert len(current) == len(frame)
        for fmt in ("csv", "xlsx", "parquet"):
            preview = preview_upload(store, export_bytes(current, store.full_catalog(), fmt), f"export.{fmt}")
            assert preview.ok, (fmt, [p.message_en for p in preview.result.errors])
            d = preview.diff
            assert d.empty, (fmt, d.added.to_dict("records"), d.changed.to_dict("records"))
    finally:
        store.close()


# -- 3. numbers as people write them ------------------------------------------------------------------------
MANTISSAS = st.decimals(
    min_value=0, max_value=Decimal("99999.9999"), places=4, allow_nan=False, allow_infinity=False
)


def plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def read_number(text: str, indicator_id: str, unit_column: str = "") -> float:
    return to_unit(parse_value(text), CATALOG.unit_of(indicator_id), CATALOG, unit_column)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0 if b else 1e-300)


@FAST
@given(MANTISSAS, st.sampled_from(["", "超过", "约", "近", "逾"]), st.booleans())
def test_wan_reads_as_ten_thousand(m, qualifier, full_width):
    text = qualifier + plain(m) + "万"
    text = text.translate(FULL_WIDTH) if full_width else text
    assert close(read_number(text, "fiveg_base_stations"), float(m) * 1e4)


@FAST
@given(
    MANTISSAS,
    st.sampled_from(["万亿元", "万亿", "亿元", "万元"]),
    st.sampled_from(["", "以上", "左右", "余"]),
)
def test_money_converts_to_the_indicators_unit(m, unit, suffix):
    factor = {"万亿元": 1.0, "万亿": 1.0, "亿元": 1e-4, "万元": 1e-8}[unit]
    assert close(read_number(plain(m) + unit + suffix, "digital_economy_scale"), float(m) * factor)


@FAST
@given(st.decimals(min_value=0, max_value=100, places=3), st.sampled_from(["%", "％", " %"]), st.booleans())
def test_percent(m, sign, full_width):
    text = plain(m).translate(FULL_WIDTH) if full_width else plain(m)
    assert close(read_number(text + sign, "digital_economy_gdp_share"), float(m))


@FAST
@given(
    st.integers(0, 10**12),
    st.sampled_from(["", "5", "25", "125"]),
    st.booleans(),
    st.sampled_from(["-", "\u2212", "－", ""]),
)
def test_thousands_separators_full_width_and_minus_signs(n, fraction, full_width, minus):
    text = f"{n:,}" + (f".{fraction}" if fraction else "")
    expected = float(f"{n}.{fraction}" if fraction else n) * (-1 if minus else 1)
    assume(len(str(n)) + len(fraction) <= 12)  # what clean_float keeps
    written = text.translate(FULL_WIDTH) if full_width else text
    assert close(read_number(minus + written, "two_integration_index"), expected)


@FAST
@given(
    st.floats(min_value=1e-6, max_value=1e15, allow_nan=False).map(clean_float),
    st.sampled_from(["fiveg_base_stations", "digital_economy_scale", "gdp"]),
)
def test_a_plain_number_reads_back_exactly(x, indicator_id):
    text = f"{x:.12g}"
    assert close(read_number(text, indicator_id), x)
    result = read_upload(
        f"indicator,region,year,value\n{indicator_id},qingdao,2023,{text}\n".encode(), "n.csv", CATALOG
    )
    if result.ok:  # a count must be whole: a fraction is refused, never rounded
        assert close(float(result.frame.loc[0, "value"]), x)


@FAST
@given(
    st.integers(1, 999),
    st.integers(0, 999),
    st.sampled_from(["count", "rank", "amount", "rate", "index"]),
    st.booleans(),
)
def test_a_point_before_three_digits_is_read_only_when_one_reading_is_possible(
    whole, thousandths, kind, full_width
):
    """'62.000' racks could be 62 or 62,000: refused with both readings in the message, never read as
    one of them; a figure that cannot be whole (an amount with non-zero thousandths) reads as a decimal."""
    from indicators.units import ValueProblem, check_separators

    text = f"{whole}.{thousandths:03d}"
    parsed = parse_value(text.translate(FULL_WIDTH) if full_width else text)
    if kind in ("count", "rank") or thousandths == 0:
        with pytest.raises(ValueProblem) as err:
            check_separators(parsed, kind)
        assert (
            f"{whole}{thousandths:03d}" in err.value.detail_zh
            and f"{whole * 1000 + thousandths:,}" in err.value.detail_en
        )
    else:
        check_separators(parsed, kind)
        assert close(parsed.number, whole + thousandths / 1000)
