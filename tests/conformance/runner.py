"""Executes the tests of one unified-format file against a server, following the format's
"Executing a Test": initialData, createEntities, operations, expectEvents, outcome. Each test
yields a Result; nothing raises out of here except a lost server."""
from dataclasses import dataclass

from pymongo.write_concern import WriteConcern

from entities import EntityMap
from errors import check_error, is_operation_error, short
from matching import Matcher, Mismatch, RunnerError, exactly_equal
from operations import CURSOR_RESULTS, Operations
from skips import refused_feature, unmet_requirements, version_tuple

# The newest schema version whose CRUD files this runner has been checked against.
SUPPORTED_SCHEMA = (1, 21)

# The parts of the format the runner implements. Anything else in a file is an error, never ignored:
# an unchecked expectation would turn into a pass the engine has not earned.
FILE_KEYS = {"description", "schemaVersion", "runOnRequirements", "createEntities", "initialData", "tests",
             "_yamlAnchors"}
TEST_KEYS = {"description", "runOnRequirements", "skipReason", "operations", "expectEvents", "outcome"}
OPERATION_KEYS = {"name", "object", "arguments", "expectError", "expectResult", "saveResultAsEntity",
                  "ignoreResultAndError"}
ERROR_KEYS = {"isError", "isClientError", "isTimeoutError", "errorContains", "errorCode", "errorCodeName",
              "errorLabelsContain", "errorLabelsOmit", "errorResponse", "expectResult", "writeErrors",
              "writeConcernErrors"}
EVENTS_KEYS = {"client", "eventType", "events", "ignoreExtraEvents"}


def _unknown_keys(spec_doc, test):
    """The first part of a file or test the runner does not implement, or None."""
    checks = [("file", spec_doc, FILE_KEYS), ("test", test, TEST_KEYS)]
    checks += [("operation", operation, OPERATION_KEYS) for operation in test.get("operations", [])]
    checks += [("expectError", operation["expectError"], ERROR_KEYS)
               for operation in test.get("operations", []) if "expectError" in operation]
    checks += [("expectEvents", expected, EVENTS_KEYS) for expected in test.get("expectEvents", [])]
    for where, document, known in checks:
        unknown = set(document) - known
        if unknown:
            return f"{where} field(s) {sorted(unknown)} not implemented by the runner"
    return None


@dataclass
class Result:
    file: str
    description: str
    status: str  # PASS, FAIL or SKIP
    reason: str = ""

    def line(self):
        tail = f" :: {self.reason}" if self.reason else ""
        return f"{self.status} {self.file} :: {self.description}{tail}"


