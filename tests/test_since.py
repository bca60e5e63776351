"""Changes since a revision: `--since` read as a revision or a day, the figures added, revised and removed
worded in plain sentences in both languages, listed first in every pack (HTML, PPTX, DOCX) by the command
line, and bad `--since` refused with a clear message, exit 1 and no file."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import subprocess
from pathlib import Path

import pytest
from cli_support import EXE, assert_no_crash, cli_env
from docx import Document
from pptx import Presentation

from indicators import briefing, slides
from indicators.changes import SinceError, changes_since, count_text, since_revision
from indicators.pack import build_pack
from indicators.store import Revision, Store
from indicators.updates import commit_preview, preview_upload

UPLOAD = Path(__file__).parent / "uploads" / "good" / "long_gb18030.csv"  # one figure added, one restated


def rev(rid: int, created_at: str) -> Revision:
    return Revision(rid, rid - 1, created_at, "", "", "upload", "", "", 0, 0, 0)


HISTORY = [rev(3, "2026-05-03T02:00:00Z"), rev(2, "2026-05-01T17:00:00Z"), rev(1, "2026-04-20T08:00:00Z")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2),
        (" 1 ", 1),
        ("2026-05-01", 1),  # revision 2 was made at 01:00 on 2 May, Beijing time
        ("2026-05-02", 2),
        ("2026-5-3", 3),
        ("2030-01-01", 3),
        ("2026-04-20", 1),
    ],
)
def test_since_reads_a_revision_or_a_day(text, expected):
    assert since_revision(text, HISTORY, "zh") == expected


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("7", "没有第7版：现有版本为第1—3版", "There is no revision 7: revisions run from 1 to 3"),
        ("0", "没有第0版", "There is no revision 0"),
        (
            "2026-04-19",
            "2026-04-19早于第一个版本（2026年4月20日）",
            "2026-04-19 is before the first revision (20 April 2026)",
        ),
        ("last week", "“last week”不是版本号或日期", "'last week' is neither a revision number nor a date"),
        (
            "2026-02-30",
            "“2026-02-30”不是版本号或日期",
            "'2026-02-30' is neither a revision number nor a date",
        ),
    ],
)
def test_bad_since_says_what_is_wrong_in_both_languages(text, zh, en):
    for lang, needle in (("zh", zh), ("en", en)):
        with pytest.raises(SinceError) as err:
            since_revision(text, HISTORY, lang)
        assert needle in str(err.value)


def test_count_words():
    assert [count_text(n, "en") for n in (1, 3, 9, 10, 12)] == ["one", "three", "nine", "10", "12"]
    assert count_text(3, "zh") == "3"


@pytest.fixture
def uploaded(store):
    """The curated store (revision 1) and one upload (revision 2)."""
    preview = preview_upload(store, UPLOAD.read_bytes(), UPLOAD.name)
    assert preview.ok
    assert commit_preview(store, preview, author="wang", message="new figures").id == 2
    return store


def test_the_changes_of_one_upload_in_sentences(uploaded):
    store, catalog = uploaded, uploaded.full_catalog()
    zh = changes_since(store.as_of(1), store.current(), catalog, 1, 2, "zh")
    assert zh.summary == "自第1版以来，2项数据有变动：新增1项，修订1项。"
    assert zh.added == ("新增山东省2024年数字经济规模（目标）：4.6万亿元（来源：测试规划）。",)
    assert zh.changed == (
        "青岛市2024年5G基站仍为4.27万个，来源、日期或备注有更新（原来源：2024年数字青岛发展情况新闻发布会，"
        "截至2024年12月13日；现来源：青岛市通信管理局）。",
    )
    assert zh.removed == () and zh.total == 2 and not zh.more
    en = changes_since(store.as_of(1), store.current(), catalog, 1, 2, "en")
    assert en.summary == "Since revision 1, two figures changed: one added, one revised."
    assert en.added == (
        "Added: Digital economy size, Shandong, 2024 (target): 4.6 trillion yuan (source: 测试规划).",
    )
    none = changes_since(store.as_of(2), store.current(), catalog, 2, 2, "en")
    assert none.summary == "No figure has changed since revision 2." and none.lines == ()


def test_a_revision_and_a_removal_say_old_and_new_with_sources(uploaded):
    store, catalog = uploaded, uploaded.full_catalog()
    now = store.current()
    gdp = (now["indicator_id"] == "gdp") & (now["region_id"] == "qingdao") & (now["year"] == 2024)
    edited = now.copy()
    edited.loc[gdp & (edited["status"] == "reported"), "value"] = 17000.0
    dropped = edited[~((edited["indicator_id"] == "fiveg_base_stations") & (edited["year"] == 2020))]
    gone = len(edited) - len(dropped)
    out = changes_since(now, dropped, catalog, 2, 3, "zh", limit=3)
    assert (
        out.changed[0].startswith("青岛市2024年地区生产总值由")
        and "修订为1.7万亿元（来源：" in out.changed[0]
    )
    assert all(line.startswith("删除") for line in out.removed)
    assert out.total == 1 + gone and (
        out.more == f"另有{out.total - 3}项变动未在此列出，完整清单见数据页“版本历史”。"
        if out.total > 3
        else not out.more
    )


def test_html_and_pptx_open_with_the_changes_and_text_from_the_data_is_plain(uploaded):
    store = uploaded
    frame, catalog = store.current(), store.full_catalog()
    news = changes_since(store.as_of(1), frame, catalog, 1, 2, "zh")
    sid = frame.loc[frame["indicator_id"] == "gdp", "source_id"].iloc[0]
    src = catalog.sources[sid]
    hostile = dataclasses.replace(
        catalog,
        sources={
            **catalog.sources,
            sid: dataclasses.replace(src, title="标题\u202e反转\x07", publisher="发布\u200f者"),
        },
    )
    pack = build_pack(frame, hostile, ["gdp"], ["shandong", "qingdao"], None, "zh", changes=news)
    page = briefing.render(pack)
    assert page.index("自第1版以来的变动") < page.index("<nav>")
    assert all(html.escape(line, quote=True) in page for line in news.lines)
    assert "标题反转" in page and not any(c in page for c in "\u202e\x07\u200f")
    body = page.split("</head>", 1)[1]  # (plotly.js itself names these characters, in the head)
    assert not any(c in body for c in ("\\u202e", "\\u0007", "\\u200f"))  # nor escaped in the figure's JSON
    deck = Presentation(io.BytesIO(slides.render(pack)))
    second = "\n".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    assert news.summary in second and all(line in second for line in news.lines)
    every = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert "标题反转" in every and not any(c in every for c in "\u202e\x07\u200f")


# -- the command line --------------------------------------------------------------------------------------
def cli(*args, db, lang="en"):
    done = subprocess.run(
        [str(EXE), *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(db, INDICATORS_LANG=lang),
        timeout=300,
    )
    assert_no_crash(done.returncode, done.stderr, " ".join(map(str, args)))
    return done


@pytest.fixture
def cli_store(tmp_path):
    """A store made by the command: the curated data, then one upload."""
    db = tmp_path / "store.sqlite"
    assert cli("import", UPLOAD, "-m", "new figures", db=db).returncode == 0
    store = Store(str(db))
    yield db, store
    store.close()


def pack_text(path: Path) -> str:
    if path.suffix == ".html":
        return html.unescape(re.sub(r"<[^>]+>", "\n", path.read_text(encoding="utf-8")))
    if path.suffix == ".pptx":
        return "\n".join(
            s.text_frame.text
            for slide in Presentation(str(path)).slides
            for s in slide.shapes
            if s.has_text_frame
        )
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


@pytest.mark.slow  # runs the command line
def test_since_lists_exactly_the_uploads_changes_in_every_pack(cli_store, tmp_path):
    db, store = cli_store
    upload = store.history()[0]
    assert (upload.id, upload.kind) == (2, "upload")
    for lang in ("zh", "en"):
        news = changes_since(store.as_of(1), store.current(), store.full_catalog(), 1, 2, lang)
        assert news.total == upload.added + upload.changed + upload.removed == 2
        for ext in ("html", "pptx", "docx"):
            out = tmp_path / f"pack-{lang}.{ext}"
            p = cli(
                "report",
                "-o",
                out,
                "--since",
                "1",
                "--indicators",
                "digital_economy_size,fiveg_base_stations",
                "--lang",
                lang,
                db=db,
            )
            assert p.returncode == 0, p.stderr
            text = pack_text(out)
            assert news.summary in text, ext
            listed = [line for line in text.splitlines() if any(line.endswith(x) for x in news.lines)]
            assert len(listed) == 2 and all(any(line.endswith(x) for line in listed) for x in news.lines), ext
            heading = "自第1版以来的变动" if lang == "zh" else "Changes since revision 1"
            assert heading in text
    out = tmp_path / "plain.docx"
    assert cli("report", "-o", out, "--indicators", "gdp", db=db).returncode == 0
    assert "Changes since" not in pack_text(out)


@pytest.mark.slow  # runs the command line
@pytest.mark.parametrize(
    ("since", "zh", "en"),
    [
        ("9", "没有第9版", "There is no revision 9"),
        ("2001-01-01", "2001-01-01早于第一个版本", "2001-01-01 is before the first revision"),
        ("yesterday", "“yesterday”不是版本号或日期", "'yesterday' is neither a revision number nor a date"),
    ],
)
def test_bad_since_exits_1_with_a_message_and_writes_nothing(cli_store, tmp_path, since, zh, en):
    db, _ = cli_store
    for lang, needle, ext in (("zh", zh, "docx"), ("en", en, "html")):
        out = tmp_path / f"x.{ext}"
        p = cli("report", "-o", out, "--since", since, db=db, lang=lang)
        assert p.returncode == 1 and needle in p.stderr, p.stderr
        assert "Traceback" not in p.stderr and not out.exists()
