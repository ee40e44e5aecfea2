"""MongoDB's unified CRUD specification tests against the engine: a PASS/FAIL/SKIP line per test, a
total, and a failure only when the pass rate of the tests not skipped falls below THRESHOLD.

CONFORMANCE_FILTER=substring limits the run to files whose name contains it (the threshold is then
not applied, since a partial run says nothing about the whole)."""
import os
import re
from collections import Counter

from runner import Runner
from skips import Server
from specs import all_files

THRESHOLD_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "THRESHOLD")


def read_threshold():
    with open(THRESHOLD_FILE, encoding="utf-8") as f:
        return float(f.read().strip())


def failure_cause(reason):
    """A failure reason without the operation's position, so that one missing feature counts once."""
    cause = re.sub(r"^(runner: )?operation \d+ \w+: ", r"\1", reason)
    return cause[:110]


def test_crud_unified_conformance(engine, internal_client, emit):
    files = all_files()  # raises if a pinned sdist cannot be fetched or verified
    wanted = os.environ.get("CONFORMANCE_FILTER", "")
    files = [spec for spec in files if wanted in spec.name]
    runner = Runner(internal_client, Server(internal_client), engine.uri)
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    causes = Counter()
    emit("")
    for spec in files:
        for result in runner.run_file(spec):
            counts[result.status] += 1
            if result.status == "FAIL":
                causes[failure_cause(result.reason)] += 1
            emit(result.line())
        assert engine.alive(), f"the engine died during {spec.name}: {engine.log_tail()}"
    ran = counts["PASS"] + counts["FAIL"]
    rate = 100.0 * counts["PASS"] / ran if ran else 0.0
    if causes:
        emit("most frequent failure causes:")
        for cause, count in causes.most_common(15):
            emit(f"{count:5} {cause}")
    sources = sorted({spec.source for spec in files})
    emit(f"conformance: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped, "
         f"{rate:.1f}% of non-skipped ({len(files)} files from {', '.join(sources)})")
    assert ran > 0, "no test ran"
    if not wanted:
        threshold = read_threshold()
        assert rate >= threshold, f"pass rate {rate:.1f}% is below the threshold of {threshold}% (THRESHOLD)"