class Runner:
    def __init__(self, internal_client, server, uri):
        self.internal = internal_client
        self.server = server
        self.uri = uri

    def run_file(self, spec):
        tests = spec.doc.get("tests", [])
        schema = version_tuple(spec.doc.get("schemaVersion", "0"))
        if schema[0] != SUPPORTED_SCHEMA[0] or schema[:2] > SUPPORTED_SCHEMA:
            reason = f"schemaVersion {spec.doc.get('schemaVersion')} is not supported by the runner (1.0-1.21)"
            return [Result(spec.name, test["description"], "FAIL", reason) for test in tests]
        file_skip = unmet_requirements(spec.doc.get("runOnRequirements"), self.server)
        return [self.run_test(spec, test, file_skip) for test in tests]

    def run_test(self, spec, test, file_skip=None):
        result = Result(spec.name, test["description"], "PASS")
        reason = (file_skip or test.get("skipReason")
                  or unmet_requirements(test.get("runOnRequirements"), self.server)
                  or refused_feature(spec.doc, test))
        if reason:
            result.status, result.reason = "SKIP", reason
            return result
        entities = EntityMap(self.uri)
        try:
            unknown = _unknown_keys(spec.doc, test)
            if unknown:
                raise RunnerError(unknown)
            self._initial_data(spec.doc.get("initialData", []))
            entities.create(spec.doc.get("createEntities", []))
            matcher = Matcher(entities)
            runner = Operations(entities)
            for index, operation in enumerate(test["operations"]):
                try:
                    self._operation(runner, matcher, entities, operation)
                except (Mismatch, RunnerError) as error:
                    raise type(error)(f"operation {index} {operation['name']}: {error}") from None
            entities.stop_recording()
            for expected in test.get("expectEvents", []):
                self._events(expected, entities, matcher)
            for expected in test.get("outcome", []):
                self._outcome(expected)
        except Mismatch as error:
            result.status, result.reason = "FAIL", str(error)
        except RunnerError as error:
            result.status, result.reason = "FAIL", f"runner: {error}"
        except Exception as error:  # a setup step or the engine failed where the test expected success
            result.status, result.reason = "FAIL", short(error)
        finally:
            entities.close()
        result.reason = " ".join(result.reason.split())[:300]
        return result

    def _initial_data(self, collections):
        majority = WriteConcern(w="majority")
        for data in collections:
            database = self.internal.get_database(data["databaseName"], write_concern=majority)
            name = data["collectionName"]
            database.drop_collection(name)
            if data.get("createOptions") or not data["documents"]:
                database.create_collection(name, **(data.get("createOptions") or {}))
            if data["documents"]:
                database[name].insert_many(data["documents"])

    def _operation(self, runner, matcher, entities, operation):
        if operation["object"] == "testRunner":
            raise RunnerError(f"unsupported special test operation {operation['name']}")
        try:
            actual, error = runner.run(operation), None
        except (Mismatch, RunnerError):
            raise
        except Exception as raised:
            if not is_operation_error(raised):
                raise
            actual, error = None, raised
        if operation.get("ignoreResultAndError"):
            return
        if "expectError" in operation:
            check_error(operation["expectError"], error, matcher)
            return
        if error is not None:
            raise Mismatch(f"unexpected error {short(error)}")
        if "expectResult" in operation:
            expected = operation["expectResult"]
            if operation["name"] in CURSOR_RESULTS:
                matcher.match_roots(expected, actual, path="result")
            else:
                # A returned document (a write result, findOneAndUpdate's document) is root-level.
                matcher.match(expected, actual, root=isinstance(actual, dict), path="result")
        if "saveResultAsEntity" in operation:
            entities.add(operation["saveResultAsEntity"], actual)

    def _events(self, expected, entities, matcher):
        client = expected["client"]
        if expected.get("eventType", "command") != "command":
            raise RunnerError(f"unsupported eventType {expected['eventType']}")
        if client not in entities.recorders:
            raise RunnerError(f"no client entity {client!r}")
        actual = entities.recorders[client].events
        wanted = expected["events"]
        if len(actual) < len(wanted) or (len(actual) > len(wanted) and not expected.get("ignoreExtraEvents")):
            names = [f"{kind[7:-5]}:{event.command_name}" for kind, event in actual]
            raise Mismatch(f"expected {len(wanted)} event(s) on {client}, observed {len(actual)}: {names}")
        for index, (want, (kind, event)) in enumerate(zip(wanted, actual)):
            (want_kind, assertions), = want.items()
            path = f"events[{index}]"
            if want_kind != kind:
                raise Mismatch(f"{path}: expected {want_kind}, observed {kind} ({event.command_name})")
            for key, value in assertions.items():
                if key == "command":
                    matcher.match(value, event.command, root=True, path=f"{path}.command")
                elif key == "reply":
                    matcher.match(value, event.reply, root=True, path=f"{path}.reply")
                elif key == "commandName":
                    if event.command_name != value:
                        raise Mismatch(f"{path}: expected command {value}, observed {event.command_name}")
                elif key == "databaseName":
                    if event.database_name != value:
                        raise Mismatch(f"{path}: expected database {value}, observed {event.database_name}")
                elif key == "hasServiceId":
                    if (getattr(event, "service_id", None) is not None) != value:
                        raise Mismatch(f"{path}: hasServiceId is not {value}")
                elif key == "hasServerConnectionId":
                    if (getattr(event, "server_connection_id", None) is not None) != value:
                        raise Mismatch(f"{path}: hasServerConnectionId is not {value}")
                else:
                    raise RunnerError(f"unsupported event assertion {key}")

    def _outcome(self, expected):
        collection = self.internal[expected["databaseName"]][expected["collectionName"]]
        actual = list(collection.find({}, sort=[("_id", 1)]))
        try:
            exactly_equal(expected["documents"], actual, path="outcome")
        except Mismatch as error:
            raise Mismatch(f"{error} (collection holds {actual!r})"[:300]) from None
