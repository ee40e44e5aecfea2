"""Decides whether a test is skipped, and says why. Only two kinds of reason exist:

- its runOnRequirements exclude this server (version, topology, serverless, auth, CSFLE, parameters),
  as the unified format requires;
- it needs something the engine refuses by design (README, "Not implemented"): transactions, fail
  points, change streams, non-simple collation, $out/$merge, capped collections, views, document
  validation, special index types.

Anything else runs, and fails if the engine lacks it."""
# What the engine claims to be; none of it depends on the test.
TOPOLOGY = "single"
SERVERLESS = False
AUTH = False
CSFLE = False


def version_tuple(text):
    parts = [int(p) for p in str(text).split(".") if p != ""]
    return tuple(parts + [0] * (3 - len(parts)))


class Server:
    """The engine as runOnRequirements sees it, read once through the internal client."""

    def __init__(self, client):
        self.client = client
        self.version_text = client.admin.command("buildInfo")["version"]
        self.version = version_tuple(self.version_text)
        self._parameters = {}

    def parameter(self, name):
        if name not in self._parameters:
            try:
                self._parameters[name] = self.client.admin.command({"getParameter": 1, name: 1}).get(name)
            except Exception as error:  # an unsupported parameter never satisfies a requirement
                self._parameters[name] = error
        return self._parameters[name]


def _unmet(requirement, server):
    """Why one runOnRequirement is not met, or None when it is."""
    low, high = requirement.get("minServerVersion"), requirement.get("maxServerVersion")
    if low and server.version < version_tuple(low):
        return f"requires server >= {low}; the engine reports {server.version_text}"
    if high and server.version > version_tuple(high):
        return f"requires server <= {high}; the engine reports {server.version_text}"
    topologies = requirement.get("topologies")
    if topologies and TOPOLOGY not in topologies:
        return f"requires topology {'/'.join(topologies)}; the engine is a standalone"
    if requirement.get("serverless") == "require" and not SERVERLESS:
        return "requires Atlas Serverless"
    if requirement.get("auth") is True and not AUTH:
        return "requires authentication, which the engine refuses"
    if requirement.get("authMechanism"):
        return "requires an authentication mechanism; the engine has no authentication"
    if "csfle" in requirement and requirement["csfle"] != CSFLE:
        return "requires client-side field level encryption"
    for name, wanted in (requirement.get("serverParameters") or {}).items():
        actual = server.parameter(name)
        if isinstance(actual, Exception) or actual != wanted:
            return f"requires server parameter {name}={wanted!r}; the engine has {actual!r}"
    return None


def unmet_requirements(requirements, server):
    """None when at least one requirement is met (or there are none), else the first one's reason."""
    if not requirements:
        return None
    reasons = [_unmet(requirement, server) for requirement in requirements]
    if any(reason is None for reason in reasons):
        return None
    return reasons[0]


TRANSACTION_OPERATIONS = {"startTransaction", "commitTransaction", "abortTransaction", "withTransaction"}
FAIL_POINT_OPERATIONS = {"failPoint", "targetedFailPoint"}
CHANGE_STREAM_OPERATIONS = {"createChangeStream", "watch"}
SPECIAL_INDEX_TYPES = {"text", "2d", "2dsphere", "geoHaystack", "hashed"}


def _walk_operations(operations):
    for operation in operations:
        yield operation
        # withTransaction nests its callback's operations
        yield from _walk_operations(operation.get("arguments", {}).get("callback", []))


def _pipelines(arguments):
    if isinstance(arguments.get("pipeline"), list):
        yield arguments["pipeline"]
    for request in arguments.get("requests", []) or []:
        for model in request.values():
            if isinstance(model, dict) and isinstance(model.get("update"), list):
                yield model["update"]


def _refused_in_operation(operation):
    name = operation["name"]
    arguments = operation.get("arguments", {}) or {}
    if name in TRANSACTION_OPERATIONS:
        return "needs transactions (refused by the engine, a standalone)"
    if name in FAIL_POINT_OPERATIONS:
        return "needs fail points (configureFailPoint, refused by the engine)"
    if name in CHANGE_STREAM_OPERATIONS:
        return "needs change streams (refused by the engine, a standalone)"
    for pipeline in _pipelines(arguments):
        for stage in pipeline:
            if isinstance(stage, dict) and ("$out" in stage or "$merge" in stage):
                return "needs $out/$merge (refused by the engine)"
    for collation in _collations(arguments):
        if collation.get("locale") != "simple":
            return f"needs collation {collation.get('locale')!r} (the engine supports only simple)"
    keys = arguments.get("keys") if name == "createIndex" else None
    if isinstance(keys, dict) and any(value in SPECIAL_INDEX_TYPES for value in keys.values()):
        return "needs a text/geo/hashed index (refused by the engine)"
    if name == "createCollection" and arguments.get("capped"):
        return "needs a capped collection (refused by the engine)"
    if name == "createCollection" and "viewOn" in arguments:
        return "needs a view (refused by the engine)"
    if name in ("createCollection", "modifyCollection") and "validator" in arguments:
        return "needs document validation (refused by the engine)"
    return None


def _collations(arguments):
    if isinstance(arguments.get("collation"), dict):
        yield arguments["collation"]
    for request in arguments.get("requests", []) or []:
        for model in request.values():
            if isinstance(model, dict) and isinstance(model.get("collation"), dict):
                yield model["collation"]


def refused_feature(spec_doc, test):
    """The reason the test needs a refused feature, or None."""
    for entity in spec_doc.get("createEntities", []):
        session = entity.get("session")
        if session and "defaultTransactionOptions" in session.get("sessionOptions", {}):
            return "needs transactions (refused by the engine, a standalone)"
    for data in spec_doc.get("initialData", []):
        if (data.get("createOptions") or {}).get("capped"):
            return "needs a capped collection (refused by the engine)"
    for operation in _walk_operations(test["operations"]):
        reason = _refused_in_operation(operation)
        if reason:
            return reason
    return None
