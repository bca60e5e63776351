"""Where the time of a load or a change goes, from what `browser_bench.py --trace DIR` wrote: the milestones
(websocket open and first message, the first chart's element received, the script run's end, the chart
drawn), the JS chunks fetched after the websocket opened, and the browser's main-thread time between each two
milestones by kind (script compile, script run, style and layout, paint, GC, HTML, idle).

    python benchmarks/trace_summary.py DIR [ours peer bare]

Prints one Markdown table per case (app × load/change), as benchmarks/README.md shows them.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

KINDS = {  # trace event name → kind; an event not named here counts as the kind of its nearest named ancestor
    "v8.compile": "compile",
    "v8.compileModule": "compile",
    "V8.CompileCode": "compile",
    "v8.produceModuleCache": "compile",
    "v8.produceCache": "compile",
    "CompileScript": "compile",
    "EvaluateScript": "script",
    "v8.evaluateModule": "script",
    "FunctionCall": "script",
    "v8.callFunction": "script",
    "TimerFire": "script",
    "EventDispatch": "script",
    "FireAnimationFrame": "script",
    "RunMicrotasks": "script",
    "V8.Execute": "script",
    "v8.run": "script",
    "RunTask": "other",
    "MajorGC": "gc",
    "MinorGC": "gc",
    "V8.GCScavenger": "gc",
    "V8.GCFinalizeMC": "gc",
    "BlinkGC.AtomicPhase": "gc",
    "UpdateLayoutTree": "style+layout",
    "Layout": "style+layout",
    "LocalFrameView::UpdateStyleAndLayout": "style+layout",
    "Document::UpdateStyleAndLayout": "style+layout",
    "Paint": "paint",
    "PrePaint": "paint",
    "Layerize": "paint",
    "UpdateLayer": "paint",
    "Commit": "paint",
    "PaintImage": "paint",
    "ParseHTML": "html",
    "ParseAuthorStyleSheet": "style+layout",
}
COLUMNS = ["compile", "script", "style+layout", "paint", "gc", "html", "other"]


def _main_thread(events: list[dict]) -> tuple[int, int, float]:
    """(pid, tid, navigationStart ts) of the page's renderer: the one that navigated to an http URL."""
    navs = [
        e
        for e in events
        if e.get("name") == "navigationStart"
        and e.get("args", {}).get("data", {}).get("documentLoaderURL", "").startswith("http")
    ]
    if navs:
        e = navs[-1]
        return e["pid"], e["tid"], e["ts"]
    mains = [e for e in events if e.get("name") == "thread_name" and e["args"]["name"] == "CrRendererMain"]
    counts = {(e["pid"], e["tid"]): sum(1 for x in events if x.get("tid") == e["tid"]) for e in mains}
    pid, tid = max(counts, key=counts.get)
    return pid, tid, None


