"""Guards in the Streamlit server itself, below the pages: what a client can do without running a page.

A client can send files to Streamlit's upload endpoint (`/_stcore/upload_file/<session>/<file>`) for its own
session without any uploader on its page, and can send malformed messages over its WebSocket. So, installed
once per server process from the first page run (`install`):

- **uploads** are refused unless the session may edit (editing open, or unlocked by the password or the
  sign-on, see `data_parts`); a session holds at most two uploads' worth of files (a replaced file and its
  replacement); all sessions together hold at most INDICATORS_UPLOAD_MEMORY_MB; a session's files are
  freed when its connection closes, not when its reconnect grace period ends. Each refusal is one log line
  and an HTTP error, never a traceback;
- **malformed client messages** are logged in one line: Streamlit logs them with a traceback, which lets
  any client write pages of server log.

Streamlit offers no setting for these, so the guard wraps two methods of the running server's objects (the
uploaded-file manager's `add_file`, the session manager's `disconnect_session`); `tests/test_server_guards.py`
drives the real server with raw WebSocket and upload requests, and fails if a Streamlit upgrade moves them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from indicators import settings

log = logging.getLogger("indicators")
UNLOCKED = "data_editor_unlocked"  # the session-state flag the editor gate sets (`data_parts`)
SESSIONS_KEPT = 2  # uploads a session may hold at once: a file and the one replacing it
CLIENT_MESSAGE_LOGGERS = (
    "streamlit.web.server.starlette.starlette_websocket",
    "streamlit.runtime.app_session",
)

_installed = False
_install_lock = threading.Lock()


class OneLine(logging.Filter):
    """A record caused by what a client sent: its exception as one line after the message, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            err = record.exc_info[1]
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
            record.msg, record.args = f"{record.getMessage()} ({detail})", ()
            record.exc_info, record.exc_text = None, None
        return True


def _refuse(status: int, reason: str, session_id: str) -> None:
    from starlette.exceptions import HTTPException

    log.warning("upload refused for session %s: %s", session_id[:8], reason)
    raise HTTPException(status_code=status, detail=reason)


def admit(
    storage: dict, session_id: str, file_id: str, size: int, *, may_edit: bool, per_session: int, total: int
) -> tuple[int, str] | None:
    """Why a file of `size` bytes may not join `storage` ({session: {file id: record with .data}}): (HTTP
    status, reason), or None when it may."""
    if not may_edit:
        return 403, "the session may not edit: unlock it first"
    own = storage.get(session_id, {})
    replaced = len(own[file_id].data) if file_id in own else 0  # the same file sent again replaces itself
    held = sum(len(f.data) for f in own.values()) - replaced
    if held + size > per_session:
        return 429, f"the session already holds {held} bytes of uploads"
    everyone = sum(len(f.data) for files in storage.values() for f in files.values()) - replaced
    if everyone + size > total:
        return 503, "the server holds as many uploads as it may: try again in a moment"
    return None


def _may_edit(runtime, session_id: str, editing_open: Callable[[], bool]) -> bool:
    if editing_open():
        return True
    info = runtime._session_mgr.get_active_session_info(session_id)
    if info is None:
        return False
    state = info.session.session_state
    return UNLOCKED in state and bool(state[UNLOCKED])


def install(editing_open: Callable[[], bool]) -> None:
    """Install the guards in the running server, once. `editing_open()`: whether anyone may edit (no
    password, no sign-on). Without a server (AppTest, bare mode) there is nothing to guard."""
    global _installed
    from streamlit import runtime as st_runtime

    if (
        _installed
        or not st_runtime.exists()
        or not issubclass(type(st_runtime.get_instance()), st_runtime.Runtime)
    ):
        return  # no server, or AppTest's stand-in
    with _install_lock:
        if _installed:
            return
        for name in CLIENT_MESSAGE_LOGGERS:
            logging.getLogger(name).addFilter(OneLine())
        rt = st_runtime.get_instance()
        files, sessions = rt.uploaded_file_mgr, rt._session_mgr
        add_file, disconnect = files.add_file, sessions.disconnect_session
        lock = threading.Lock()

        def guarded_add_file(session_id: str, file) -> None:
            cap = settings.max_upload_bytes()
            with lock:
                for gone in [s for s in list(files.file_storage) if not rt.is_active_session(s)]:
                    files.remove_session_files(gone)
                refusal = admit(
                    files.file_storage,
                    session_id,
                    file.file_id,
                    len(file.data),
                    may_edit=_may_edit(rt, session_id, editing_open),
                    per_session=SESSIONS_KEPT * cap,
                    total=settings.upload_memory_bytes(),
                )
                if refusal:
                    _refuse(*refusal, session_id)
                add_file(session_id, file)

        def freeing_disconnect(session_id: str) -> None:
            disconnect(session_id)
            files.remove_session_files(session_id)

        files.add_file = guarded_add_file
        sessions.disconnect_session = freeing_disconnect
        _installed = True
        log.info(
            "server guards installed: uploads need an editing session; at most %d bytes held",
            settings.upload_memory_bytes(),
        )
