"""The Data page's update section: upload a file, read its validation report and preview, and commit it.

Writes happen in button callbacks, which Streamlit runs before the script: a commit therefore uses the
preview the analyst saw in the previous run, and every page drawn after it (sidebar included) already
reads the new head revision. The logic is in `updates` (one path for every update) and `changeset` (the
tables and before/after charts).
"""

from __future__ import annotations

import hashlib
import logging
import math

import streamlit as st

from indicators import changeset, charts, settings, ui, updates
from indicators.export import table_bytes
from indicators.i18n import STRINGS, t
from indicators.store import StaleHead, StoreError
from indicators.ui.data_parts import (
    LAST_AUTHOR,
    MAX_LISTED,
    MIME,
    author_field,
    author_of,
    editor_allowed,
    editor_gate,
    number_columns,
    show_notice,
    show_table,
)

log = logging.getLogger("indicators")

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "parquet"]
PREVIEW, GEN, UPLOAD_NOTICE = "data_preview", "data_upload_gen", "data_upload_notice"


# CSS that writes our own words over Streamlit's uploader button and file types, which Streamlit writes in
# English only: fixed strings from i18n, never text from a user (the size limit is said in the caption above).
_DROPZONE = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
_KINDS = '[data-testid="stFileUploaderDropzoneInstructions"] span'
UPLOADER_ZH = f"""<style>{_DROPZONE} {{ font-size: 0; }} {_KINDS} {{ font-size: 0; }}
{_DROPZONE}::after {{ content: "{STRINGS["dp_upload_button"][0]}"; font-size: 1rem; }}
{_KINDS}::after {{ content: "{STRINGS["dp_upload_kinds"][0]}"; font-size: 0.875rem; }}</style>"""
UPLOADER_EN = f"""<style>{_DROPZONE} {{ font-size: 0; }} {_KINDS} {{ font-size: 0; }}
{_DROPZONE}::after {{ content: "{STRINGS["dp_upload_button"][1]}"; font-size: 1rem; }}
{_KINDS}::after {{ content: "{STRINGS["dp_upload_kinds"][1]}"; font-size: 0.875rem; }}</style>"""


# -- preview, report, commit ------------------------------------------------------------------
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
    return {
        "column_config": {
            t("dp_col_row", lang): st.column_config.NumberColumn(width=56, format="%d"),
            t("dp_col_column", lang): st.column_config.TextColumn(width=90),
            t("dp_col_cell", lang): st.column_config.TextColumn(width=130),
            t("dp_col_problem", lang): st.column_config.TextColumn(
                width=max(320, min(1600, _text_px(messages)))
            ),
            t("dp_col_code", lang): st.column_config.TextColumn(width=150),
        }
    }


