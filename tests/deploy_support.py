"""nginx for tests: deploy/nginx.conf itself, in front of app servers on loopback ports.

`nginx_config()` wraps the deployment's http-context file in a test-only main configuration: the
upstream's `server appN:8501` lines become the given loopback ports, `listen 80` a free loopback port,
and every path nginx writes (pid, error and access logs, temp folders) lies inside the test's folder.
The access log records which upstream served each request and the route cookie, so a test can check
that a browser session stuck to one server. `running_nginx()` runs it in the foreground as a subprocess.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
NGINX_CONF = DEPLOY / "nginx.conf"
ACCESS_FORMAT = "$upstream_addr|$cookie_indicators_route|$status|$request_uri"


def nginx_binary() -> str:
    """Debian's nginx; skipped when absent on a developer's machine, a failure in CI (CI set). Installs nothing."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    if not found:
        reason = "nginx is not installed (Debian: apt-get install nginx)"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: the load-balancer tests must run)", pytrace=False)
        pytest.skip(reason)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(folder: Path, listen_port: int, upstreams: list[str]) -> Path:
    """The test's main configuration around deploy/nginx.conf; returns its path inside `folder`."""
    site = NGINX_CONF.read_text(encoding="utf-8")
    server_line = re.compile(r"^(\s*)server\s+app\d+:\d+(.*);\s*$", re.M)
    indent, options = server_line.search(site).groups()
    servers = "\n".join(f"{indent}server {u}{options};" for u in upstreams)
    site = server_line.sub("", site)
    site = re.sub(r"(upstream\s+indicators_app\s*\{)", lambda m: m.group(1) + "\n" + servers, site, count=1)
    site, listens = re.subn(r"^\s*listen\s+80\s*;", f"    listen 127.0.0.1:{listen_port};", site, flags=re.M)
    assert listens == 1, "deploy/nginx.conf should hold one `listen 80;`"
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(parents=True, exist_ok=True)
    user = (
        f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    )  # workers may write here
    conf = folder / "nginx-test.conf"
    conf.write_text(
        f"""\
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 256; }}
http {{
    log_format route '{ACCESS_FORMAT}';
    access_log {folder}/access.log route;
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{site}
}}
""",
        encoding="utf-8",
    )
    return conf


def check_config(nginx: str, conf: Path) -> subprocess.CompletedProcess:
    folder = conf.parent
    return subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )


def access_log(folder: Path) -> list[dict]:
    rows = []
    path = folder / "access.log"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        upstream, cookie, status, uri = line.split("|", 3)
        rows.append({"upstream": upstream, "cookie": cookie, "status": status, "uri": uri})
    return rows


@contextlib.contextmanager
def running_nginx(folder: Path, upstreams: list[str], timeout: float = 30.0) -> Iterator[str]:
    """nginx on a free loopback port in front of `upstreams` (host:port); yields its base URL."""
    nginx = nginx_binary()
    port = free_port()
    conf = nginx_config(folder, port, upstreams)
    checked = check_config(nginx, conf)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited with {proc.returncode}: {proc.stderr.read().decode()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not listen on {port} within {timeout:.0f} s")
            time.sleep(0.1)  # the poll interval
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM to the master: nginx's fast shutdown, workers included
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)  # its own session: the master and its workers only
                proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
