"""Static analysis as part of the suite: bandit finds nothing of high severity in the code."""

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "lvxie"


def test_bandit_reports_no_high_severity_finding():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", str(SRC), "-x", "*/migrations/*", "-f", "json", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["results"] is not None and report["metrics"]["_totals"]["loc"] > 1000
    high = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
        if r["issue_severity"] == "HIGH"
    ]
    assert not high, "\n".join(high)
