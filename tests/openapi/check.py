"""Checks openapi.yaml against itself and against a live msgsvc.

1. The document is valid OpenAPI 3.1 (openapi-spec-validator), and the copy compiled into the binary is
   up to date (scripts/embed-openapi --check).
2. msgsvc starts on its embedded engine (MSGSVC_BIN or --binary, a temporary data directory, a free port)
   and serves the same document at /openapi.yaml, byte for byte.
3. schemathesis runs every operation with the settings in tests/openapi/schemathesis.toml (a fixed seed,
   derandomised, a bounded number of examples, the stateful links): no 5xx, no undocumented status,
   header or content type, no response that breaks its schema (NDJSON bodies through tests/openapi/hooks.py).
4. msgsvc stops cleanly on SIGTERM.

Usage: MSGSVC_BIN=.build/debug/msgsvc .venv-openapi/bin/python tests/openapi/check.py [--binary PATH] [-- extra schemathesis args]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, "..", ".."))
sys.path.insert(0, os.path.join(repo, "tests", "reliability"))
import processes  # noqa: E402

document_path = os.path.join(repo, "openapi.yaml")


def validate_document():
    spec, _ = read_from_filename(document_path)
    validate(spec)  # raises with the first violation
    print("openapi.yaml: valid OpenAPI", spec["openapi"])
    subprocess.run([sys.executable, os.path.join(repo, "scripts", "embed-openapi"), "--check"], check=True)


def served_document(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.yaml", timeout=10) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def ready(port):
    def probe():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False
    return probe


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.environ.get("MSGSVC_BIN") or os.path.join(repo, ".build", "debug", "msgsvc"))
    parser.add_argument("schemathesis_args", nargs="*", help="passed to `schemathesis run` after ours")
    args = parser.parse_args()

    validate_document()

    work = tempfile.mkdtemp(prefix="msgsvc-openapi-")
    port = processes.free_port()
    log = os.path.join(work, "msgsvc.log")
    service = processes.start_service(os.path.abspath(args.binary), os.path.join(work, "data"), port, log, ready=ready(port))
    try:
        status, content_type, body = served_document(port)
        with open(document_path, "rb") as file:
            expected = file.read()
        if (status, content_type, body) != (200, "application/yaml", expected):
            print(f"GET /openapi.yaml: {status} {content_type}, {len(body)} bytes; "
                  f"expected 200 application/yaml, the {len(expected)} bytes of openapi.yaml", file=sys.stderr)
            return 1
        print("GET /openapi.yaml: the repository's openapi.yaml, byte for byte")

        command = [
            os.path.join(os.path.dirname(sys.executable), "schemathesis"),
            "--config-file", os.path.join(here, "schemathesis.toml"),
            "--no-color",
            "run", document_path,
            "--url", f"http://127.0.0.1:{port}",
            *args.schemathesis_args,
        ]
        print("+", " ".join(command), flush=True)
        # No stdin (CI has none); report files, if asked for, land in the temporary directory.
        # hooks.py teaches schemathesis NDJSON (the import's body, the export's lines).
        env = {**os.environ, "SCHEMATHESIS_HOOKS": os.path.join(here, "hooks.py")}
        result = subprocess.run(command, stdin=subprocess.DEVNULL, cwd=work, env=env)
    finally:
        exit_status = service.stop()
    if exit_status != 0:
        print(f"msgsvc exited with status {exit_status} on SIGTERM:\n{service.log_tail()}", file=sys.stderr)
        return 1
    if result.returncode != 0:
        print(f"schemathesis failed (exit status {result.returncode}); msgsvc's log: {log}", file=sys.stderr)
        return result.returncode
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
