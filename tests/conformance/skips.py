"""Decides whether a test is skipped, and says why. Only two kinds of reason exist:

- its runOnRequirements exclude this server (version, topology, serverless, auth, CSFLE, parameters),
  as the unified format requires;
- it needs what the engine refuses by design (the README's "Not implemented" and
  docs/engine-refusals.md): transactions, fail points, change streams, non-simple collation,
  $out/$merge, collMod, capped, view, time-series and clustered collections, document validation, and
  geo/hashed/wildcard/TTL/hidden indexes.

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
# Operations whose command the engine refuses outright.
REFUSED_COMMANDS = {"modifyCollection": "collMod"}
# `create` options the engine refuses, and the feature each belongs to.
REFUSED_COLLECTION_OPTIONS = {
    "capped": "capped collections", "size": "capped collections", "max": "capped collections",
    "viewOn": "views", "pipeline": "views",
    "timeseries": "time-series collections", "expireAfterSeconds": "time-series collections",
    "clusteredIndex": "clustered collections",
    "validator": "document validation", "validationLevel": "document validation",
    "validationAction": "document validation",
}
REFUSED_INDEX_TYPES = {"2d", "2dsphere", "geoHaystack", "hashed"}
REFUSED_INDEX_OPTIONS = {"expireAfterSeconds": "TTL indexes", "hidden": "hidden indexes"}
REFUSED = "refused by the engine"


def _refused_collection_option(options):
    for option in options or {}:
        if option in REFUSED_COLLECTION_OPTIONS:
            return f"needs {REFUSED_COLLECTION_OPTIONS[option]} ({option}, {REFUSED})"
    return None


def _refused_index(arguments):
    keys = arguments.get("keys") or {}
    for field, kind in keys.items():
        if kind in REFUSED_INDEX_TYPES:
            return f"needs a {kind} index ({REFUSED})"
        if field == "$**" or field.endswith(".$**"):
            return f"needs a wildcard index ({REFUSED})"
    for option in arguments:
        if option in REFUSED_INDEX_OPTIONS:
            return f"needs {REFUSED_INDEX_OPTIONS[option]} ({REFUSED})"
    return None


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
        return f"needs transactions ({REFUSED}, a standalone)"
    if name in FAIL_POINT_OPERATIONS:
        return f"needs fail points (configureFailPoint, {REFUSED})"
    if name in CHANGE_STREAM_OPERATIONS:
        return f"needs change streams ({REFUSED}, a standalone)"
    if name in ("createCollection", "modifyCollection"):
        reason = _refused_collection_option(arguments)
        if reason:
            return reason
    if name in REFUSED_COMMANDS:
        return f"needs {REFUSED_COMMANDS[name]} ({REFUSED})"
    if name == "createIndex":
        reason = _refused_index(arguments)
        if reason:
            return reason
    for pipeline in _pipelines(arguments):
        for stage in pipeline:
            if isinstance(stage, dict) and ("$out" in stage or "$merge" in stage):
                return f"needs $out/$merge ({REFUSED})"
    for collation in _collations(arguments):
        if collation.get("locale") != "simple":
            return f"needs collation {collation.get('locale')!r} (the engine supports only simple)"
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
            return f"needs transactions ({REFUSED}, a standalone)"
    for data in spec_doc.get("initialData", []):
        reason = _refused_collection_option(data.get("createOptions"))
        if reason:
            return reason
    for operation in _walk_operations(test["operations"]):
        reason = _refused_in_operation(operation)
        if reason:
            return reason
    return None
