"""Render bench/results/latest.json as the Markdown table the README carries:
`python -m bench.report` prints it."""

import json
import sys
from pathlib import Path

LATEST = Path(__file__).parent / "results" / "latest.json"


def markdown(payload: dict) -> str:
    machine = payload["machine"]
    lines = [
        f"Run {payload['when']} on {machine['cores']} cores, Python {machine['python']}, "
        f"{machine['lawyers']:,} lawyers and {machine['firms']:,} firms in PostgreSQL.",
        "",
        "| operation | median ms | p95 ms | floor ms | ratio | target | met | ratio target (issue 13) | met "
        "|",
        "|---|---:|---:|---:|---:|---|---|---|---|",
    ]
    for r in payload["results"]:
        floor = f"{r['floor_ms']:.2f}" if r["floor_ms"] is not None else "—"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "—"
        met = {True: "yes", False: "no", None: "—"}[r["met"]]
        extra = r.get("extra") or {}
        note = f" ({extra['rps']:.0f} vs {extra['bare_rps']:.0f} req/s)" if "rps" in extra else ""
        if r["name"].endswith("-row lawyer .xlsx") and r["floor_ms"]:
            rows = int(r["name"].split()[1].split("-")[0].replace(",", ""))
            note = f" ({rows / r['median_ms'] * 1000:,.0f} vs COPY {rows / r['floor_ms'] * 1000:,.0f} rows/s)"
        target = r["target"] + note
        timing = f"{r['median_ms']:.2f} | {r['p95_ms']:.2f} | {floor} | {ratio}"
        goal = f"{r.get('goal') or '—'} | {({True: 'yes', False: 'no', None: '—'})[r.get('goal_met')]}"
        lines.append(f"| {r['name']} | {timing} | {target} | {met} | {goal} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if not LATEST.exists():
        sys.exit("No benchmark results yet: run `make bench`.")
    print(markdown(json.loads(LATEST.read_text())))
