"""A client that speaks Streamlit's own protocol without a browser, as an attacker's script would: the XSRF
cookie from the health endpoint, one WebSocket per session carrying protobuf messages (page runs with forged
widget states, raw bytes), and file uploads PUT straight to the upload endpoint.

    with RawSession(base) as s:
        page = s.run("data")                                  # what the page drew: widget ids, alerts
        page = s.run("data", {page.widgets["data_password"]: "guess", page.widgets["data_unlock"]: True})
        s.upload(b"...")                                      # the HTTP status of a raw upload
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid

import requests
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

TIMEOUT = 60.0


@dataclasses.dataclass
class Page:
    widgets: dict[str, str]  # user key -> widget id
    alerts: list[str]  # the bodies of st.info/success/warning/error


def _user_key(widget_id: str) -> str:
    """`$$ID-<hash>-<user key>` -> the key the app gave the widget."""
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id


class RawSession:
    def __init__(self, base: str, source: str | None = None):
        """`source`: the local address to connect from (any of 127.0.0.0/8 on Linux), as another client."""
        self.base, self.http = base, requests.Session()
        self.http.get(f"{base}/_stcore/health", timeout=TIMEOUT).raise_for_status()
        self.xsrf = self.http.cookies.get("_streamlit_xsrf")
        self._open = contextlib.ExitStack()
        self.ws = self._open.enter_context(
            connect(
                base.replace("http", "ws", 1) + "/_stcore/stream",
                subprotocols=["streamlit", self.xsrf],
                additional_headers={"Cookie": f"_streamlit_xsrf={self.xsrf}", "Origin": base},
                max_size=None,
                open_timeout=TIMEOUT,
                **({"source_address": (source, 0)} if source else {}),
            )
        )
        self.session_id = ""

    def __enter__(self) -> RawSession:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._open.close()

    def run(self, page: str, states: dict[str, object] | None = None) -> Page:
        """Run a page (its url path) with these widget values (id -> str, or True for a button); returns what
        the run drew, once the server says the script finished."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        for widget_id, value in (states or {}).items():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            if value is True:
                state.trigger_value = True
            else:
                state.string_value = str(value)
        self.ws.send(msg.SerializeToString())
        drawn = Page({}, [])
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=TIMEOUT))
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                name = element.WhichOneof("type")
                if name == "alert":
                    drawn.alerts.append(element.alert.body)
                elif hasattr(getattr(element, name), "id") and getattr(element, name).id:
                    drawn.widgets[_user_key(getattr(element, name).id)] = getattr(element, name).id
            elif kind == "script_finished":
                return drawn

    def send_bytes(self, data: bytes) -> None:
        self.ws.send(data)

    def upload(self, data: bytes, name: str = "x.csv") -> int:
        """PUT a file to this session's upload endpoint, as the uploader widget would; the HTTP status."""
        response = self.http.put(
            f"{self.base}/_stcore/upload_file/{self.session_id}/{uuid.uuid4()}",
            files={"file": (name, data, "text/csv")},
            headers={"X-Xsrftoken": self.xsrf},
            timeout=TIMEOUT,
        )
        return response.status_code
