"""The `indicators` command: parse options, call the package, turn problems into exit codes and JSON.

Exit codes: 0 done (or valid), 1 the input has errors (nothing written), 2 the command cannot run.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

import sqlalchemy as sa

from indicators import settings
from indicators.export import FORMATS, export_bytes
from indicators.frame import COLUMNS
from indicators.store import Store, StoreError, display_db
from indicators.updates import commit_preview, preview_upload


class CommandError(Exception):
    """A command that cannot run (exit 2): a missing file, an unknown revision, an unwritable path."""


def _lang(args) -> str:
    return settings.lang(args.lang)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise CommandError(
            f"无法读取文件 {path}：{err.strerror} / cannot read {path}: {err.strerror}"
        ) from err


def _store(args) -> Store:
    """The store, opened once per command and closed by `main` before it returns the exit code."""
    store = Store(args.db or settings.db())
    args.opened.append(store)
    return store


def _records(frame, extra=()) -> list[dict]:
    cols = COLUMNS + list(extra)
    out = frame[cols].astype(object).where(frame[cols].notna(), None).to_dict("records")
    for r in out:
        r["year"] = int(r["year"])
    return out


def _print_problems(result, lang: str) -> None:
    for p in result.errors:
        print(f"error {p.code}: {p.message(lang)}", file=sys.stderr)
    for p in result.warnings:
        print(f"warning {p.code}: {p.message(lang)}", file=sys.stderr)


def cmd_validate(args) -> int:
    data = _read(args.file)
    store = _store(args)
    preview = preview_upload(store, data, args.file)
    result = preview.result
    if args.json:
        print(json.dumps(result.report(_lang(args)), ensure_ascii=False))
    else:
        _print_problems(result, _lang(args))
        verdict = "有效 / valid" if result.ok else "无效 / invalid"
        print(
            f"{args.file}: {verdict}; {result.rows} rows, {len(result.errors)} errors, {len(result.warnings)} warnings"
        )
    return 0 if result.ok else 1


def cmd_diff(args) -> int:
    store = _store(args)
    preview = preview_upload(store, _read(args.file), args.file)
    if not preview.ok:
        if args.json:
            print(json.dumps(preview.result.report(_lang(args)), ensure_ascii=False))
        else:
            _print_problems(preview.result, _lang(args))
        return 1
    d = preview.diff
    if args.json:
        changed = []
        for rec in _records(d.changed, [c + "_old" for c in ("value", "source_id", "as_of", "note")]):
            rec["old_value"] = rec.get("value_old")
            changed.append(rec)
        print(
            json.dumps(
                {
                    "added": _records(d.added),
                    "changed": changed,
                    "unchanged": d.unchanged,
                    "base_revision": d.base_revision,
                    "warnings": [w.as_dict(_lang(args)) for w in preview.result.warnings],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"against revision {d.base_revision}: {len(d.added)} added, {len(d.changed)} changed, {d.unchanged} unchanged"
        )
        for rec in _records(d.changed, ["value_old"]):
            print(
                f"  ~ {rec['indicator_id']} {rec['region_id']} {rec['year']} {rec['status']}: "
                f"{rec['value_old']:g} -> {rec['value']:g}"
            )
        for rec in _records(d.added)[:50]:
            print(
                f"  + {rec['indicator_id']} {rec['region_id']} {rec['year']} {rec['status']}: {rec['value']:g}"
            )
    return 0


def cmd_import(args) -> int:
    store = _store(args)
    preview = preview_upload(store, _read(args.file), args.file)
    if not preview.ok:
        _print_problems(preview.result, _lang(args))
        print(
            f"未导入，存储未改变 / not imported, nothing written: {len(preview.result.errors)} errors",
            file=sys.stderr,
        )
        return 1
    for w in preview.result.warnings:
        print(f"warning {w.code}: {w.message(_lang(args))}", file=sys.stderr)
    rev = commit_preview(
        store, preview, author=args.author, message=args.message or f"import {Path(args.file).name}"
    )
    if rev is None:
        print("没有变化，未创建新版本 / nothing changed; no revision created")
    else:
        print(f"revision {rev.id}: {rev.added} added, {rev.changed} changed, {rev.removed} removed")
    return 0


def cmd_history(args) -> int:
    revs = _store(args).history()
    if args.json:
        print(json.dumps([r.as_dict() for r in revs], ensure_ascii=False))
    else:
        for r in revs:
            print(
                f"{r.id:>5}  {r.created_at}  {r.kind:<8}  +{r.added} ~{r.changed} -{r.removed}  "
                f"{r.author}: {r.message} {('[' + r.file_name + ']') if r.file_name else ''}"
            )
    return 0


def cmd_restore(args) -> int:
    store = _store(args)
    rev = store.restore(args.rev, author=args.author, message=args.message or f"restore revision {args.rev}")
    if rev is None:
        print(
            f"第 {args.rev} 版的数据与当前相同，未创建新版本 / revision {args.rev} equals the current data; nothing to do"
        )
    else:
        print(
            f"revision {rev.id}: restored revision {args.rev} ({rev.added} added, {rev.changed} changed, {rev.removed} removed)"
        )
    return 0


def cmd_export(args) -> int:
    out = Path(args.output)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise CommandError(
            f"不支持的格式「{out.suffix}」：请用 .csv、.xlsx 或 .parquet / "
            f"unknown format '{out.suffix}': use .csv, .xlsx or .parquet"
        )
    store = _store(args)
    frame = store.current() if args.revision is None else store.as_of(args.revision)
    data = export_bytes(frame, store.full_catalog(), fmt)
    try:
        out.write_bytes(data)
    except OSError as err:
        raise CommandError(f"无法写入 {out}：{err.strerror} / cannot write {out}: {err.strerror}") from err
    print(f"{len(frame)} rows -> {out}")
    return 0


def cmd_report(args) -> int:
    """The extension of `-o` chooses the offline HTML briefing, the PPTX or the DOCX pack; `--since` opens it
    with the changes since a revision. A bad `--since` is bad input (exit 1); nothing is written."""
    from indicators import briefing, changes, deck, document, pack, slides  # plotly, python-pptx, python-docx
    from indicators.i18n import t

    renderers = {
        ".html": lambda p: briefing.render(p).encode("utf-8"),
        ".pptx": slides.render,
        ".docx": document.render,
    }
    renderers[".htm"] = renderers[".html"]
    lang = settings.lang(args.lang)
    out = Path(args.output)
    render = renderers.get(out.suffix.lower())
    store = _store(args)
    frame, catalog, history = store.current(), store.full_catalog(), store.history()
    try:
        if render is None:
            raise deck.PackError(t("report_bad_pack_format", lang, ext=out.suffix or out.name))
        req = deck.request(frame, catalog, args.regions, args.years, args.indicators, lang)
        since = changes.since_revision(args.since, history, lang) if args.since else None
    except deck.PackError as err:
        print(f"indicators: {err}", file=sys.stderr)
        return 1 if isinstance(err, changes.SinceError) else 2
    head = history[0] if history else None
    news = None
    if since is not None:
        news = changes.changes_since(store.as_of(since), frame, catalog, since, head.id, lang)
    built = pack.build_pack(
        frame,
        catalog,
        req.indicator_ids,
        req.region_ids,
        req.years,
        lang,
        reference=req.reference,
        revision=head.id if head else None,
        revision_time=head.created_at if head else None,
        changes=news,
    )
    data = render(built)
    try:
        out.write_bytes(data)
    except OSError as err:
        print(f"indicators: {t('report_cannot_write', lang, path=out, reason=err.strerror)}", file=sys.stderr)
        return 2
    print(out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="indicators",
        description="Regional digital-economy indicators: "
        "validate and import uploads, history, restore, export, meeting packs.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="store path or SQLAlchemy URL (default: $INDICATORS_DB)")
    common.add_argument(
        "--lang", choices=["zh", "en"], help="language of messages (default: $INDICATORS_LANG or zh)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    author = getpass.getuser() if hasattr(os, "getuid") else "cli"

    p = sub.add_parser("validate", parents=[common], help="check an upload; exit 0 valid, 1 has errors")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("diff", parents=[common], help="what an import would add, change, leave alone")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser(
        "import", parents=[common], help="commit an upload as a revision; nothing written if invalid"
    )
    p.add_argument("file")
    p.add_argument("-m", "--message", default="")
    p.add_argument("--author", default=author)
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("history", parents=[common], help="list revisions, newest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("restore", parents=[common], help="make the data as of REV current, as a new revision")
    p.add_argument("rev")
    p.add_argument("-m", "--message", default="")
    p.add_argument("--author", default=author)
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("export", parents=[common], help="write the data (.csv .xlsx .parquet)")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--revision")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "report", parents=[common], help="meeting pack: .html (offline briefing), .pptx or .docx"
    )
    p.add_argument("-o", "--output", required=True)
    p.add_argument(
        "--regions", default="", help="comma-separated region ids (default: the default selection)"
    )
    p.add_argument(
        "--indicators", default="", help="comma-separated indicator ids (default: the headline ones)"
    )
    p.add_argument("--years", default="", help="A-B, e.g. 2018-2024")
    p.add_argument(
        "--since",
        default="",
        help="open with the changes since revision REV, or since a day "
        "YYYY-MM-DD (the last revision on or before it)",
    )
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = settings.lang(getattr(args, "lang", None))
    args.opened = []
    try:
        return args.func(args)
    except CommandError as err:
        print(f"indicators: {err}", file=sys.stderr)
    except StoreError as err:
        print(f"indicators: {err.message(lang)}", file=sys.stderr)
    except sa.exc.SQLAlchemyError as err:
        print(
            f"indicators: 无法打开或写入数据存储 / cannot open or write the store ({display_db(args.db or settings.db())}): "
            f"{str(err).splitlines()[0]}",
            file=sys.stderr,
        )
    except KeyboardInterrupt:
        print("indicators: interrupted; nothing was written", file=sys.stderr)
    finally:
        # Close the store's connections here, in order, rather than leave them to the interpreter's
        # teardown: a SQLite connection is closed (its WAL checkpointed) and a PostgreSQL session ended
        # before the process exits, whatever the command's outcome.
        for store in args.opened:
            store.close()
    return 2


if __name__ == "__main__":
    sys.exit(main())
