#!/usr/bin/env python3
"""Sums the .trx files of a test run and prints `N passed, N failed, N skipped` last.

Usage: trx-summary.py RESULTS_DIR

Exit status: 0 when at least one test ran and none failed, 1 otherwise.

How the counters map (VSTest's TRX logger, xunit adapter): a skipped xunit test is
counted in `total` but not in `executed`, and `notExecuted` stays 0, so skipped is
total - executed. Errors, time-outs and aborted tests count as failed.
Only the standard library is used, so any python3 works.
"""
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def counters_of(trx: Path) -> tuple[str, dict[str, int]]:
    root = ET.parse(trx).getroot()
    element = root.find("t:ResultSummary/t:Counters", NS)
    if element is None:
        raise ValueError(f"{trx}: no ResultSummary/Counters element")
    counts = {key: int(value) for key, value in element.attrib.items() if value.isdigit()}
    # Name the test assembly after the first test's code base (the .dll path), if any.
    method = root.find("t:TestDefinitions/t:UnitTest/t:TestMethod", NS)
    name = os.path.basename(method.get("codeBase", "")) if method is not None else ""
    return name or trx.name, counts


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    results_dir = Path(sys.argv[1])
    files = sorted(results_dir.rglob("*.trx")) if results_dir.is_dir() else []

    passed = failed = skipped = executed = 0
    for trx in files:
        name, c = counters_of(trx)
        p = c.get("passed", 0)
        f = c.get("failed", 0) + c.get("error", 0) + c.get("timeout", 0) + c.get("aborted", 0)
        s = max(c.get("total", 0) - c.get("executed", 0), c.get("notExecuted", 0), 0)
        print(f"  {name}: passed={p} failed={f} skipped={s}  ({trx.name})")
        passed, failed, skipped = passed + p, failed + f, skipped + s
        executed += c.get("executed", 0)

    status = 0
    if not files:
        print(f"trx-summary: no .trx files in {results_dir}: no test ran", file=sys.stderr)
        status = 1
    elif executed == 0:
        print("trx-summary: no test was executed", file=sys.stderr)
        status = 1
    if failed:
        status = 1
    sys.stderr.flush()
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
