"""What the Data page's sections share: who may edit (the editor password gate), the notices a write leaves
for the next run, the name a session last committed under, and read-only tables.

Session-state keys hold only booleans, counters, notices and previews, never the password.
"""

from __future__ import annotations

import math
import time

import pandas as pd
import streamlit as st

from indicators import editing, settings
from indicators.i18n import t

MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "parquet": "application/vnd.apache.parquet"}
UNLOCKED, THROTTLE, PASSWORD = "data_editor_unlocked", "data_editor_throttle", "data_password"
LAST_AUTHOR = "data_last_author"
MAX_LISTED = 5_000  # rows of a revision's changes listed on the page; all of them in the download


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


def show_table(frame: pd.DataFrame, key: str, **kwargs) -> None:
    """A read-only table in a keyed container (so tests and the browser can find it); user text in a
    table is shown as text, never as markup."""
    kwargs.setdefault("placeholder", "–")  # a 200,000-row table is sent lazily (Streamlit's default), as scrolled
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, **kwargs)


def show_notice(key: str, where=st) -> None:
    """Show (once) what the last commit or restore did."""
    kind_text = st.session_state.pop(key, None)
    if kind_text:
        kind, text = kind_text
        getattr(where, kind)(text)


def remembered_author(key: str) -> None:
    """Pre-fill a name field with the name this session last committed under (widget state is dropped
    while a widget is not on the page, so the name is kept under a key of its own)."""
    if not st.session_state.get(key) and st.session_state.get(LAST_AUTHOR):
        st.session_state[key] = st.session_state[LAST_AUTHOR]


def number_columns(lang: str, *keys: str) -> dict:
    config = {t(k, lang): st.column_config.NumberColumn(format="localized") for k in keys}
    config[t("col_year", lang)] = st.column_config.NumberColumn(format="%d")
    return config
