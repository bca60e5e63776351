"""The deployment files parse and agree with each other and with deploy/README.md: the compose file
(PostgreSQL, two or more app servers built from deploy/Dockerfile, nginx), the nginx configuration
(`nginx -t`, with Debian's nginx), the Dockerfile's sources, the settings the README names."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from deploy_support import DEPLOY, ROOT, check_config, free_port, nginx_binary, nginx_config

pytestmark = pytest.mark.slow  # starts servers and nginx

COMPOSE = DEPLOY / "compose.yaml"
README = DEPLOY / "README.md"
SETTINGS = ("INDICATORS_DB", "INDICATORS_EDITOR_PASSWORD", "INDICATORS_MAX_UPLOAD_MB")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _apps(compose: dict) -> dict:
    return {name: s for name, s in compose["services"].items() if "build" in s}


def test_compose_starts_postgres_the_app_servers_and_nginx(compose):
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    apps = _apps(compose)
    assert len(apps) >= 2
    for app in apps.values():
        assert app["build"]["dockerfile"] == "deploy/Dockerfile"
        assert (
            DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]
        ).resolve() == DEPLOY / "Dockerfile"
        assert app["depends_on"]["db"]["condition"] == "service_healthy"
        assert app["environment"]["INDICATORS_DB"].startswith("postgresql+psycopg://")
        assert "@db:5432/" in app["environment"]["INDICATORS_DB"]
    nginx = services["nginx"]
    assert nginx["image"].startswith("nginx:")
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]
    assert set(nginx["depends_on"]) == set(apps)
    # nginx balances exactly the app services of the compose file, on the port the image serves
    upstream = re.findall(
        r"^\s*server\s+(\w+):(\d+)", (DEPLOY / "nginx.conf").read_text(encoding="utf-8"), re.M
    )
    assert {host for host, _ in upstream} == set(apps)
    exposed = re.search(r"^EXPOSE (\d+)", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"), re.M).group(1)
    assert {port for _, port in upstream} == {exposed}


def test_the_readme_names_every_setting_of_the_compose_file(compose):
    readme = README.read_text(encoding="utf-8")
    text = COMPOSE.read_text(encoding="utf-8")
    for app in _apps(compose).values():
        for name in app["environment"]:
            assert f"`{name}`" in readme, name
    for name in SETTINGS:
        assert f"`{name}`" in readme and all(name in app["environment"] for app in _apps(compose).values())
    variables = set(re.findall(r"\$\{(\w+)", text))  # what deploy/.env sets
    example = (DEPLOY / "env.example").read_text(encoding="utf-8")
    for name in variables:
        assert f"`{name}`" in readme, name
        assert re.search(rf"^{name}=", example, re.M), name
    for words in ("pg_dump", "pg_restore", ".backup", "indicators export"):
        assert words in readme, words


def test_dockerfile_copies_what_exists_and_runs_the_app():
    lines = [line.strip() for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()]
    instructions = [line for line in lines if line and not line.startswith("#")]
    assert instructions[0].startswith("FROM python:3.11")
    for line in instructions:
        if line.startswith("COPY"):
            *sources, _ = line.split()[1:]
            for source in sources:
                assert (ROOT / source).exists(), source
    assert any(line.startswith("CMD") and '"app.py"' in line and "streamlit" in line for line in instructions)
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    for line in instructions:
        if line.startswith("COPY"):
            for source in line.split()[1:-1]:
                assert f"!{source.rstrip('/')}" in ignore, source


def test_nginx_configuration_parses(tmp_path):
    nginx = nginx_binary()
    conf = nginx_config(tmp_path, free_port(), ["127.0.0.1:8501", "127.0.0.1:8502"])
    checked = check_config(nginx, conf)
    assert checked.returncode == 0, checked.stderr
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for needed in (
        "proxy_http_version 1.1",
        "proxy_set_header Upgrade $http_upgrade",
        "proxy_set_header Connection $connection_upgrade",
        "location /_stcore/stream",
        "proxy_read_timeout 86400s",
        "hash $indicators_route consistent",
    ):
        assert needed in site, needed


def test_ci_postgres_script_is_valid_bash_and_ends_with_the_url():
    script = ROOT / "scripts" / "ci_postgres.sh"
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    last_echo = [
        line for line in script.read_text(encoding="utf-8").splitlines() if line.startswith("echo ")
    ][-1]
    assert last_echo == 'echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"'
