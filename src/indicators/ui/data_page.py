"""Streamlit glue of the Data page: browse, download, the template, upload with its validation report and
preview, commit, history and restore, and the editor password. The logic lives in `updates` (one path for
every update), `changeset` (the tables and before/after charts) and `editing` (the password).

Writes happen in button callbacks, which Streamlit runs before the script: a commit therefore uses the
preview the analyst saw in the previous run, and every page drawn after it (sidebar included) already
reads the new head revision.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

import pandas as pd
import streamlit as st

from indicators import changeset, editing, settings, tables, ui, updates
from indicators.catalog import STATUSES
from indicators.export import export_bytes, table_bytes
from indicators.i18n import STRINGS, t
from indicators.store import StaleHead, StoreError

log = logging.getLogger("indicators")

MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "parquet": "application/vnd.apache.parquet"}
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "parquet"]
# session-state keys: only booleans, counters and previews, never the password
UNLOCKED, THROTTLE, PREVIEW, GEN = "data_editor_unlocked", "data_editor_throttle", "data_preview", "data_upload_gen"
UPLOAD_NOTICE, RESTORE_NOTICE, PASSWORD = "data_upload_notice", "data_restore_notice", "data_password"
LAST_AUTHOR = "data_last_author"
MAX_LISTED = 5_000  # rows of a revision's changes listed on the page; all of them in the download


# CSS that writes our own words over Streamlit's uploader button and file types, which Streamlit writes in
# English only: fixed strings from i18n, never text from a user (the size limit is said in the caption above).
_DROPZONE = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
_KINDS = '[data-testid="stFileUploaderDropzoneInstructions"] span'
UPLOADER_ZH = f"""<style>{_DROPZONE} {{ font-size: 0; }} {_KINDS} {{ font-size: 0; }}
{_DROPZONE}::after {{ content: "{STRINGS['dp_upload_button'][0]}"; font-size: 1rem; }}
{_KINDS}::after {{ content: "{STRINGS['dp_upload_kinds'][0]}"; font-size: 0.875rem; }}</style>"""
UPLOADER_EN = f"""<style>{_DROPZONE} {{ font-size: 0; }} {_KINDS} {{ font-size: 0; }}
{_DROPZONE}::after {{ content: "{STRINGS['dp_upload_button'][1]}"; font-size: 1rem; }}
{_KINDS}::after {{ content: "{STRINGS['dp_upload_kinds'][1]}"; font-size: 0.875rem; }}</style>"""


# -- editor access ------------------------------------------------------------------------------------
def _secret(name: str) -> object:
    return st.secrets.get(name)  # raises when there is no secrets file: settings.editor_password copes


def editor_password() -> str | None:
    return settings.editor_password(_secret)


def editor_allowed() -> bool:
    return editor_password() is None or bool(st.session_state.get(UNLOCKED))


def _on_unlock(lang: str) -> None:
    given = st.session_state.get(PASSWORD) or ""
    st.session_state[PASSWORD] = ""  # the password never stays in session state
    expected = editor_password()
    if expected is None:
        return
    throttle = st.session_state.setdefault(THROTTLE, editing.Throttle())
    outcome = throttle.attempt(given, expected, time.monotonic())
    if outcome == "ok":
        st.session_state[UNLOCKED] = True
        st.session_state.pop("data_unlock_error", None)
        return
    if outcome == "wrong":
        time.sleep(0.5)  # a short pause per wrong guess; longer lockouts are the throttle's, not a sleep
        st.session_state["data_unlock_error"] = t("dp_wrong_password", lang)
    else:
        st.session_state["data_unlock_error"] = t("dp_too_many", lang,
                                                   seconds=math.ceil(throttle.wait(time.monotonic())))


def _on_lock() -> None:
    st.session_state[UNLOCKED] = False


def editor_gate(lang: str) -> bool:
    """Say who may edit; when a password is set and this session has not unlocked, ask for it."""
    if editor_password() is None:
        st.info(t("dp_open_access", lang), icon=":material/lock_open:")
        return True
    if st.session_state.get(UNLOCKED):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.success(t("dp_unlocked", lang), icon=":material/lock_open:")
        right.button(t("dp_lock", lang), key="data_lock", on_click=_on_lock)
        return True
    st.warning(t("dp_locked", lang), icon=":material/lock:")
    error = st.session_state.pop("data_unlock_error", None)
    throttle = st.session_state.get(THROTTLE)
    wait = throttle.wait(time.monotonic()) if throttle else 0
    if wait > 0:
        error = t("dp_too_many", lang, seconds=math.ceil(wait))
    if error:
        st.error(error)
    with st.form("data_unlock_form", border=False):
        cols = st.columns([3, 1, 3], vertical_alignment="bottom")
        cols[0].text_input(t("dp_password", lang), type="password", key=PASSWORD, autocomplete="current-password")
        cols[1].form_submit_button(t("dp_unlock", lang), key="data_unlock", on_click=_on_unlock, args=(lang,))
    return False


def _table(frame: pd.DataFrame, key: str, **kwargs) -> None:
    """A read-only table in a keyed container (so tests and the browser can find it); user text in a
    table is shown as text, never as markup."""
    kwargs.setdefault("placeholder", "–")  # a 200,000-row table is sent lazily (Streamlit's default), as scrolled
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, **kwargs)


# -- browse -------------------------------------------------------------------------------------------
def _number_columns(lang: str, *keys: str) -> dict:
    config = {t(k, lang): st.column_config.NumberColumn(format="localized") for k in keys}
    config[t("col_year", lang)] = st.column_config.NumberColumn(format="%d")
    return config


def browse(d: ui.Data, lang: str) -> dict:
    """The current data as a table, filtered by indicator, region and status. Returns the URL parameters."""
    catalog, frame = d.catalog, d.frame
    present = {c: set(frame[c].unique().tolist()) for c in ("indicator_id", "region_id", "status")}
    ind_ids = sorted(present["indicator_id"], key=lambda i: catalog.indicators[i].name(lang)
                     if i in catalog.indicators else i)
    reg_ids = [r.id for r in catalog.ordered_regions() if r.id in present["region_id"]]
    statuses = [s for s in STATUSES if s in present["status"]]
    for key, name, options in (("data_f_ind", "ind", ind_ids), ("data_f_reg", "reg", reg_ids),
                               ("data_f_status", "status", statuses)):
        ui.param(key, name, lambda v, o=options: [x for x in v.split(",") if x in o], [])
        st.session_state[key] = [x for x in st.session_state[key] if x in options]
    cols = st.columns([3, 2, 2])
    inds = cols[0].multiselect(t("dp_filter_indicator", lang), ind_ids, key="data_f_ind",
                               format_func=lambda i: catalog.indicators[i].name(lang), placeholder=t("dp_all", lang))
    regs = cols[1].multiselect(t("dp_filter_region", lang), reg_ids, key="data_f_reg",
                               format_func=lambda r: catalog.regions[r].name(lang), placeholder=t("dp_all", lang))
    stats = cols[2].multiselect(t("dp_filter_status", lang), statuses, key="data_f_status",
                                format_func=lambda s: t(f"status_{s}", lang), placeholder=t("dp_all", lang))
    shown = frame
    for column, chosen in (("indicator_id", inds), ("region_id", regs), ("status", stats)):
        if chosen:
            shown = shown[shown[column].isin(chosen).to_numpy()]
    st.caption(t("dp_rows_shown", lang, n=len(shown), total=len(frame)))
    table = _browse_table(ui.store().db, d.revision, lang, d)
    if len(shown) < len(frame):
        table = table[table.index.isin(shown.index)]
    _table(table, "data_browse", height=560,
           column_config=_number_columns(lang, "col_value"))
    return {"ind": tuple(inds), "reg": tuple(regs), "status": tuple(stats)}


@st.cache_resource(show_spinner=False, max_entries=4)
def _browse_table(db: str, revision: int, lang: str, _d: ui.Data) -> pd.DataFrame:
    """The whole current data, readable, once per revision and language (shared, never modified)."""
    return tables.readable(_d.frame, _d.catalog, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _revision_changes_table(db: str, revision: int, lang: str) -> pd.DataFrame:
    """What one revision did, readable. A revision never changes, so this is computed once."""
    store = ui.get_store(db)
    return changeset.revision_changes_table(store.revision_changes(revision), store.full_catalog(), lang)


# -- downloads and the template -----------------------------------------------------------------------
def _download_buttons(frame_of, catalog, name: str, key: str, lang: str) -> None:
    """CSV, XLSX and Parquet of the data `frame_of()` returns, built only when clicked."""
    row = st.container(horizontal=True)
    for fmt in ("csv", "xlsx", "parquet"):
        row.download_button(t(f"dp_dl_{fmt}", lang), lambda fmt=fmt: export_bytes(frame_of(), catalog, fmt),
                            f"{name}.{fmt}", MIME[fmt], key=f"{key}_{fmt}", on_click="ignore",
                            icon=":material/download:")


def _frame_at(store, d: ui.Data, rev: int):
    """A function giving the data as of `rev` (the cached current data for the head)."""
    if rev == d.revision:
        return lambda: d.frame
    return lambda: store.as_of(rev)


def downloads(d: ui.Data, sel: ui.Selection) -> None:
    lang, store = sel.lang, ui.store()
    st.subheader(t("dp_download_title", lang))
    st.caption(t("dp_download_help", lang))
    revisions = store.history()
    labels = {r.id: changeset.revision_label(r, d.revision, lang) for r in revisions}
    labels[0] = t("dp_current_data", lang, rev=d.revision)  # 0: whatever is current, even after a commit
    ids = [0] + [r.id for r in revisions if r.id != d.revision]
    if st.session_state.get("data_dl_rev") not in ids:
        st.session_state["data_dl_rev"] = 0
    rev = st.selectbox(t("dp_revision", lang), ids, key="data_dl_rev", format_func=lambda r: labels.get(r, str(r)))
    rev = rev or d.revision
    _download_buttons(_frame_at(store, d, rev), d.catalog, f"indicators_rev{rev}", "data_dl", lang)

    st.subheader(t("dp_template_title", lang))
    st.caption(t("dp_template_help", lang))
    catalog = d.catalog
    headline = [i for i, ind in catalog.indicators.items() if ind.headline]
    low, high = ui.year_bounds(d.frame)
    actual = d.frame[d.frame["status"] != "target"]
    last = int(actual["year"].max()) if len(actual) else high  # the newest reported year, not a plan year
    cols = st.columns([3, 2])
    inds = cols[0].multiselect(t("dp_template_indicators", lang), list(catalog.indicators), default=headline,
                               key="data_tpl_ind", placeholder=t("choose", lang), format_func=lambda i: catalog.indicators[i].name(lang))
    regs = cols[1].multiselect(t("dp_template_regions", lang), [r.id for r in catalog.ordered_regions()],
                               default=list(sel.regions) or list(ui.DEFAULT_REGIONS), key="data_tpl_reg", placeholder=t("choose", lang),
                               format_func=lambda r: catalog.regions[r].name(lang))
    years = st.slider(t("dp_template_years", lang), low, max(high, last + 1), (max(low, last - 4), last + 1),
                      key="data_tpl_years")
    if not inds or not regs:
        st.info(t("dp_template_empty", lang))
        return
    year_list = list(range(int(years[0]), int(years[1]) + 1))

    def template() -> pd.DataFrame:
        return changeset.template_with_source(d.frame, catalog, inds, regs, year_list, lang)

    row = st.container(horizontal=True)
    row.download_button(t("dp_template_xlsx", lang), lambda: table_bytes(template(), "xlsx", "template"),
                        "indicators_template.xlsx", MIME["xlsx"], key="data_tpl_xlsx", on_click="ignore",
                        icon=":material/download:")
    row.download_button(t("dp_template_csv", lang), lambda: table_bytes(template(), "csv"),
                        "indicators_template.csv", MIME["csv"], key="data_tpl_csv", on_click="ignore",
                        icon=":material/download:")


# -- upload, report, preview, commit ------------------------------------------------------------------
def _notice(key: str, where=st) -> None:
    """Show (once) what the last commit or restore did."""
    kind_text = st.session_state.pop(key, None)
    if kind_text:
        kind, text = kind_text
        getattr(where, kind)(text)


def _remembered_author(key: str) -> None:
    """Pre-fill a name field with the name this session last committed under (widget state is dropped
    while a widget is not on the page, so the name is kept under a key of its own)."""
    if not st.session_state.get(key) and st.session_state.get(LAST_AUTHOR):
        st.session_state[key] = st.session_state[LAST_AUTHOR]


def _preview(data: bytes, name: str, lang: str) -> tuple[updates.Preview, int | None]:
    """The preview of this upload, cached in the session by its sha256; recomputed when the store moved.

    Returns the preview and, when it had to be recomputed because of someone else's commit, the revision
    the old preview was based on.
    """
    sha = hashlib.sha256(data).hexdigest()
    store = ui.store()
    head = store.head_revision()
    entry = st.session_state.get(PREVIEW)
    moved_from = None
    if entry and entry["sha"] == sha and entry["name"] == name:
        if entry["preview"].head == head:
            return entry["preview"], None
        moved_from = entry["preview"].head
    with st.spinner(t("dp_reading", lang)):
        preview = updates.preview_upload(store, data, name)
    st.session_state[PREVIEW] = {"sha": sha, "name": name, "preview": preview}
    return preview, moved_from


def _text_px(texts: list[str], size: float = 14) -> int:
    """About how many pixels the longest text needs in a table cell (a CJK character is a full em)."""
    def width(text: str) -> float:
        return sum(1.0 if ord(ch) > 0x2E7F else 0.58 for ch in text)

    return int(max((width(x) for x in texts), default=10) * size) + 24


def _problem_layout(problems: list, lang: str) -> dict:
    """Cells don't wrap in st.dataframe: the message column is as wide as its longest message (within
    reason), so the analyst reads every word of how to fix it; the code comes last."""
    messages = [p.detail(lang) for p in problems]
    return {"column_config": {
        t("dp_col_row", lang): st.column_config.NumberColumn(width=56, format="%d"),
        t("dp_col_column", lang): st.column_config.TextColumn(width=90),
        t("dp_col_cell", lang): st.column_config.TextColumn(width=130),
        t("dp_col_problem", lang): st.column_config.TextColumn(width=max(320, min(1600, _text_px(messages)))),
        t("dp_col_code", lang): st.column_config.TextColumn(width=150),
    }}


def _report(preview: updates.Preview, lang: str) -> None:
    result = preview.result
    st.subheader(t("dp_report_title", lang))
    for problems, alert, title, key in ((result.errors, st.error, "dp_errors", "data_errors"),
                                        (result.warnings, st.warning, "dp_warnings", "data_warnings")):
        if not problems:
            continue
        alert(t(title, lang, n=len(problems)))
        listed = problems[:MAX_LISTED]
        _table(changeset.problems_table(listed, lang), key, **_problem_layout(listed, lang))
        if len(problems) > MAX_LISTED:  # a 200,000-row file with a wrong column: the whole list as a file
            st.caption(t("dp_first_listed", lang, n=MAX_LISTED))
            st.download_button(t("dp_dl_report", lang), lambda p=problems: table_bytes(
                changeset.problems_table(p, lang), "csv"), f"{key}.csv", MIME["csv"], key=f"{key}_csv",
                on_click="ignore", icon=":material/download:")
    if not result.errors and not result.warnings:
        st.success(t("dp_clean", lang))


def _show_preview(preview: updates.Preview, d: ui.Data, lang: str) -> None:
    diff = preview.diff
    catalog = d.catalog.with_sources(preview.result.new_sources)
    st.subheader(t("dp_preview_title", lang))
    st.caption(t("dp_preview_base", lang, rev=preview.head))
    cols = st.columns(4)
    cols[0].metric(t("dp_rows_read", lang), f"{preview.result.rows:,}", border=True)
    cols[1].metric(t("dp_added", lang), f"{len(diff.added):,}", border=True)
    cols[2].metric(t("dp_changed", lang), f"{len(diff.changed):,}", border=True)
    cols[3].metric(t("dp_unchanged", lang), f"{diff.unchanged:,}", border=True)
    if diff.empty:
        st.info(t("dp_no_change", lang))
        return
    tables = st.session_state.get(PREVIEW, {}).setdefault("tables", {})  # built once per preview and language
    if lang not in tables:
        tables[lang] = (changeset.changed_table(diff.changed.head(MAX_LISTED), catalog, lang),
                        changeset.added_table(diff.added.head(MAX_LISTED), catalog, lang),
                        changeset.changed_series(diff))
    changed, added, series = tables[lang]
    for part, shown, title, key, numbers in (
            (diff.changed, changed, "dp_changed_title", "data_changed", ("dp_col_old", "dp_col_new", "dp_col_diff")),
            (diff.added, added, "dp_added_title", "data_added", ("col_value",))):
        if len(part):
            st.markdown(f"**{t(title, lang, n=len(part))}**")
            _table(shown, key, column_config=_number_columns(lang, *numbers))
            if len(part) > len(shown):
                st.caption(t("dp_first_listed", lang, n=len(shown)))
    if diff.unchanged:
        st.caption(t("dp_unchanged_note", lang, n=diff.unchanged))
    st.markdown(f"**{t('dp_charts_title', lang)}**")
    cols = st.columns(3)
    for i, key in enumerate(series[:changeset.MAX_CHARTS]):
        before, after = changeset.before_after(d.frame, diff, key)
        fig = changeset.before_after_figure(before, after, catalog, key, lang)
        with cols[i % 3]:
            st.plotly_chart(fig, key=f"data_ba_{i}", theme=None, config={"displaylogo": False})
    if len(series) > changeset.MAX_CHARTS:
        st.caption(t("dp_charts_more", lang, n=len(series) - changeset.MAX_CHARTS))


def _on_commit(lang: str) -> None:
    """Commit the preview the analyst saw; refuse a stale one (nothing written, preview recomputed)."""
    entry = st.session_state.get(PREVIEW)
    if not entry:
        return
    preview = entry["preview"]
    if not editor_allowed():
        st.session_state[UPLOAD_NOTICE] = ("error", t("dp_not_allowed", lang))
        return
    author = (st.session_state.get("data_author") or "").strip()
    message = (st.session_state.get("data_message") or "").strip()
    if not author or not message:
        st.session_state[UPLOAD_NOTICE] = ("error", t("dp_need_author_message", lang))
        return
    if preview.result.warnings and not st.session_state.get("data_accept"):
        st.session_state[UPLOAD_NOTICE] = ("error", t("dp_need_accept", lang))
        return
    try:
        rev = updates.commit_preview(ui.store(), preview, author=author, message=message)
    except StaleHead as err:
        st.session_state.pop(PREVIEW, None)  # recomputed against the new head on this run
        st.session_state[UPLOAD_NOTICE] = ("error", err.message(lang))
        return
    except StoreError as err:
        st.session_state[UPLOAD_NOTICE] = ("error", err.message(lang))
        return
    except Exception:  # noqa: BLE001 - the store's transaction rolled back; say so, log the details
        log.exception("commit failed")
        st.session_state[UPLOAD_NOTICE] = ("error", t("dp_commit_failed", lang))
        return
    st.session_state.pop(PREVIEW, None)
    st.session_state[LAST_AUTHOR] = author
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1  # a fresh, empty uploader
    st.session_state["data_message"] = ""
    st.session_state["data_accept"] = False
    if rev is None:
        st.session_state[UPLOAD_NOTICE] = ("info", t("dp_nothing_committed", lang))
    else:
        st.session_state[UPLOAD_NOTICE] = ("success", t("dp_committed", lang, rev=rev.id, added=rev.added,
                                                           changed=rev.changed))
        st.session_state["data_rev"] = rev.id


def update(d: ui.Data, sel: ui.Selection) -> None:
    """Upload a file, read its validation report and preview, and commit it."""
    lang = sel.lang
    top = st.empty()  # what the last commit did; a refused commit is said beside the commit button instead
    notice = st.session_state.get(UPLOAD_NOTICE)
    if notice and notice[0] != "error":
        _notice(UPLOAD_NOTICE, top)
    if not editor_gate(lang):
        _notice(UPLOAD_NOTICE, top)
        return
    cap = settings.max_upload_bytes()
    st.caption(t("dp_limits", lang, mb=f"{cap / 1048576:g}", rows=settings.max_upload_rows()))
    if lang == "zh":  # Streamlit writes its uploader's button and file types in English only
        st.html(UPLOADER_ZH)
    else:
        st.html(UPLOADER_EN)
    uploaded = st.file_uploader(t("dp_upload_label", lang), type=UPLOAD_TYPES, help=t("dp_upload_help", lang),
                                key=f"data_upload_{st.session_state.get(GEN, 0)}",
                                max_upload_size=max(1, math.ceil(cap / 1048576)))
    if uploaded is None:
        st.session_state.pop(PREVIEW, None)
        _notice(UPLOAD_NOTICE, top)
        return
    preview, moved_from = _preview(uploaded.getvalue(), uploaded.name, lang)
    if moved_from is not None:
        st.warning(t("dp_preview_recomputed", lang, old=moved_from, new=preview.head))
    st.markdown(ui.md_escape(t("dp_file", lang, name=preview.result.file_name or uploaded.name,
                                rows=preview.result.rows)))
    _report(preview, lang)
    if preview.ok:
        _show_preview(preview, d, lang)
    if not preview.ok or preview.diff.empty:
        _notice(UPLOAD_NOTICE, top)
        return
    st.subheader(t("dp_commit_title", lang))
    _notice(UPLOAD_NOTICE)
    _remembered_author("data_author")
    with st.form("data_commit_form"):
        cols = st.columns([1, 2])
        cols[0].text_input(t("dp_author", lang), key="data_author", max_chars=100)
        cols[1].text_input(t("dp_message", lang), key="data_message", max_chars=500,
                           placeholder=t("dp_message_placeholder", lang))
        if preview.result.warnings:
            st.checkbox(t("dp_accept_warnings", lang), key="data_accept")
        st.form_submit_button(t("dp_commit", lang), type="primary", key="data_commit", on_click=_on_commit,
                              args=(lang,), icon=":material/save:")


# -- history and restore ------------------------------------------------------------------------------
def _on_restore(rev_id: int, head_seen: int, lang: str) -> None:
    st.session_state[f"data_restore_ok_{rev_id}"] = False
    if not editor_allowed():
        st.session_state[RESTORE_NOTICE] = ("error", t("dp_not_allowed", lang))
        return
    author = (st.session_state.get("data_restore_author") or "").strip()
    if not author:
        st.session_state[RESTORE_NOTICE] = ("error", t("dp_need_author", lang))
        return
    message = (st.session_state.get("data_restore_message") or "").strip() or t("dp_restore_default", lang,
                                                                                   rev=rev_id)
    st.session_state[LAST_AUTHOR] = author
    try:
        new = ui.store().restore(rev_id, author=author, message=message, expected_head=head_seen)
    except StoreError as err:  # StaleHead included: someone committed since this page was drawn
        st.session_state[RESTORE_NOTICE] = ("error", err.message(lang))
        return
    except Exception:  # noqa: BLE001
        log.exception("restore failed")
        st.session_state[RESTORE_NOTICE] = ("error", t("dp_commit_failed", lang))
        return
    st.session_state.pop(PREVIEW, None)
    if new is None:
        st.session_state[RESTORE_NOTICE] = ("info", t("dp_nothing_committed", lang))
    else:
        st.session_state[RESTORE_NOTICE] = ("success", t("dp_restored", lang, new=new.id, rev=rev_id))
        st.session_state["data_rev"] = new.id


def history(d: ui.Data, sel: ui.Selection) -> dict:
    """Every revision; for the chosen one: what it changed, its data, and restoring it."""
    lang, store = sel.lang, ui.store()
    st.caption(t("dp_history_help", lang))
    revisions = store.history()
    head = revisions[0].id if revisions else 0
    _table(changeset.history_table(revisions, lang), "data_history",
                 column_config={t("dp_col_rev", lang): st.column_config.NumberColumn(format="%d")})
    if not revisions:
        return {}
    ids = [r.id for r in revisions]
    by_id = {r.id: r for r in revisions}
    ui.param("data_rev", "rev", int, head)
    if st.session_state.get("data_rev") not in ids:
        st.session_state["data_rev"] = head
    rev_id = st.selectbox(t("dp_pick_rev", lang), ids, key="data_rev",
                          format_func=lambda r: changeset.revision_label(by_id[r], head, lang))
    changes = _revision_changes_table(store.db, rev_id, lang)
    st.markdown(f"**{t('dp_rev_changes', lang, rev=rev_id, n=len(changes))}**")
    catalog = d.catalog
    _table(changes.head(MAX_LISTED), "data_rev_changes",
           column_config=_number_columns(lang, "dp_col_old", "dp_col_new", "dp_col_diff"))
    if len(changes) > MAX_LISTED:
        st.caption(t("dp_first_rows", lang, n=MAX_LISTED))
        st.download_button(t("dp_dl_changes", lang), lambda: table_bytes(changes, "csv"),
                           f"indicators_rev{rev_id}_changes.csv", MIME["csv"], key="data_rev_changes_csv",
                           on_click="ignore", icon=":material/download:")
    st.caption(t("dp_rev_download", lang, rev=rev_id))
    _download_buttons(_frame_at(store, d, rev_id), catalog, f"indicators_rev{rev_id}", "data_rev_dl", lang)
    _notice(RESTORE_NOTICE)
    if rev_id == head:
        st.caption(t("dp_restore_current", lang))
    elif not editor_allowed():
        st.caption(t("dp_locked_history", lang))
    else:
        with st.container(border=True):
            st.markdown(f"**{t('dp_restore_title', lang, rev=rev_id)}**")
            st.caption(t("dp_restore_explain", lang, rev=rev_id, next=head + 1))
            cols = st.columns([1, 2])
            _remembered_author("data_restore_author")
            cols[0].text_input(t("dp_author", lang), key="data_restore_author", max_chars=100)
            cols[1].text_input(t("dp_restore_message", lang), key="data_restore_message", max_chars=500,
                               placeholder=t("dp_restore_default", lang, rev=rev_id))
            confirmed = st.checkbox(t("dp_restore_confirm", lang, rev=rev_id), key=f"data_restore_ok_{rev_id}")
            st.button(t("dp_restore_button", lang), type="primary", key="data_restore", disabled=not confirmed,
                      on_click=_on_restore, args=(rev_id, head, lang), icon=":material/history:")
    return {"rev": rev_id if rev_id != head else None}
