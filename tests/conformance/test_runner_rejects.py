"""The unified format's own "valid-fail" files: every test in them must fail (or be skipped by its
requirements). A runner that passed one would be matching too loosely or ignoring what it cannot do,
and its CRUD figure would be worth nothing."""
from runner import Runner
from skips import Server
from specs import SDISTS, sdist_files

VALID_FAIL = "test/unified-test-format/valid-fail/"


def test_no_valid_fail_test_passes(engine, internal_client):
    runner = Runner(internal_client, Server(internal_client), engine.uri)
    passed = []
    for spec in sdist_files(*SDISTS[0], folder=VALID_FAIL):
        passed += [result.line() for result in runner.run_file(spec) if result.status == "PASS"]
    assert passed == []
