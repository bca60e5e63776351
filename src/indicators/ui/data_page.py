"""The Data page's browse, download and history sections: the current data as a table, downloads of it (now
or as of any revision) and of a template to fill in, and every revision with what it changed, the changes
since it in sentences (`changes`, as a pack opens with them) and a restore. Uploads are in `upload`; what the sections share (the editor gate, notices) in `data_parts`.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from indicators import changes, changeset, tables, ui
from indicators.catalog import STATUSES
from indicators.export import export_bytes, table_bytes
from indicators.i18n import t
from indicators.store import StoreError
from indicators.ui.data_parts import (
    LAST_AUTHOR,
    MAX_LISTED,
    MIME,
    author_field,
    author_of,
    editor_allowed,
    number_columns,
    show_notice,
    show_table,
)
from indicators.ui.upload import PREVIEW

log = logging.getLogger("indicators")
RESTORE_NOTICE = "data_restore_notice"


# -- browse -------------------------------------------------------------------------------------------
def browse(d: ui.Data, lang: str) -> dict:
    """The current data as a table, filtered by indicator, region and status. Returns the URL parameters."""
    catalog, frame = d.catalog, d.frame
    present = {c: set(frame[c].unique().tolist()) for c in ("indicator_id", "region_id", "status")}
    ind_ids = sorted(
        present["indicator_id"],
        key=lambda i: catalog.indicators[i].name(lang) if i in catalog.indicators else i,
    )
    reg_ids = [r.id for r in catalog.ordered_regions() if r.id in present["region_id"]]
    statuses = [s for s in STATUSES if s in present["status"]]
    for key, name, options in (
        ("data_f_ind", "ind", ind_ids),
        ("data_f_reg", "reg", reg_ids),
        ("data_f_status", "status", statuses),
    ):
        ui.param(key, name, lambda v, o=options: [x for x in v.split(",") if x in o], [])
        st.session_state[key] = [x for x in st.session_state[key] if x in options]
    cols = st.columns([3, 2, 2])
    inds = cols[0].multiselect(
        t("dp_filter_indicator", lang),
        ind_ids,
        key="data_f_ind",
        format_func=lambda i: catalog.indicators[i].name(lang),
        placeholder=t("dp_all", lang),
    )
    regs = cols[1].multiselect(
        t("dp_filter_region", lang),
        reg_ids,
        key="data_f_reg",
        format_func=lambda r: catalog.regions[r].name(lang),
        placeholder=t("dp_all", lang),
    )
    stats = cols[2].multiselect(
        t("dp_filter_status", lang),
        statuses,
        key="data_f_status",
        format_func=lambda s: t(f"status_{s}", lang),
        placeholder=t("dp_all", lang),
    )
    shown = frame
    for column, chosen in (("indicator_id", inds), ("region_id", regs), ("status", stats)):
        if chosen:
            shown = shown[shown[column].isin(chosen).to_numpy()]
    st.caption(t("dp_rows_shown", lang, n=len(shown), total=len(frame)))
    table = _browse_table(ui.store().db, d.revision, lang, d)
    if len(shown) < len(frame):
        table = table[table.index.isin(shown.index)]
    show_table(table, "data_browse", height=560, column_config=number_columns(lang, "col_value"))
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


@st.cache_resource(show_spinner=False, max_entries=16)
def _changes_since(db: str, since: int, head: int, lang: str, _d: ui.Data) -> changes.Changes:
    """The changes since a revision in sentences (as a pack opens with them), the first `PAGE_LISTED` listed
    and the rest counted (the revision's table and download hold them all); once per pair."""
    store = ui.get_store(db)
    return changes.changes_since(
        store.as_of(since), _d.frame, _d.catalog, since, head, lang, limit=changes.PAGE_LISTED
    )


# -- downloads and the template -----------------------------------------------------------------------
def _download_buttons(frame_of, catalog, name: str, key: str, lang: str) -> None:
    """CSV, XLSX and Parquet of the data `frame_of()` returns, built only when clicked."""
    row = st.container(horizontal=True)
    for fmt in ("csv", "xlsx", "parquet"):
        row.download_button(
            t(f"dp_dl_{fmt}", lang),
            lambda fmt=fmt: export_bytes(frame_of(), catalog, fmt),
            f"{name}.{fmt}",
            MIME[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )


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
    rev = st.selectbox(
        t("dp_revision", lang), ids, key="data_dl_rev", format_func=lambda r: labels.get(r, str(r))
    )
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
    inds = cols[0].multiselect(
        t("dp_template_indicators", lang),
        list(catalog.indicators),
        default=headline,
        key="data_tpl_ind",
        placeholder=t("choose", lang),
        format_func=lambda i: catalog.indicators[i].name(lang),
    )
    regs = cols[1].multiselect(
        t("dp_template_regions", lang),
        [r.id for r in catalog.ordered_regions()],
        default=list(sel.regions) or list(ui.DEFAULT_REGIONS),
        key="data_tpl_reg",
        placeholder=t("choose", lang),
        format_func=lambda r: catalog.regions[r].name(lang),
    )
    years = st.slider(
        t("dp_template_years", lang),
        low,
        max(high, last + 1),
        (max(low, last - 4), last + 1),
        key="data_tpl_years",
    )
    if not inds or not regs:
        st.info(t("dp_template_empty", lang))
        return
    year_list = list(range(int(years[0]), int(years[1]) + 1))

    def template() -> pd.DataFrame:
        return changeset.template_with_source(d.frame, catalog, inds, regs, year_list, lang)

    row = st.container(horizontal=True)
    row.download_button(
        t("dp_template_xlsx", lang),
        lambda: table_bytes(template(), "xlsx", "template"),
        "indicators_template.xlsx",
        MIME["xlsx"],
        key="data_tpl_xlsx",
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        t("dp_template_csv", lang),
        lambda: table_bytes(template(), "csv"),
        "indicators_template.csv",
        MIME["csv"],
        key="data_tpl_csv",
        on_click="ignore",
        icon=":material/download:",
    )


# -- history and restore ------------------------------------------------------------------------------
def _on_restore(rev_id: int, head_seen: int, lang: str) -> None:
    st.session_state[f"data_restore_ok_{rev_id}"] = False
    if not editor_allowed():
        st.session_state[RESTORE_NOTICE] = ("error", t("dp_not_allowed", lang))
        return
    author = author_of("data_restore_author")
    if not author:
        st.session_state[RESTORE_NOTICE] = ("error", t("dp_need_author", lang))
        return
    message = (st.session_state.get("data_restore_message") or "").strip() or t(
        "dp_restore_default", lang, rev=rev_id
    )
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
    show_table(
        changeset.history_table(revisions, lang),
        "data_history",
        column_config={t("dp_col_rev", lang): st.column_config.NumberColumn(format="%d")},
    )
    if not revisions:
        return {}
    ids = [r.id for r in revisions]
    by_id = {r.id: r for r in revisions}
    ui.param("data_rev", "rev", int, head)
    if st.session_state.get("data_rev") not in ids:
        st.session_state["data_rev"] = head
    rev_id = st.selectbox(
        t("dp_pick_rev", lang),
        ids,
        key="data_rev",
        format_func=lambda r: changeset.revision_label(by_id[r], head, lang),
    )
    changes = _revision_changes_table(store.db, rev_id, lang)
    st.markdown(f"**{t('dp_rev_changes', lang, rev=rev_id, n=len(changes))}**")
    catalog = d.catalog
    show_table(
        changes.head(MAX_LISTED),
        "data_rev_changes",
        column_config=number_columns(lang, "dp_col_old", "dp_col_new", "dp_col_diff"),
    )
    if len(changes) > MAX_LISTED:
        st.caption(t("dp_first_rows", lang, n=MAX_LISTED))
        st.download_button(
            t("dp_dl_changes", lang),
            lambda: table_bytes(changes, "csv"),
            f"indicators_rev{rev_id}_changes.csv",
            MIME["csv"],
            key="data_rev_changes_csv",
            on_click="ignore",
            icon=":material/download:",
        )
    if rev_id != head:  # what a pack's first section would say since the chosen revision
        since = _changes_since(store.db, rev_id, d.revision, lang, d)
        with st.expander(t("since_heading", lang, rev=rev_id), icon=":material/difference:"):
            st.caption(t("since_pick_help", lang))
            st.markdown(
                "\n".join([ui.md_escape(since.summary), "", *(f"1. {ui.md_escape(x)}" for x in since.lines)])
            )
            if since.more:
                st.caption(since.more)
    st.caption(t("dp_rev_download", lang, rev=rev_id))
    _download_buttons(_frame_at(store, d, rev_id), catalog, f"indicators_rev{rev_id}", "data_rev_dl", lang)
    show_notice(RESTORE_NOTICE)
    if rev_id == head:
        st.caption(t("dp_restore_current", lang))
    elif not editor_allowed():
        st.caption(t("dp_locked_history", lang))
    else:
        with st.container(border=True):
            st.markdown(f"**{t('dp_restore_title', lang, rev=rev_id)}**")
            st.caption(t("dp_restore_explain", lang, rev=rev_id, next=head + 1))
            cols = st.columns([1, 2])
            author_field(cols[0], "data_restore_author", lang)
            cols[1].text_input(
                t("dp_restore_message", lang),
                key="data_restore_message",
                max_chars=500,
                placeholder=t("dp_restore_default", lang, rev=rev_id),
            )
            confirmed = st.checkbox(
                t("dp_restore_confirm", lang, rev=rev_id), key=f"data_restore_ok_{rev_id}"
            )
            st.button(
                t("dp_restore_button", lang),
                type="primary",
                key="data_restore",
                disabled=not confirmed,
                on_click=_on_restore,
                args=(rev_id, head, lang),
                icon=":material/history:",
            )
    return {"rev": rev_id if rev_id != head else None}
