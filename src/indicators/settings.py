"""Every setting the product reads from its environment, in one registry: name, default and meaning.

The code reads a setting only through this module, and the README's settings table is generated from it
(`markdown_table`; `tests/test_docs.py` keeps the two equal). Nothing else reads the environment for a
setting.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None  # what an unset setting means, as the environment would write it; None: unset
    shown_default: str  # the default as the README says it
    meaning: str

    def read(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The setting's value: the environment's when set and not blank, else the default."""
        value = (os.environ if environ is None else environ).get(self.name, "")
        return value.strip() or self.default


DB = Setting(
    "INDICATORS_DB",
    None,
    "`~/.local/share/indicators/indicators.sqlite`",
    "the store: a SQLite file path, or a SQLAlchemy URL (`postgresql+psycopg://user:pw@host/db`)",
)
DATA_DIR = Setting(
    "INDICATORS_DATA_DIR", None, "`data/` of the checkout", "the curated CSVs applied as the baseline"
)
EDITOR_PASSWORD = Setting(
    "INDICATORS_EDITOR_PASSWORD",
    None,
    "unset",
    "when set (environment or Streamlit secrets), upload, commit and restore need it; when unset, the Data page "
    "says anyone can edit",
)
MAX_UPLOAD_MB = Setting(
    "INDICATORS_MAX_UPLOAD_MB",
    "20",
    "`20`",
    "the upload cap checked by the app; `.streamlit/config.toml` sets Streamlit's own `server.maxUploadSize` to "
    "the same",
)
MAX_ROWS = Setting("INDICATORS_MAX_ROWS", "1000000", "`1000000`", "the most rows one upload may hold")
LANG = Setting(
    "INDICATORS_LANG", "zh", "`zh`", "language of the command line's messages (`--lang` overrides)"
)
EDITORS = Setting(
    "INDICATORS_EDITORS",
    None,
    "unset",
    "with sign-on (an `[auth]` section in Streamlit secrets, see Security), the e-mail addresses that may edit, "
    "comma-separated; unset: anyone who signs in",
)
TRUSTED_PROXIES = Setting(
    "INDICATORS_TRUSTED_PROXIES",
    "127.0.0.1,::1",
    "`127.0.0.1,::1`",
    "addresses or networks (CIDR) of the reverse proxy whose `X-Real-IP` names the client: wrong passwords are "
    "counted per client address",
)
UPLOAD_MEMORY_MB = Setting(
    "INDICATORS_UPLOAD_MEMORY_MB",
    "200",
    "`200`",
    "the most memory all sessions' uploaded files may hold at once (each session holds at most two uploads)",
)
CHROME = Setting(
    "INDICATORS_CHROME",
    "/usr/bin/chromium",
    "`/usr/bin/chromium`",
    "the Chrome or Chromium that draws the charts of the Word pack as pictures (kaleido); when it cannot run, "
    "the pack says so in place of each picture",
)
SETTINGS = (
    DB,
    DATA_DIR,
    EDITOR_PASSWORD,
    EDITORS,
    TRUSTED_PROXIES,
    MAX_UPLOAD_MB,
    MAX_ROWS,
    UPLOAD_MEMORY_MB,
    LANG,
    CHROME,
)


def db() -> str:
    """The store: `INDICATORS_DB`, else a file under the user's data folder (outside the git-tracked files)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return DB.read() or str(base / "indicators" / "indicators.sqlite")


def data_dir() -> Path:
    """The folder of curated CSVs: `INDICATORS_DATA_DIR`, else `data/` of the checkout."""
    folder = DATA_DIR.read()
    return Path(folder) if folder else Path(__file__).resolve().parents[2] / "data"


def max_upload_bytes() -> int:
    return int(float(MAX_UPLOAD_MB.read()) * 1024 * 1024)


def max_upload_rows() -> int:
    return int(MAX_ROWS.read())


def upload_memory_bytes() -> int:
    return int(float(UPLOAD_MEMORY_MB.read()) * 1024 * 1024)


def editors() -> frozenset[str]:
    """The e-mail addresses that may edit when editors sign on (lower case); empty: anyone signed in."""
    return frozenset(e.strip().lower() for e in (EDITORS.read() or "").split(",") if e.strip())


def trusted_proxy(address: str) -> bool:
    """Whether `address` is one of INDICATORS_TRUSTED_PROXIES (addresses or CIDR networks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    for part in (TRUSTED_PROXIES.read() or "").split(","):
        try:
            if part.strip() and ip in ipaddress.ip_network(part.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def lang(given: str | None = None) -> str:
    """The command line's language: `--lang` when given, else `INDICATORS_LANG`; zh unless it says en."""
    chosen = given or LANG.read()
    return chosen if chosen in ("zh", "en") else "zh"


def chrome() -> str:
    """The browser kaleido drives to draw a chart as a picture: `INDICATORS_CHROME`."""
    return CHROME.read() or ""


def editor_password(secret: Callable[[str], object] | None = None) -> str | None:
    """The editor password from the environment, else from `secret(name)` (Streamlit secrets); None when
    editing is open. `secret` may raise (no secrets file): that counts as not set."""
    value = EDITOR_PASSWORD.read()
    if not value and secret is not None:
        try:
            found = secret(EDITOR_PASSWORD.name)
        except Exception:  # noqa: BLE001 - a missing or broken secrets file means "not set"
            found = None
        value = str(found) if found not in (None, "") else None
    return value or None


def markdown_table() -> str:
    """The README's settings table."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.shown_default} | {s.meaning} |" for s in SETTINGS]
    return "\n".join(rows)