def _report(preview: updates.Preview, lang: str) -> None:
    result = preview.result
    st.subheader(t("dp_report_title", lang))
    for problems, alert, title, key in (
        (result.errors, st.error, "dp_errors", "data_errors"),
        (result.warnings, st.warning, "dp_warnings", "data_warnings"),
    ):
        if not problems:
            continue
        alert(t(title, lang, n=len(problems)))
        listed = problems[:MAX_LISTED]
        show_table(changeset.problems_table(listed, lang), key, **_problem_layout(listed, lang))
        if len(problems) > MAX_LISTED:  # a 200,000-row file with a wrong column: the whole list as a file
            st.caption(t("dp_first_listed", lang, n=MAX_LISTED))
            st.download_button(
                t("dp_dl_report", lang),
                lambda p=problems: table_bytes(changeset.problems_table(p, lang), "csv"),
                f"{key}.csv",
                MIME["csv"],
                key=f"{key}_csv",
                on_click="ignore",
                icon=":material/download:",
            )
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
        tables[lang] = (
            changeset.changed_table(diff.changed.head(MAX_LISTED), catalog, lang),
            changeset.added_table(diff.added.head(MAX_LISTED), catalog, lang),
            changeset.changed_series(diff),
        )
    changed, added, series = tables[lang]
    for part, shown, title, key, numbers in (
        (
            diff.changed,
            changed,
            "dp_changed_title",
            "data_changed",
            ("dp_col_old", "dp_col_new", "dp_col_diff"),
        ),
        (diff.added, added, "dp_added_title", "data_added", ("col_value",)),
    ):
        if len(part):
            st.markdown(f"**{t(title, lang, n=len(part))}**")
            show_table(shown, key, column_config=number_columns(lang, *numbers))
            if len(part) > len(shown):
                st.caption(t("dp_first_listed", lang, n=len(shown)))
    if diff.unchanged:
        st.caption(t("dp_unchanged_note", lang, n=diff.unchanged))
    st.markdown(f"**{t('dp_charts_title', lang)}**")
    cols = st.columns(3)
    for i, key in enumerate(series[: changeset.MAX_CHARTS]):
        before, after = changeset.before_after(d.frame, diff, key)
        fig = changeset.before_after_figure(before, after, catalog, key, lang)
        with cols[i % 3]:
            ui.show_chart(
                fig, key=f"data_ba_{i}", config=charts.download_config(f"before_after_{i + 1}"), lang=lang
            )
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
    author = author_of("data_author")
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
        st.session_state[UPLOAD_NOTICE] = (
            "success",
            t("dp_committed", lang, rev=rev.id, added=rev.added, changed=rev.changed),
        )
        st.session_state["data_rev"] = rev.id


def update(d: ui.Data, sel: ui.Selection) -> None:
    """Upload a file, read its validation report and preview, and commit it."""
    lang = sel.lang
    top = st.empty()  # what the last commit did; a refused commit is said beside the commit button instead
    notice = st.session_state.get(UPLOAD_NOTICE)
    if notice and notice[0] != "error":
        show_notice(UPLOAD_NOTICE, top)
    if not editor_gate(lang):
        show_notice(UPLOAD_NOTICE, top)
        return
    cap = settings.max_upload_bytes()
    st.caption(t("dp_limits", lang, mb=f"{cap / 1048576:g}", rows=settings.max_upload_rows()))
    if lang == "zh":  # Streamlit writes its uploader's button and file types in English only
        st.html(UPLOADER_ZH)
    else:
        st.html(UPLOADER_EN)
    uploaded = st.file_uploader(
        t("dp_upload_label", lang),
        type=UPLOAD_TYPES,
        help=t("dp_upload_help", lang),
        key=f"data_upload_{st.session_state.get(GEN, 0)}",
        max_upload_size=max(1, math.ceil(cap / 1048576)),
    )
    if uploaded is None:
        st.session_state.pop(PREVIEW, None)
        show_notice(UPLOAD_NOTICE, top)
        return
    preview, moved_from = _preview(uploaded.getvalue(), uploaded.name, lang)
    if moved_from is not None:
        st.warning(t("dp_preview_recomputed", lang, old=moved_from, new=preview.head))
    st.markdown(
        ui.md_escape(
            t("dp_file", lang, name=preview.result.file_name or uploaded.name, rows=preview.result.rows)
        )
    )
    _report(preview, lang)
    if preview.ok:
        _show_preview(preview, d, lang)
    if not preview.ok or preview.diff.empty:
        show_notice(UPLOAD_NOTICE, top)
        return
    st.subheader(t("dp_commit_title", lang))
    show_notice(UPLOAD_NOTICE)
    with st.form("data_commit_form"):
        cols = st.columns([1, 2])
        author_field(cols[0], "data_author", lang)
        cols[1].text_input(
            t("dp_message", lang),
            key="data_message",
            max_chars=500,
            placeholder=t("dp_message_placeholder", lang),
        )
        if preview.result.warnings:
            st.checkbox(t("dp_accept_warnings", lang), key="data_accept")
        st.form_submit_button(
            t("dp_commit", lang),
            type="primary",
            key="data_commit",
            on_click=_on_commit,
            args=(lang,),
            icon=":material/save:",
        )
