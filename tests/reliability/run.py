"""Runs the reliability scenarios against a built msgsvc and prints each one's figures, then a final
`N passed, M failed` line; exits non-zero if any failed.

    run.py --binary PATH [scenario ...]     (default: all, in the order below)

RELIABILITY_SOAK_SECONDS (default 180) and RELIABILITY_SOAK_RATE (requests/s, default 60) size the soak;
RELIABILITY_KEEP=1 keeps the data and logs even when everything passed (failures always keep them)."""
import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback

import crash_engine
import crash_service
import outage
import shutdown
import soak
from scenario import Scenario

SCENARIOS = {
    "crash": ("SIGKILL msgsvc (embedded engine) during concurrent posting, restart, verify", crash_service.run),
    "engine-crash": ("SIGKILL the standalone engine under pymongo inserts, restart, verify", crash_engine.run),
    "outage": ("stop the standalone engine under msgsvc --uri: fail fast, recover without restart", outage.run),
    "shutdown": ("SIGTERM msgsvc under concurrent load: complete answers, exit 0 within 10 s", shutdown.run),
    "soak": ("steady mixed load: zero errors, RSS levels off", soak.run),
}


def _number(name, default):
    text = os.environ.get(name, "")
    try:
        return float(text) if text else default
    except ValueError:
        sys.exit(f"{name} must be a number, got {text!r}")


def _interrupt(number, frame):
    raise KeyboardInterrupt(f"signal {number}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the msgsvc executable (a release build)")
    parser.add_argument("scenarios", nargs="*", metavar="scenario", help=f"any of {', '.join(SCENARIOS)} (default: all)")
    arguments = parser.parse_args()
    unknown = [name for name in arguments.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    names = arguments.scenarios or list(SCENARIOS)
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"not an executable: {binary}")
    soak_seconds = _number("RELIABILITY_SOAK_SECONDS", 180.0)
    soak_rate = _number("RELIABILITY_SOAK_RATE", 60.0)
    # SIGTERM to the runner unwinds like Ctrl-C, so every child is killed on the way out.
    signal.signal(signal.SIGTERM, _interrupt)

    root = tempfile.mkdtemp(prefix="msgsvc-reliability-")
    print(f"msgsvc reliability: {binary}\nwork directory: {root}", flush=True)
    passed = failed = 0
    for name in names:
        title, body = SCENARIOS[name]
        scenario = Scenario(name, binary, os.path.join(root, name), soak_seconds, soak_rate)
        print(f"\n== {name}: {title}", flush=True)
        began = time.monotonic()
        try:
            body(scenario)
        except KeyboardInterrupt:
            scenario.end()
            raise
        except Exception:
            scenario.check(False, "scenario ran to the end", traceback.format_exc().splitlines())
        finally:
            scenario.end()
        if scenario.passed:
            passed += 1
        else:
            failed += 1
            scenario.print_logs()
        print(f"{'PASS' if scenario.passed else 'FAIL'} {name} ({time.monotonic() - began:.0f} s)", flush=True)
    if failed or os.environ.get("RELIABILITY_KEEP"):
        print(f"\ndata and logs kept in {root}", flush=True)
    else:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
