"""Checks that the runner fails what it must: the unified format's own "valid-fail" files, and passing
CRUD tests with one expectation made wrong. A runner that passed either would be matching too loosely or
ignoring what it cannot do, and its CRUD figure would be worth nothing."""
import copy

from runner import Runner
from skips import Server
from specs import SDISTS, sdist_files, shared_files

VALID_FAIL = "test/unified-test-format/valid-fail/"


def test_no_valid_fail_test_passes(engine, internal_client):
    runner = Runner(internal_client, Server(internal_client), engine.uri)
    passed = []
    for spec in sdist_files(*SDISTS[0], folder=VALID_FAIL):
        passed += [result.line() for result in runner.run_file(spec) if result.status == "PASS"]
    assert passed == []


def _mutants(test):
    """Copies of a test, each with one expectation made wrong in a way no server could satisfy."""
    for index, expected in enumerate(test.get("outcome", [])):
        if expected["documents"]:
            mutant = copy.deepcopy(test)
            mutant["outcome"][index]["documents"][0]["__absent"] = 1
            yield "outcome", mutant
    for index, operation in enumerate(test["operations"]):
        if isinstance(operation.get("expectResult"), (dict, list)) and operation["expectResult"]:
            mutant = copy.deepcopy(test)
            result = mutant["operations"][index]["expectResult"]
            if isinstance(result, list):
                result.append("__absent")  # one element too many
            else:
                result["__absent"] = 1
            yield f"expectResult of operation {index}", mutant
    for index, expected in enumerate(test.get("expectEvents", [])):
        if expected["events"]:
            mutant = copy.deepcopy(test)
            (kind, assertions), = mutant["expectEvents"][index]["events"][0].items()
            assertions["commandName"] = "__absent"
            yield "expectEvents", mutant


def test_a_passing_test_fails_once_an_expectation_is_wrong(engine, internal_client):
    runner = Runner(internal_client, Server(internal_client), engine.uri)
    checked, wrongly_passed = 0, []
    for spec in shared_files():
        for test in spec.doc["tests"]:
            if runner.run_test(spec, test).status != "PASS":
                continue
            for what, mutant in _mutants(test):
                checked += 1
                if runner.run_test(spec, mutant).status == "PASS":
                    wrongly_passed.append(f"{spec.name} :: {test['description']} with a wrong {what}")
    assert checked > 0, "no shared test passes, so nothing was checked"
    assert wrongly_passed == []
