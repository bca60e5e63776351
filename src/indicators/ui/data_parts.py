"""What the Data page's sections share: who may edit (sign-on, the editor password, or open), the notices a
write leaves for the next run, the name a session last committed under, and read-only tables.

Session-state keys hold only booleans, notices and previews, never the password. Wrong passwords are counted
for the whole server (`editing.GUARD`), per client address, and logged with the address, never the guess.
"""

from __future__ import annotations

import logging
import math
import time

import pandas as pd
import streamlit as st

from indicators import editing, settings
from indicators.i18n import t

log = logging.getLogger("indicators")

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
UNLOCKED, PASSWORD = "data_editor_unlocked", "data_password"
LAST_AUTHOR = "data_last_author"
MAX_LISTED = 5_000  # rows of a revision's changes listed on the page; all of them in the download


# -- editor access ------------------------------------------------------------------------------------
def _secret(name: str) -> object:
    return st.secrets.get(name)  # raises when there is no secrets file: settings.editor_password copes


def editor_password() -> str | None:
    return settings.editor_password(_secret)


def sign_on() -> bool:
    """Whether editors sign on with the organisation's identity provider (Streamlit's OpenID Connect login,
    configured by an `[auth]` section in Streamlit secrets) instead of sharing a password."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file: no sign-on
        return False


def signed_in_author() -> str | None:
    """The signed-in editor's name (else e-mail) when editors sign on; None otherwise. It is the author of
    what they commit or restore: the name field is not theirs to type."""
    if not sign_on() or not st.user.is_logged_in:
        return None
    return str(st.user.get("name") or st.user.get("email") or "").strip() or None


def _signed_in_editor() -> bool:
    if not st.user.is_logged_in:
        return False
    allowed = settings.editors()
    return not allowed or str(st.user.get("email") or "").lower() in allowed


def editing_open() -> bool:
    """Whether anyone may edit: no sign-on and no editor password (the Data page says so)."""
    return not sign_on() and editor_password() is None


def editor_allowed() -> bool:
    if sign_on():
        return _signed_in_editor()
    return editor_password() is None or bool(st.session_state.get(UNLOCKED))


def client_address() -> str:
    """The client's address: the connection's, or the proxy's `X-Real-IP` when the connection comes from a
    trusted proxy (INDICATORS_TRUSTED_PROXIES). Where Streamlit gives no address (a local connection, a
    simulated session), loopback."""
    peer = st.context.ip_address
    peer = peer.removeprefix("::ffff:") if isinstance(peer, str) and peer else "127.0.0.1"
    if settings.trusted_proxy(peer):
        forwarded = st.context.headers.get("X-Real-IP")
        if isinstance(forwarded, str) and forwarded.strip():
            return forwarded.strip()[:64]
    return peer


def _on_unlock(lang: str) -> None:
    given = st.session_state.get(PASSWORD) or ""
    st.session_state[PASSWORD] = ""  # the password never stays in session state
    expected = editor_password()
    if expected is None:
        return
    address = client_address()
    outcome = editing.GUARD.attempt(address, given, expected, time.monotonic())
    if outcome.result == "ok":
        log.info("editor unlocked from %s", address)
        st.session_state[UNLOCKED] = True
        st.session_state.pop("data_unlock_error", None)
        return
    if outcome.result == "wrong":
        log.warning("editor password refused from %s (%d wrong in a row)", address, outcome.failures)
        st.session_state["data_unlock_error"] = t("dp_wrong_password", lang)
    else:
        log.warning("editor password attempts from %s paused for %d s", address, math.ceil(outcome.wait))
        st.session_state["data_unlock_error"] = t("dp_too_many", lang, seconds=math.ceil(outcome.wait))


def _on_lock() -> None:
    st.session_state[UNLOCKED] = False


def _sign_on_gate(lang: str) -> bool:
    if not st.user.is_logged_in:
        st.info(t("dp_sign_on", lang), icon=":material/login:")
        st.button(t("dp_sign_in", lang), key="data_sign_in", on_click=st.login, icon=":material/login:")
        return False
    name = signed_in_author() or ""
    left, right = st.columns([4, 1], vertical_alignment="center")
    right.button(t("dp_sign_out", lang), key="data_sign_out", on_click=st.logout)
    if not _signed_in_editor():
        left.error(t("dp_not_an_editor", lang, name=name), icon=":material/block:")
        return False
    st.session_state[UNLOCKED] = True  # what the upload guard reads (`ui.guard`)
    left.success(t("dp_signed_in", lang, name=name), icon=":material/verified_user:")
    return True


def editor_gate(lang: str) -> bool:
    """Say who may edit; ask for the sign-on or the password where this session may not yet."""
    if sign_on():
        return _sign_on_gate(lang)
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
    wait = editing.GUARD.wait(client_address(), time.monotonic())
    if wait > 0:
        error = t("dp_too_many", lang, seconds=math.ceil(wait))
    if error:
        st.error(error)
    with st.form("data_unlock_form", border=False):
        cols = st.columns([3, 1, 3], vertical_alignment="bottom")
        cols[0].text_input(
            t("dp_password", lang), type="password", key=PASSWORD, autocomplete="current-password"
        )
        cols[1].form_submit_button(t("dp_unlock", lang), key="data_unlock", on_click=_on_unlock, args=(lang,))
    return False


def show_table(frame: pd.DataFrame, key: str, **kwargs) -> None:
    """A read-only table in a keyed container (so tests and the browser can find it); user text in a
    table is shown as text, never as markup."""
    kwargs.setdefault(
        "placeholder", "–"
    )  # a 200,000-row table is sent lazily (Streamlit's default), as scrolled
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, **kwargs)


def show_notice(key: str, where=st) -> None:
    """Show (once) what the last commit or restore did."""
    kind_text = st.session_state.pop(key, None)
    if kind_text:
        kind, text = kind_text
        getattr(where, kind)(text)


def author_field(column, key: str, lang: str) -> None:
    """The name a commit or restore is recorded under: the signed-in editor's, shown and fixed; else typed,
    pre-filled with the name this session last committed under (widget state is dropped while a widget is
    not on the page, so the name is kept under a key of its own)."""
    name = signed_in_author()
    if name:
        column.text_input(t("dp_author", lang), value=name, disabled=True, key=f"{key}_signed_in")
        return
    if not st.session_state.get(key) and st.session_state.get(LAST_AUTHOR):
        st.session_state[key] = st.session_state[LAST_AUTHOR]
    column.text_input(t("dp_author", lang), key=key, max_chars=100)


def author_of(key: str) -> str:
    """Who commits or restores: the signed-in editor, else the name typed in the field `key`."""
    return signed_in_author() or (st.session_state.get(key) or "").strip()


def number_columns(lang: str, *keys: str) -> dict:
    config = {t(k, lang): st.column_config.NumberColumn(format="localized") for k in keys}
    config[t("col_year", lang)] = st.column_config.NumberColumn(format="%d")
    return config
