"""Every page speaks the reader's language: through the real app (AppTest), every text a page shows (titles,
markdown, captions, messages, widget labels, options and placeholders, cards and their tooltips, table
headers and cells, chart titles, legends, notes and hovers) is collected. In the Chinese interface no Latin
word may appear that is not a name, unit or code of an allow-list; in the English interface no Chinese may
appear outside region names and what sources themselves wrote (titles, publishers, quotes)."""

from __future__ import annotations

import json
import re

import pytest
from apptest_support import CHART, open_app
from streamlit.testing.v1 import element_tree as et

from indicators import settings
from indicators.catalog import load_catalog, load_curated_extras
from indicators.frame import read_curated

PAGES = [
    "views/overview.py",
    "views/digital_economy.py",
    "views/industry.py",
    "views/infrastructure.py",
    "views/rankings.py",
    "views/compare.py",
    "views/present.py",
    "views/data.py",
    "views/sources.py",
]
CHARTED = set(PAGES[:7])  # the pages that open with a chart
CATALOG = load_catalog()
QUOTES, ALTERNATIVES = load_curated_extras()
CURATED = read_curated(settings.data_dir() / "observations.csv")


def _squeezed(text: str) -> str:
    """Text without markup and white space: a chart wraps long lines with <br> wherever they fall."""
    return re.sub(r"<[^>]+>|\s", "", str(text))


# What the sources wrote (titles, publishers, quotes) and the regions' names: shown as they are in either
# language. The curated English notes and break notes quote the sources' own Chinese terms (开通, 在用), so in
# the English interface they count as what the sources wrote too.
SOURCES_WROTE = {
    *(s.title for s in CATALOG.sources.values()),
    *(s.publisher for s in CATALOG.sources.values()),
    "数字经济百强市",
    "数字百强市",
    "中国数字百强市",  # the lists' own names, quoted in the descriptions
    *QUOTES.values(),
    *(a["quote"] for a in ALTERNATIVES),
    *(r.name_zh for r in CATALOG.regions.values()),
    *(r.name_en for r in CATALOG.regions.values()),
}
CURATED_NOTES = {
    *CURATED["note"],
    *(a["note"] for a in ALTERNATIVES),
    *(a["reason"] for a in ALTERNATIVES),
    *(b.note_en for b in CATALOG.series_breaks),
}
DATA_TEXT = {
    lang: sorted(
        {
            _squeezed(x)
            for x in (SOURCES_WROTE | set(CATALOG.sources) | (CURATED_NOTES if lang == "en" else set()))
            if x
        },
        key=len,
        reverse=True,
    )
    for lang in ("zh", "en")
}
DATA_RE = {lang: re.compile("|".join(map(re.escape, known))) for lang, known in DATA_TEXT.items()}
# Latin words a Chinese page may show: names of file formats and encodings, units, codes (indicator and source
# ids), product and publisher names.
LATIN_ALLOWED = {
    "GDP",
    "CSV",
    "Excel",
    "HTML",
    "PPTX",
    "XLSX",
    "XLS",
    "TSV",
    "TXT",
    "Parquet",
    "UTF-8",
    "GB18030",
    "GBK",
    "BOM",
    "MB",
    "ID",
    "PageUp",
    "PageDown",
    "SMILE",
    "10G-PON",
    "INDICATORS_EDITOR_PASSWORD",
    "Streamlit",
    "secrets",
    "English",
    "Language",
    "PowerPoint",
    "WPS",
    "AI",
    "CCID",
    "CAICT",
    "WEF",
    "GitHub",
    "Reportify",
    "ECNS",
    "Word",
    "DOCX",
}
LATIN_ALLOWED |= set(CATALOG.indicators) | set(CATALOG.sources)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TEXT_ELEMENTS = (
    et.Markdown,
    et.Caption,
    et.Title,
    et.Header,
    et.Subheader,
    et.Text,
    et.AlertBase,
    et.Code,
    et.Exception,
)


