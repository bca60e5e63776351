"""The Data page end to end through Streamlit's AppTest: upload, validation report, preview, commit, stale
previews, the editor password, history and restore, in both languages; and the template round trip.

Each test points INDICATORS_DB at its own SQLite file, so `ui.get_store` (cached by path) gives a fresh store.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from apptest_support import figures
from streamlit.testing.v1 import AppTest

from indicators import changeset, editing, settings, updates
from indicators.export import export_bytes, table_bytes
from indicators.store import Store

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "s3cret-密码"
GOOD = 'indicator,region,year,value\nsmart_factories,qingdao,2025,70\nfiveg_base_stations,qingdao,2025,"46,000"\n'
BAD = (
    "指标,地区,年份,数值\n"
    "smart_factories,nowhere,2023,1\n"  # row 2: unknown region
    "nothing,qingdao,2023,1\n"  # row 3: unknown indicator
    "smart_factories,qingdao,1800,1\n"  # row 4: bad year
    "smart_factories,qingdao,2023,x\n"  # row 5: bad value
    "smart_factories,qingdao,2022,\n"
)  # row 6: missing value
BAD_EXPECTED = {
    (2, "unknown_region"),
    (3, "unknown_indicator"),
    (4, "bad_year"),
    (5, "bad_value"),
    (6, "missing_value"),
}


def page(name: str) -> str:
    """A page script's path as app.py's navigation names it (the page scripts may live in views/ or pages/)."""
    for folder in ("views", "pages"):
        if (ROOT / folder / f"{name}.py").exists():
            return f"{folder}/{name}.py"
    raise FileNotFoundError(name)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("INDICATORS_DB", str(path))
    monkeypatch.delenv(settings.EDITOR_PASSWORD.name, raising=False)
    return path


def open_page(name: str = "data", lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if lang != "zh":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(page(name))
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, text: str | bytes, name: str = "update.csv") -> AppTest:
    data = text.encode("utf-8") if isinstance(text, str) else text
    at.file_uploader[0].set_value((name, data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    return at


def commit(at: AppTest, author: str = "王芳", message: str = "2025年数据", accept: bool = False) -> AppTest:
    at.text_input(key="data_author").input(author)
    at.text_input(key="data_message").input(message)
    if accept:
        at.checkbox(key="data_accept").check()
    at.button(key="data_commit").click()
    at.run()
    assert not at.exception, at.exception
    return at


def has_table(at: AppTest, key: str) -> bool:
    return any(c.key == key for c in at.container)


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table the page shows in its container with this key."""
    assert has_table(at, key), f"no table {key}; containers: {[c.key for c in at.container if c.key]}"
    return at.container(key).dataframe[0].value


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def cards(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def head(db: Path) -> int:
    store = Store(str(db))
    try:
        return store.head_revision()
    finally:
        store.close()


def upload_publishers(db: Path) -> list[str]:
    """Who the store names as publisher of each source that is an uploaded file itself."""
    store = Store(str(db))
    try:
        return [s.publisher for s in store.full_catalog().sources.values() if s.id.startswith("upload_")]
    finally:
        store.close()


def current_value(db: Path, indicator: str, region: str, year: int, status: str = "reported") -> float | None:
    store = Store(str(db))
    try:
        cur = store.current()
    finally:
        store.close()
    rows = cur[
        (cur.indicator_id == indicator)
        & (cur.region_id == region)
        & (cur.year == year)
        & (cur.status == status)
    ]
    return float(rows["value"].iloc[0]) if len(rows) else None


# -- (a) a valid upload, committed, shows on every page ------------------------------------------------
def test_valid_upload_previews_commits_and_overview_shows_it(db):
    at = open_page()
    assert "已提交" not in texts(at.success)
    upload(at, GOOD)
    assert not has_table(at, "data_errors")
    warnings = table(at, "data_warnings")  # 44,500 is a curated figure: changing it is a warning to accept
    assert warnings[["行", "代码"]].values.tolist() == [[3, "curated_change"]]
    shown = metrics(at)
    assert (shown["读取"], shown["新增"], shown["修改"], shown["不变"]) == ("2", "1", "1", "0")
    changed = table(at, "data_changed")
    assert changed[["地区", "年份", "原值", "新值", "差值"]].values.tolist() == [
        ["青岛市", 2025, 44500.0, 46000.0, 1500.0]
    ]
    added = table(at, "data_added")
    assert added[["指标", "地区", "年份", "数值"]].values.tolist() == [["智能工厂", "青岛市", 2025, 70.0]]
    assert len(figures(at)) == 2  # one before/after chart per changed series
    assert head(db) == 1  # a preview writes nothing

    commit(at, accept=True)
    assert "已提交为第2版" in texts(at.success)
    assert head(db) == 2
    assert current_value(db, "smart_factories", "qingdao", 2025) == 70
    assert upload_publishers(db) == [
        "王芳"
    ]  # the file cites no source: it is the source, published by its committer
    assert not at.file_uploader[0].value and not has_table(at, "data_changed")  # fresh uploader, no preview
    # the page drawn right after the commit already reads the new head (so does every other page)
    assert "当前数据（第2版）" in [o for o in at.selectbox(key="data_dl_rev").options]
    history = table(at, "data_history")
    assert history.iloc[0][["版本", "作者", "说明", "文件", "新增", "修改"]].tolist() == [
        2,
        "王芳",
        "2025年数据",
        "update.csv",
        1,
        1,
    ]

    at.switch_page(page("overview"))
    at.run()
    assert not at.exception
    assert ("青岛市 · 2025年", "70家") in cards(at)
    assert ("青岛市 · 2025年", "4.6万个") in cards(at)


def test_a_second_session_sees_a_commit_at_its_next_run(db):
    other = open_page("overview")
    assert ("青岛市 · 截至2025年6月5日", "4.45万个") in cards(other)
    at = open_page()
    commit(upload(at, GOOD), accept=True)
    other.run()
    assert ("青岛市 · 2025年", "4.6万个") in cards(other)


# -- (b) an invalid upload: every error listed, nothing written ---------------------------------------
def test_invalid_upload_lists_every_error_and_writes_nothing(db):
    at = open_page()
    upload(at, BAD, "bad.csv")
    errors = table(at, "data_errors")
    assert set(zip(errors["行"].astype(int), errors["代码"], strict=True)) == BAD_EXPECTED
    assert list(errors.columns) == ["行", "列", "单元格内容", "问题及修改方法", "代码"]
    region_row = errors[errors["代码"] == "unknown_region"].iloc[0]
    assert region_row["单元格内容"] == "nowhere" and "不是已知地区" in region_row["问题及修改方法"]
    assert "5个错误" in texts(at.error)
    assert not [b for b in at.button if b.key == "data_commit"]  # errors block the commit
    assert not figures(at)
    assert head(db) == 1


def test_limits_have_a_clear_message(db, monkeypatch):
    monkeypatch.setenv("INDICATORS_MAX_ROWS", "1")
    at = open_page()
    assert "1行" in texts(at.caption)
    upload(at, GOOD)
    errors = table(at, "data_errors")
    assert errors["代码"].tolist() == ["too_large"]
    assert "最多1行" in errors["问题及修改方法"].iloc[0]
    assert head(db) == 1


def test_size_cap_has_a_clear_message(db, monkeypatch):
    monkeypatch.setenv("INDICATORS_MAX_UPLOAD_MB", "0.00005")  # 52 bytes
    at = open_page(lang="en")
    upload(at, GOOD)
    errors = table(at, "data_errors")
    assert errors["Code"].tolist() == ["too_large"]
    assert "over the 0 MB limit: split it" in errors["Problem and how to fix it"].iloc[0]
    assert head(db) == 1


def test_a_long_report_lists_the_first_rows_and_offers_the_rest(db):
    rows = "".join(f"smart_factories,nowhere{i},2023,1\n" for i in range(6000))
    at = open_page()
    upload(at, "indicator,region,year,value\n" + rows, "many.csv")
    assert "6000个错误" in texts(at.error)
    assert len(table(at, "data_errors")) == 5000
    assert "前5,000条" in texts(at.caption)
    assert [b for b in at.get("download_button") if "完整列表" in b.proto.label]


def test_warnings_must_be_accepted_before_commit(db):
    at = open_page()
    upload(at, "indicator,region,year,value\nsmart_factories,qingdao,2024,640\n")  # tenfold, curated
    warnings = table(at, "data_warnings")
    assert {"tenfold_change", "curated_change"} <= set(warnings["代码"])
    commit(at)
    assert "请先勾选" in texts(at.error)
    assert head(db) == 1
    commit(at, accept=True)
    assert "已提交为第2版" in texts(at.success)
    assert current_value(db, "smart_factories", "qingdao", 2024) == 640


def test_commit_needs_a_name_and_a_message(db):
    at = open_page()
    upload(at, GOOD)
    commit(at, author="  ", message="x", accept=True)
    assert "请填写姓名和更新说明" in texts(at.error)
    assert head(db) == 1


# -- (c) a stale preview is refused -------------------------------------------------------------------
def test_stale_preview_is_refused_and_recomputed(db):
    at = open_page()
    upload(at, GOOD)
    assert metrics(at)["新增"] == "1"
    elsewhere = Store(str(db))  # a colleague commits another file meanwhile
    other = updates.preview_upload(
        elsewhere, b"indicator,region,year,value\nsmart_factories,qingdao,2025,71\n", "b.csv"
    )
    updates.commit_preview(elsewhere, other, author="李雷", message="other")
    elsewhere.close()
    assert head(db) == 2

    commit(at, accept=True)
    assert "数据已被他人更新" in texts(at.error)
    assert "本次未写入任何内容" in texts(at.error)
    assert not [s for s in at.success if "已提交" in str(s.value)]
    assert head(db) == 2 and current_value(db, "smart_factories", "qingdao", 2025) == 71
    # the preview was recomputed against revision 2: the smart-factory figure is now a change, not an addition
    assert "第2版" in texts(at.caption)
    shown = metrics(at)
    assert (shown["新增"], shown["修改"]) == ("0", "2")
    commit(at, accept=True)
    assert "已提交为第3版" in texts(at.success)
    assert current_value(db, "smart_factories", "qingdao", 2025) == 70


# -- (d) the editor password --------------------------------------------------------------------------
def _session_holds(at: AppTest, secret: str) -> bool:
    return any(secret in repr(value) for value in at.session_state.to_dict().values())


def test_editor_password_is_needed_and_a_wrong_one_refused(db, monkeypatch):
    monkeypatch.setenv(settings.EDITOR_PASSWORD.name, PASSWORD)
    store = Store(str(db))
    updates.commit_preview(
        store, updates.preview_upload(store, GOOD.encode(), "a.csv"), author="a", message="m"
    )
    store.close()
    at = open_page()
    assert not at.file_uploader  # no upload before unlocking
    assert "需要编辑密码" in texts(at.warning)
    at.selectbox(key="data_rev").set_value(1)
    at.run()
    assert "恢复需要编辑密码" in texts(at.caption) and not [b for b in at.button if b.key == "data_restore"]
    assert "任何能访问" not in texts(at.info)

    at.text_input(key="data_password").input("wrong")
    at.button(key="data_unlock").click()
    at.run()
    assert "密码不正确" in texts(at.error)
    assert not at.file_uploader
    assert at.session_state["data_password"] == ""
    assert not at.session_state.to_dict().get("data_editor_unlocked")
    assert not _session_holds(at, "wrong")

    at.text_input(key="data_password").input(PASSWORD)
    at.button(key="data_unlock").click()
    at.run()
    assert not at.exception
    assert "已解锁编辑" in texts(at.success)
    assert at.session_state["data_editor_unlocked"] is True
    assert not _session_holds(at, PASSWORD)
    assert PASSWORD not in repr(at.query_params)
    commit(upload(at, "indicator,region,year,value\nsmart_factories,qingdao,2026,75\n"))
    assert "已提交为第3版" in texts(at.success)


def test_sign_on_records_the_signed_in_name_and_keeps_others_out(db, monkeypatch):
    monkeypatch.setenv(settings.EDITOR_PASSWORD.name, PASSWORD)  # sign-on, when configured, replaces it
    monkeypatch.setenv(settings.EDITORS.name, "wangfang@example.gov.cn")
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "s" * 32,
        "client_id": "id",
        "client_secret": "cs",
        "server_metadata_url": "http://idp.invalid/.well-known/openid-configuration",
    }

    def signed_in(user: dict) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.secrets["auth"] = auth
        at.user = user
        at.run()
        at.switch_page(page("data"))
        at.run()
        assert not at.exception
        return at

    at = signed_in({"is_logged_in": False})
    assert "以单位账号登录" in texts(at.info) and not at.file_uploader
    assert not [x for x in at.text_input if x.key == "data_password"]
    at = signed_in({"is_logged_in": True, "name": "李雷", "email": "lilei@example.gov.cn"})
    assert "没有编辑权限" in texts(at.error) and not at.file_uploader
    at = signed_in({"is_logged_in": True, "name": "王芳", "email": "WangFang@example.gov.cn"})
    assert "已登录：王芳" in texts(at.success)
    upload(at, "indicator,region,year,value\nsmart_factories,qingdao,2026,75\n")
    author = at.text_input(key="data_author_signed_in")
    assert (
        author.value == "王芳"
        and author.disabled
        and not [x for x in at.text_input if x.key == "data_author"]
    )
    at.text_input(key="data_message").input("2026年数据")
    at.button(key="data_commit").click()
    at.run()
    assert "已提交为第2版" in texts(at.success)
    assert table(at, "data_history").iloc[0]["作者"] == "王芳"


