"""Exit stress: does every `indicators` process end with the exit code its command chose? Not a test.

    python benchmarks/exit_stress.py [--runs N] [--jobs 4] [--keep-going] [--hog N] [--only CMD ...] [--workdir DIR]

Runs every command of the command line many times, several at once (a thread pool of `--jobs`, each
thread starting real `indicators` processes, the way scripts and the tests do):

- `import A` and `import B`: two imports started at the same moment against one SQLite store, files of
  different sizes, so that sometimes both land and sometimes one is refused as stale (exit 2);
- `validate` and `diff` of a CSV, `history`, `export` to .csv, .xlsx and .parquet, `report -o x.html`
  against one store all of them share;
- `import xlsx` and `import parquet`: uploads read by the isolated child reader (`indicators.isolated_reader`).

Without `--runs`, the runs stop at 1,000 processes in all (91 rounds, the last one partial); with it, each
command runs N times. Every process gets PYTHONFAULTHANDLER=1 and, if the hard limit allows, core dumps
(in its own folder, kept when it ended abnormally: read one with `gdb -batch -ex "thread apply all bt"
.venv/bin/python CORE`).

Abnormal: a negative return code (killed by a signal), or "terminate called", "Segmentation fault",
or "Fatal Python error" in stderr. Unexpected: any other exit code than the command's, or a
traceback. Prints per command the runs, the abnormal and unexpected exits and the first stderr samples;
exits 1 if there was any abnormal or unexpected exit. Without `--keep-going` no new run starts after the
first abnormal exit.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_frame  # noqa: E402

from indicators.catalog import load_catalog  # noqa: E402
from indicators.store import Store  # noqa: E402

EXE = Path(sys.executable).parent / "indicators"
GOOD = ROOT / "tests" / "uploads" / "good"
CRASH_MARKERS = ("terminate called", "Segmentation fault", "Fatal Python error")
DEFAULT_TOTAL = 1_000
SAMPLES = 3
TIMEOUT = 300  # seconds for one process; a hang is reported as abnormal


@dataclass
class Run:
    command: str
    returncode: int
    stdout: str
    stderr: str
    folder: Path
    expected: bool
    abnormal: bool = field(init=False)

    def __post_init__(self):
        self.abnormal = self.returncode < 0 or any(m in self.stderr for m in CRASH_MARKERS)

    @property
    def unexpected(self) -> bool:
        return not self.abnormal and (not self.expected or "Traceback" in self.stdout + self.stderr)


def pair_files(folder: Path) -> tuple[Path, Path]:
    """Two valid uploads touching different keys: A 200 rows, B 4,000 (B's preview takes longer)."""
    frame = synthetic_frame(load_catalog(), 20_000, seed=11)
    frame = frame.rename(columns={"indicator_id": "indicator", "region_id": "region", "source_id": "source"})
    columns = ["indicator", "region", "year", "value", "status", "source"]
    paths = []
    for name, parity, rows in (("a", 0, 200), ("b", 1, 4_000)):
        part = frame[frame["year"] % 2 == parity].head(rows)
        paths.append(folder / f"pair_{name}.csv")
        part[columns].to_csv(paths[-1], index=False)
    return paths[0], paths[1]


class Bench:
    def __init__(self, workdir: Path, keep_going: bool):
        self.workdir = workdir
        self.keep_going = keep_going
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.runs: list[Run] = []
        (workdir / "runs").mkdir(parents=True, exist_ok=True)
        self.base = workdir / "base.sqlite"
        Store(str(self.base)).close()
        self.shared = self.copy_store(workdir / "shared.sqlite")
        self.pair = pair_files(workdir)
        self.env = {**os.environ, "INDICATORS_LANG": "en", "PYTHONFAULTHANDLER": "1"}
        self.env.pop("INDICATORS_DB", None)

    def copy_store(self, target: Path) -> Path:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{self.base}{suffix}").exists():
                shutil.copy(f"{self.base}{suffix}", f"{target}{suffix}")
        return target

    # -- one job: one command (or the two imports of a pair), each process in its own folder ----------
    def start(self, folder: Path, *args: str) -> subprocess.Popen:
        folder.mkdir(parents=True)
        return subprocess.Popen(
            [str(EXE), *args],
            cwd=folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )

    def finish(self, command: str, proc: subprocess.Popen, folder: Path, ok) -> Run:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            err += f"\n[exit_stress] hung for more than {TIMEOUT} s; killed"
        return Run(command, proc.returncode, out, err, folder, ok(proc.returncode, out, err))

    def record(self, *runs: Run) -> None:
        """Count `runs`; keep the folder (and core) of a run that went wrong, remove the others."""
        with self.lock:
            for run in runs:
                self.runs.append(run)
                if len(self.runs) % 100 == 0:
                    bad = sum(r.abnormal for r in self.runs)
                    print(f"  {len(self.runs)} processes done, {bad} abnormal", flush=True)
        for run in runs:
            if run.abnormal and not self.keep_going:
                self.stop.set()
            if not run.abnormal and not run.unexpected:
                shutil.rmtree(run.folder, ignore_errors=True)

    def job(self, command: str, n: int) -> None:
        if self.stop.is_set():
            return
        folder = self.workdir / "runs" / f"{command.replace(' ', '_')}-{n}"
        db = ["--db", str(self.shared)]
        zero = lambda code, _out, _err: code == 0  # noqa: E731
        if command == "import pair":
            store = self.copy_store(self.workdir / "runs" / f"pair-{n}.sqlite")
            procs = [
                (
                    f"import {name}",
                    self.start(
                        folder / name, "import", str(path), "--db", str(store), "-m", f"pair {n} {name}"
                    ),
                    folder / name,
                )
                for name, path in zip("AB", self.pair, strict=True)
            ]

            def landed_or_stale(code, out, err):
                return (code == 0 and out.startswith("revision ")) or (
                    code == 2
                    and "the data changed since your preview" in err
                    and "nothing was written" in err
                )

            runs = [self.finish(name, proc, where, landed_or_stale) for name, proc, where in procs]
            if not any(r.returncode == 0 for r in runs):
                for r in runs:
                    r.expected = False  # at least one of two editors gets through
            self.record(*runs)
            if not any(r.abnormal or r.unexpected for r in runs):
                shutil.rmtree(folder, ignore_errors=True)
            self.remove_store(store)
            return
        if command.startswith("import "):
            fmt = command.split()[1]
            store = self.copy_store(self.workdir / "runs" / f"{fmt}-{n}.sqlite")
            proc = self.start(folder, "import", str(GOOD / f"long.{fmt}"), "--db", str(store), "-m", command)
            self.record(
                self.finish(
                    command, proc, folder, lambda code, out, _err: code == 0 and out.startswith("revision ")
                )
            )
            self.remove_store(store)
            return
        args = {
            "validate": ["validate", str(GOOD / "long_utf8.csv")],
            "diff": ["diff", str(self.pair[1])],
            "history": ["history"],
            "export csv": ["export", "-o", "x.csv"],
            "export xlsx": ["export", "-o", "x.xlsx"],
            "export parquet": ["export", "-o", "x.parquet"],
            "report html": ["report", "-o", "x.html"],
        }[command]
        self.record(self.finish(command, self.start(folder, *args, *db), folder, zero))

    @staticmethod
    def remove_store(store: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)


COMMANDS = [
    "import pair",
    "validate",
    "diff",
    "history",
    "export csv",
    "export xlsx",
    "export parquet",
    "report html",
    "import xlsx",
    "import parquet",
]
PROCESSES = {"import pair": 2}


def plan(commands: list[str], runs: int | None) -> list[tuple[str, int]]:
    """(command, round) in round-robin order: N rounds, or as many as make DEFAULT_TOTAL processes."""
    jobs, total, n = [], 0, 0
    while (runs is None and total < DEFAULT_TOTAL) or (runs is not None and n < runs):
        for command in commands:
            if runs is None and total + PROCESSES.get(command, 1) > DEFAULT_TOTAL:
                break
            jobs.append((command, n))
            total += PROCESSES.get(command, 1)
        n += 1
    return jobs


def enable_core_dumps() -> bool:
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    return hard != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, help="runs of each command (default: 1,000 processes in all)")
    parser.add_argument("--jobs", type=int, default=4, help="commands running at once (default 4)")
    parser.add_argument(
        "--keep-going", action="store_true", help="run everything even after an abnormal exit"
    )
    parser.add_argument("--only", nargs="+", choices=COMMANDS, help="run only these commands")
    parser.add_argument(
        "--workdir", type=Path, help="folder for stores and kept runs (default: a temporary one)"
    )
    parser.add_argument(
        "--hog",
        type=int,
        default=0,
        metavar="N",
        help="also run N busy loops (`while True: pass`) beside it, stopped at the end",
    )
    args = parser.parse_args()
    cores = enable_core_dumps()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="exit_stress-"))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, args.keep_going)
    jobs = plan(args.only or COMMANDS, args.runs)
    processes = sum(PROCESSES.get(c, 1) for c, _ in jobs)
    print(
        f"{processes} processes, {args.jobs} jobs at once, {os.cpu_count()} CPUs, {args.hog} CPU hogs, "
        f"core dumps {'on' if cores else 'off (hard limit 0)'}; work folder {workdir}",
        flush=True,
    )
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.hog)]
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for future in [pool.submit(bench.job, command, n) for command, n in jobs]:
                future.result()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    elapsed = time.monotonic() - started

    runs = defaultdict(list)
    for run in bench.runs:
        runs[run.command].append(run)
    order = [c for c in ["import A", "import B", *COMMANDS] if c in runs]
    print(f"\n{'command':<16} {'runs':>6} {'abnormal':>9} {'unexpected':>11}  exit codes")
    for command in order:
        rs = runs[command]
        codes = ", ".join(
            f"{code}: {count}" for code, count in sorted(Counter(r.returncode for r in rs).items())
        )
        print(
            f"{command:<16} {len(rs):>6} {sum(r.abnormal for r in rs):>9} {sum(r.unexpected for r in rs):>11}  {codes}"
        )
    abnormal = [r for r in bench.runs if r.abnormal]
    unexpected = [r for r in bench.runs if r.unexpected]
    print(f"{'all':<16} {len(bench.runs):>6} {len(abnormal):>9} {len(unexpected):>11}  in {elapsed:.0f} s")
    for title, bad in (("abnormal", abnormal), ("unexpected", unexpected)):
        for run in bad[:SAMPLES]:
            found = sorted(p.name for p in run.folder.glob("core*")) if run.folder.exists() else []
            print(
                f"\n--- {title}: {run.command}, exit {run.returncode}, folder {run.folder}, cores {found or 'none'}"
            )
            print(run.stderr[-3000:].rstrip() or "(no stderr)")
    if not abnormal and not unexpected and args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    if len(bench.runs) < processes:
        print(
            f"\nstopped after the first abnormal exit: {len(bench.runs)} of {processes} processes ran "
            "(--keep-going runs them all)"
        )
    return 1 if abnormal or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