def strings(node) -> list[str]:
    """Every text an element tree shows, depth first."""
    out: list[str] = []
    proto = getattr(node, "proto", None)
    for name in ("value", "label", "placeholder", "help", "body"):
        if name == "value" and not isinstance(node, TEXT_ELEMENTS):
            continue  # a widget's value is what it holds (an id), not what it shows
        value = getattr(node, name, None) if name != "body" else getattr(proto, "body", None)
        if isinstance(value, str):
            out.append(value)
    options = getattr(node, "options", None)
    if isinstance(options, list | tuple):
        out += [str(o) for o in options]
    for name in ("delta", "delta_description"):
        value = getattr(proto, name, None) if proto is not None else None
        if isinstance(value, str):
            out.append(value)
    if type(node).__name__ in ("Dataframe", "Table"):
        frame = node.value
        out += [str(c) for c in frame.columns]
        out += [str(v) for v in frame.to_numpy().ravel() if str(v) not in ("nan", "None", "<NA>", "NaT")]
    if getattr(proto, "component_name", None) == CHART:  # a chart: its figure and its own words
        chart = json.loads(proto.json)
        out += list(_figure_text(json.loads(chart["spec"]))) + list(chart["text"].values())
    for child in (
        getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []
    ):
        out += strings(child)
    return [s for s in out if s]


def _figure_text(fig: dict):
    layout = fig.get("layout", {})
    yield str((layout.get("title") or {}).get("text", ""))
    for axis in ("xaxis", "yaxis"):
        yield str(((layout.get(axis) or {}).get("title") or {}).get("text", ""))
    for note in layout.get("annotations", []):
        yield str(note.get("text", ""))
        yield str(note.get("hovertext", "") or "")
    for trace in fig.get("data", []):
        yield str(trace.get("name", "") or "")
        for point in trace.get("customdata") or []:
            yield from (str(x) for x in point if isinstance(x, str))


# Examples of what an upload may hold, quoted in the English help on purpose.
INPUT_EXAMPLES = ("2024年", "2.8万")


def without_data_text(text: str, lang: str) -> str:
    """The text with what the sources wrote taken out (and links, file names, quoted source wording):
    what is left was written by the product. Known texts are found with markup and white space ignored
    (a chart wraps long lines with <br> wherever they fall), and a footnote cut after its first sources
    ends in the start of a title."""
    text = re.sub(r"https?://\S+", " ", str(text))
    tags = {i for m in re.finditer(r"<[^>]+>", text) for i in range(m.start(), m.end())}
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace() and i not in tags]
    squeezed = "".join(ch for _, ch in kept)
    covered = [False] * len(squeezed)
    for m in DATA_RE[lang].finditer(squeezed):  # longest first: a title is taken whole, not a name inside it
        covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in re.finditer(
        "…", squeezed
    ):  # a title or note cut short with an ellipsis: the start of a known text
        starts = [i + 1 for i, ch in enumerate(squeezed[: m.start()]) if ch in "；;：:"] or [0]
        for start in starts:  # the longest cut text after a separator that starts a known text
            if any(k.startswith(squeezed[start : m.start()]) for k in DATA_TEXT[lang]):
                covered[start : m.end()] = [True] * (m.end() - start)
                break
    out = list(text)
    for (i, _), hide in zip(kept, covered, strict=True):
        if hide:
            out[i] = "|"
    text = re.sub(r"<[^>]+>", " ", "".join(out))
    if lang == "zh":
        text = re.sub(r"“[^”]*”", "|", text)  # the sources' own words, quoted
        text = re.sub(
            r"\d+(?:\.\d+)?MB|10G-PON|5G|地区[AB]", "|", text
        )  # units, a product, the gap's A and B
    else:
        for example in INPUT_EXAMPLES:
            text = text.replace(example, "|")
    return re.sub(r"[\w\-]+(?:[./][\w\-]+)+", "|", text)  # file names, paths and domains


def visible_text(at) -> list[str]:
    return list(dict.fromkeys(strings(at.main) + strings(at.sidebar)))


@pytest.fixture(autouse=True)
def fresh_store(db_path):
    return db_path


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_interface_shows_no_stray_english(page):
    at = open_app(page, lang="zh")
    stray = set()
    if page in CHARTED:  # the charts' own text is read too (a figure's title, the full-screen button)
        assert "全屏显示" in visible_text(at)
    for text in visible_text(at):
        for word in re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", without_data_text(text, "zh")):
            if word not in LATIN_ALLOWED:
                stray.add((word, text[:60]))
    assert not stray, sorted(stray)


@pytest.mark.parametrize("page", PAGES)
def test_the_english_interface_shows_no_chinese(page):
    at = open_app(page, lang="en")
    stray = {
        text[:80]
        for text in visible_text(at)
        if CJK.search(without_data_text(text, "en").replace("中文", "").replace("语言", ""))
    }
    assert not stray, sorted(stray)


def test_every_string_has_both_languages_with_the_same_fields():
    import string

    from indicators.i18n import STRINGS

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
        # the one designed difference: Chinese says a figure's status with a verb (为/预计为), English after it
        assert fields(zh) == fields(en) or fields(zh) - {"verb"} == fields(en) - {"status"}, key