def test_password_from_streamlit_secrets(db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets[settings.EDITOR_PASSWORD.name] = PASSWORD
    at.run()
    at.switch_page(page("data"))
    at.run()
    assert not at.exception and not at.file_uploader
    at.text_input(key="data_password").input(PASSWORD)
    at.button(key="data_unlock").click()
    at.run()
    assert at.file_uploader and "已解锁编辑" in texts(at.success)


def test_repeated_wrong_passwords_pause_attempts_for_the_address_not_the_session(db, monkeypatch, caplog):
    monkeypatch.setenv(settings.EDITOR_PASSWORD.name, PASSWORD)
    for _ in range(editing.MAX_FAILURES):  # every guess from a fresh session, as a reload or a new connection
        at = open_page()
        at.text_input(key="data_password").input("nope-guess")
        at.button(key="data_unlock").click()
        at.run()
    assert "请30秒后再试" in texts(at.error)
    fresh = open_page()  # a new session from the same address is paused too
    assert "秒后再试" in texts(fresh.error)
    fresh.text_input(key="data_password").input(PASSWORD)  # even the right one is refused during the pause
    fresh.button(key="data_unlock").click()
    fresh.run()
    assert "秒后再试" in texts(fresh.error)
    assert not fresh.file_uploader
    refused = [
        r.getMessage() for r in caplog.records if r.name == "indicators" and "password" in r.getMessage()
    ]
    assert len(refused) == editing.MAX_FAILURES + 1 and all("127.0.0.1" in m for m in refused), refused
    assert not [r for r in caplog.records if "nope-guess" in r.getMessage() or PASSWORD in r.getMessage()]


def test_no_password_says_anyone_can_edit(db):
    at = open_page()
    assert "任何能访问本应用的人都可以上传" in texts(at.info)
    assert at.file_uploader


def test_the_guard_counts_per_address_doubles_each_pause_and_pauses_the_whole_server(monkeypatch):
    guard = editing.Guard()
    assert [guard.attempt("10.0.0.1", "a", "b", t).result for t in (0, 1, 2)] == ["wrong", "wrong", "locked"]
    assert guard.attempt("10.0.0.1", "b", "b", 10).result == "locked" and guard.wait("10.0.0.1", 10) == 22
    assert guard.attempt("10.0.0.2", "b", "b", 10).result == "ok"  # another address is not paused
    assert [guard.attempt("10.0.0.1", "a", "b", t).result for t in (33, 34, 35)] == [
        "wrong",
        "wrong",
        "locked",
    ]
    assert guard.wait("10.0.0.1", 35) == 60  # the second pause in a row is twice as long
    assert guard.attempt("10.0.0.1", "b", "b", 96).result == "ok"  # the right password resets the count
    assert guard.attempt("10.0.0.1", "a", "b", 97).result == "wrong"
    many = editing.Guard()  # guesses shared out over many addresses: the server pauses everyone
    outcomes = [
        many.attempt(f"10.1.0.{i}", "a", "b", 100 + i * 0.1).result
        for i in range(editing.SERVER_MAX_FAILURES)
    ]
    assert outcomes[-1] == "locked" and set(outcomes[:-1]) == {"wrong"}
    assert many.attempt("10.9.9.9", "b", "b", 103).result == "locked"
    assert many.attempt("10.9.9.9", "b", "b", 100 + editing.SERVER_LOCKOUT_SECONDS + 2).result == "ok"
    monkeypatch.delenv(settings.EDITOR_PASSWORD.name, raising=False)
    assert settings.editor_password(lambda name: (_ for _ in ()).throw(FileNotFoundError())) is None
    assert settings.editor_password(lambda name: "x") == "x"
    monkeypatch.setenv(settings.EDITOR_PASSWORD.name, "env")
    assert settings.editor_password(lambda name: "x") == "env"


# -- (e) history and restore --------------------------------------------------------------------------
def test_restore_brings_the_old_figure_back(db):
    at = open_page()
    commit(upload(at, "indicator,region,year,value\nsmart_factories,qingdao,2024,66\n"), accept=True)
    assert current_value(db, "smart_factories", "qingdao", 2024) == 66
    assert at.selectbox(key="data_rev").value == 2
    changes = table(at, "data_rev_changes")
    assert changes[["变化", "地区", "年份", "原值", "新值"]].values.tolist() == [
        ["修改", "青岛市", 2024, 64.0, 66.0]
    ]

    at.selectbox(key="data_rev").set_value(1)
    at.run()
    assert not [b for b in at.button if b.key == "data_restore" and not b.disabled]  # confirmation first
    at.text_input(key="data_restore_author").input("王芳")
    at.checkbox(key="data_restore_ok_1").check()
    at.run()
    at.button(key="data_restore").click()
    at.run()
    assert not at.exception
    assert "新的第3版与第1版的数据相同" in texts(at.success)
    assert head(db) == 3 and current_value(db, "smart_factories", "qingdao", 2024) == 64
    history = table(at, "data_history")
    assert history.iloc[0][["版本", "类型", "恢复自"]].tolist() == [3, "恢复", 1]

    at.switch_page(page("overview"))
    at.run()
    assert ("青岛市 · 截至2024年7月3日", "64家") in cards(at)


def test_restore_of_a_stale_page_is_refused(db):
    at = open_page()
    commit(upload(at, "indicator,region,year,value\nsmart_factories,qingdao,2026,80\n"))
    at.selectbox(key="data_rev").set_value(1)
    at.run()
    at.text_input(key="data_restore_author").input("王芳")
    at.checkbox(key="data_restore_ok_1").check()
    at.run()
    elsewhere = Store(str(db))
    updates.commit_preview(
        elsewhere,
        updates.preview_upload(
            elsewhere, b"indicator,region,year,value\nsmart_factories,qingdao,2027,90\n", "b.csv"
        ),
        author="李雷",
        message="x",
    )
    elsewhere.close()
    at.button(key="data_restore").click()
    at.run()
    assert "数据已被他人更新" in texts(at.error)
    assert head(db) == 3 and current_value(db, "smart_factories", "qingdao", 2027) == 90


def test_user_text_is_escaped(db):
    at = open_page()
    upload(at, GOOD, "[点我](javascript:alert) *x* <b>.csv")
    shown = texts(at.markdown)
    assert "\\[点我\\]" in shown and "\\*x\\*" in shown and "\\<b\\>" in shown  # shown as text
    assert "[点我](" not in shown.replace("\\[点我\\]", "")


# -- (f) both languages -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_in_both_languages(db, lang):
    at = open_page(lang=lang)
    title = {"zh": "数据管理", "en": "Data"}[lang]
    assert at.title[0].value == title
    browse = table(at, "data_browse")
    assert {"zh": "指标", "en": "Indicator"}[lang] in browse.columns and len(browse) > 100
    assert {"zh": "青岛市", "en": "Qingdao"}[lang] in set(browse[{"zh": "地区", "en": "Region"}[lang]])
    upload(at, BAD, "bad.csv")
    errors = table(at, "data_errors")
    fix = {"zh": "问题及修改方法", "en": "Problem and how to fix it"}[lang]
    known = {"zh": "不是已知地区", "en": "is not a known region"}[lang]
    assert errors[fix].str.contains(known, case=False).any()
    upload(at, GOOD, "good.csv")
    assert {"zh": "新增", "en": "Added"}[lang] in metrics(at)


def test_page_needs_no_region(db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["regions"] = ""
    at.run()
    at.switch_page(page("data"))
    at.run()
    assert not at.exception and at.file_uploader and len(table(at, "data_browse")) > 100


def test_browse_filters(db):
    at = open_page()
    at.multiselect(key="data_f_ind").set_value(["smart_factories"])
    at.multiselect(key="data_f_reg").set_value(["qingdao"])
    at.run()
    rows = table(at, "data_browse")
    assert set(rows["指标"]) == {"智能工厂"} and set(rows["地区"]) == {"青岛市"}
    assert sorted(rows["年份"]) == [2022, 2024]
    assert at.query_params["ind"] == ["smart_factories"] or at.query_params["ind"] == "smart_factories"


# -- the template round trip --------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_reuploaded_changes_only_what_was_edited(store, catalog, fmt, lang):
    frame = store.current()
    inds, regs, years = (
        ["fiveg_base_stations", "smart_factories", "digital_economy_scale"],
        ["shandong", "qingdao"],
        list(range(2019, 2027)),
    )
    tpl = changeset.template_with_source(frame, catalog, inds, regs, years, lang)
    source_col = "来源" if lang == "zh" else "source"
    assert source_col in tpl.columns and (tpl[source_col] == "").all()
    assert ("单位" if lang == "zh" else "unit") in tpl.columns

    untouched = updates.preview_upload(store, table_bytes(tpl, fmt), f"template.{fmt}")
    assert untouched.ok, [p.message_en for p in untouched.result.errors]
    assert untouched.diff.empty and untouched.diff.unchanged > 5

    edited = tpl.copy()
    region_col, year_col = ("地区", "2025年") if lang == "zh" else ("region", "2025")
    qingdao_5g = (edited[region_col] == catalog.regions["qingdao"].name(lang)) & (
        edited.iloc[:, 0] == catalog.indicators["fiveg_base_stations"].name(lang)
    )
    edited.loc[qingdao_5g, year_col] = 46000
    preview = updates.preview_upload(store, table_bytes(edited, fmt), f"template.{fmt}")
    assert preview.ok
    assert preview.diff.added.empty and len(preview.diff.changed) == 1
    change = preview.diff.changed.iloc[0]
    assert (change.indicator_id, change.region_id, change.year, change.value_old, change.value) == (
        "fiveg_base_stations",
        "qingdao",
        2025,
        44500,
        46000,
    )
    before = store.current()
    rev = updates.commit_preview(store, preview, author="t", message="m")
    assert (rev.added, rev.changed) == (0, 1)
    after = store.current()
    merged = before.merge(after, on=["indicator_id", "region_id", "year", "status"], suffixes=("", "_new"))
    differs = merged[
        (merged.value != merged.value_new)
        | (merged.source_id != merged.source_id_new)
        | (merged.note != merged.note_new)
        | (merged.as_of != merged.as_of_new)
    ]
    assert len(merged) == len(before) == len(after) and len(differs) == 1


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_source_written_in_a_template_row_goes_only_to_what_the_row_changes(store, catalog, fmt):
    """The analyst edits Qingdao's 2025 5G figure and names its source in the row: that figure takes the
    source; the row's other years keep their curated source, note and as-of date."""
    frame = store.current()
    tpl = changeset.template_with_source(
        frame, catalog, ["fiveg_base_stations"], ["qingdao"], list(range(2019, 2027)), "zh"
    )
    tpl.loc[tpl["地区"] == "青岛市", "2025年"] = 46000
    tpl.loc[tpl["地区"] == "青岛市", "来源"] = "青岛市通信管理局 2025年12月通报"
    preview = updates.preview_upload(store, table_bytes(tpl, fmt), f"template.{fmt}")
    assert preview.ok
    assert preview.diff.added.empty and preview.diff.changed[["year", "value"]].values.tolist() == [
        [2025, 46000]
    ]
    updates.commit_preview(store, preview, author="t", message="m")
    after = store.current()
    qd = after[(after.indicator_id == "fiveg_base_stations") & (after.region_id == "qingdao")].set_index(
        "year"
    )
    sources = store.full_catalog().sources
    assert sources[qd.loc[2025, "source_id"]].title == "青岛市通信管理局 2025年12月通报"
    old = frame[(frame.indicator_id == "fiveg_base_stations") & (frame.region_id == "qingdao")].set_index(
        "year"
    )
    kept = [y for y in old.index if y != 2025]
    assert (
        kept
        and (
            qd.loc[kept, ["value", "source_id", "as_of", "note"]]
            == old.loc[kept, ["value", "source_id", "as_of", "note"]]
        )
        .all()
        .all()
    )


def test_export_reimported_is_a_no_op(store, catalog):
    for fmt in ("csv", "xlsx", "parquet"):
        preview = updates.preview_upload(store, export_bytes(store.current(), catalog, fmt), f"all.{fmt}")
        assert preview.ok and preview.diff.empty, fmt
    assert export_bytes(store.current(), catalog, "csv").startswith(b"\xef\xbb\xbf")


def test_history_lists_the_changes_since_a_chosen_revision_in_sentences(db):
    store = Store(str(db))
    updates.commit_preview(
        store, updates.preview_upload(store, GOOD.encode(), "a.csv"), author="a", message="m"
    )
    store.close()
    at = open_page()
    at.selectbox(key="data_rev").set_value(1)
    at.run()
    assert not at.exception
    since = [e for e in at.expander if e.label == "自第1版以来的变动"]
    assert len(since) == 1
    text = "\n".join(m.value for m in since[0].markdown)
    assert "自第1版以来，2项数据有变动：新增1项，修订1项。" in text
    assert "新增青岛市2025年智能工厂" in text and "青岛市2025年5G基站由" in text