def self_times(events: list[dict], pid: int, tid: int) -> list[tuple[float, float, str]]:
    """(start µs, self duration µs, kind) of every complete event on the thread."""
    xs = sorted(
        (
            e
            for e in events
            if e.get("ph") == "X" and e.get("pid") == pid and e.get("tid") == tid and e.get("dur")
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    out, stack = [], []  # stack of [end, kind, self-start-index]
    for e in xs:
        while stack and e["ts"] >= stack[-1][0]:
            stack.pop()
        kind = KINDS.get(e["name"]) or (stack[-1][1] if stack else "other")
        if stack:
            parent = out[stack[-1][2]]
            out[stack[-1][2]] = (parent[0], parent[1] - e["dur"], parent[2])
        out.append((e["ts"], float(e["dur"]), kind))
        stack.append([e["ts"] + e["dur"], kind, len(out) - 1])
    return out


def _decode(msgs: list) -> list[tuple[float, str]]:
    """(time, what) of each websocket message, from Streamlit's ForwardMsg."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = []
    for t, data in msgs:
        if not data:
            continue
        msg = ForwardMsg()
        msg.ParseFromString(base64.b64decode(data))
        kind = msg.WhichOneof("type") or "?"
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kind = "element:" + (msg.delta.new_element.WhichOneof("type") or "?")
        out.append((t, kind))
    return out


def summarise(folder: Path, name: str, case: str) -> str:
    trace = json.loads((folder / f"{name}-{case}.json").read_text())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    page = json.loads((folder / f"{name}-{case}-page.json").read_text())
    pid, tid, nav_ts = _main_thread(events)
    msgs = _decode(page["msgs"])
    start = page["key"] if case == "change" else 0.0
    if case == "change":  # the trace's clock against the page's: the keydown event's dispatch
        keys = [
            e
            for e in events
            if e.get("name") == "EventDispatch"
            and e.get("tid") == tid
            and e.get("args", {}).get("data", {}).get("type") == "keydown"
        ]
        origin = keys[-1]["ts"] / 1000 - page["key"] if keys else None
    else:
        origin = nav_ts / 1000 if nav_ts else None
    charts = ("element:plotly_chart", "element:bidi_component", "element:vega_lite_chart")
    chart_el = next((t for t, k in msgs if k in charts), None)
    finished = next((t for t, k in msgs if k == "script_finished"), None)
    marks = {
        "start": start,
        "websocket open": page["open"] if case == "load" else None,
        "first message": msgs[0][0] if msgs else page["first"],
        "chart element received": chart_el,
        "script run finished": finished,
        "chart drawn": page["chart"] if case == "load" else page.get("drawn"),
    }
    marks = {k: v for k, v in marks.items() if v is not None and v >= start - 1}
    lines = [
        f"**{name}, {case}** (ms from {'navigation start' if case == 'load' else 'the key'}; "
        f"main-thread busy ms by kind in each interval)",
        "",
        "| interval | ms | " + " | ".join(COLUMNS) + " | busy |",
        "|---|---|" + "---|" * (len(COLUMNS) + 1),
    ]
    ordered = sorted(marks.items(), key=lambda kv: kv[1])
    selfs = self_times(events, pid, tid) if origin is not None else []
    for (a_name, a), (b_name, b) in zip(ordered, ordered[1:], strict=False):
        busy = dict.fromkeys(COLUMNS, 0.0)
        for ts, dur, kind in selfs:
            t = ts / 1000 - origin
            if a <= t < b:
                busy[kind if kind in busy else "other"] += dur / 1000
        row = " | ".join(f"{busy[c]:.0f}" for c in COLUMNS)
        lines.append(
            f"| {a_name} → {b_name} ({a - start:.0f}–{b - start:.0f}) | {b - a:.0f} | {row} | "
            f"{sum(busy.values()):.0f} |"
        )
    chunks = [
        r
        for r in page["resources"]
        if r["name"].endswith(".js") and r["start"] >= (page["open"] or 0) - 1 and r["start"] >= start
    ]
    if chunks:
        lines += [
            "",
            "JS fetched after the websocket opened: "
            + ", ".join(
                f"{r['name'].rsplit('/', 1)[-1].split('.')[0]} {r['size'] / 1e6:.2f} MB ({r['start'] - start:.0f}–"
                f"{r['end'] - start:.0f})"
                for r in sorted(chunks, key=lambda r: r["start"])
            ),
        ]
    long = [(s - start, d) for s, d in page["longtasks"] if s >= start]
    if long:
        lines += ["", "long tasks (start, ms): " + ", ".join(f"{s:.0f}+{d:.0f}" for s, d in long)]
    kinds = [k for _, k in msgs]
    lines += [
        "",
        f"websocket messages: {len(msgs)} ({sum(k.startswith('element:') for k in kinds)} elements)",
    ]
    return "\n".join(lines)


def main() -> None:
    folder = Path(sys.argv[1])
    names = sys.argv[2:] or ["ours", "peer", "bare"]
    for name in names:
        for case in ("load", "change"):
            if (folder / f"{name}-{case}.json").exists():
                print(summarise(folder, name, case), end="\n\n")


if __name__ == "__main__":
    main()
